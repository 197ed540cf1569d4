package org.marginlab.run;

import org.marginlab.loss.HeadParams;

/**
 * What the figures need from one logged training iteration, as plain arrays copied off the
 * native tensors on the training thread, so any thread may read them.
 *
 * @param iteration     global iteration (optimizer steps since the start of the run)
 * @param epoch         zero-based epoch the iteration belongs to
 * @param embeddings    probe embeddings, N × d, raw (not normalised)
 * @param probeLabels   class of each probe row, length N
 * @param weights       class weights W, C × d (row j = W_j)
 * @param centers       center-loss centres, C × d, or {@code null} for other heads
 * @param thetaY        angle (radians) between each probe embedding and its class weight, length N
 * @param dLdThetaY     closed form (P_y − 1)·∂Z_y/∂θ_y of each probe with its live P_y, θ_j (j ≠ y) held
 *                      fixed, length N

 * @param loss          running mean training loss since the previous snapshot
 * @param trainAccuracy running training accuracy since the previous snapshot, in [0, 1]
 * @param learningRate  learning rate at this iteration
 * @param imagesPerSecond training throughput since the previous snapshot
 * @param headParams    the head parameters in force at this iteration (warmed-up s and m, annealed λ),
 *                      which the probes' P_y and gradients used; {@code null} for snapshots written
 *                      before they were recorded ({@code RunData.paramsAt} then recomputes them)
 * @param dLdThetaAlong measured dL/dθ_y of each probe's own loss along the great circle from x̂ towards
 *                      W_y (‖x‖ fixed, every θ_j moving), by autograd on the live head
 *                      ({@code train.AlongFeatureGradient}); length N, NaN where undefined, {@code null} in runs
 *                      recorded before it was measured
 * @param probeIds      index in the full Fashion-MNIST test set of each probe row (its sample id), also when
 *                      classes are held out, length N; {@code null} in
 *                      runs recorded before it was kept
 * @param subCenters    every weight row of a head with k > 1 sub-centers per class, C·k × d (row j·k + i is
 *                      sub-center i of class j; {@code weights} holds each class's dominant one), or
 *                      {@code null} with one row per class and in runs recorded before they were kept
 * @param paramsComplete whether {@code headParams} holds every parameter in force (m1–m3, k, ψ and the dynamic
 *                      flag too); false for snapshots read back from runs that recorded only s, m, λ and the
 *                      easy margin, whose other values {@code RunData.paramsAt} takes from the run's config
 */
public record IterationSnapshot(
        long iteration,
        int epoch,
        float[][] embeddings,
        int[] probeLabels,
        float[][] weights,
        float[][] centers,
        float[] thetaY,
        float[] dLdThetaY,
        double loss,
        double trainAccuracy,
        double learningRate,
        double imagesPerSecond,
        HeadParams headParams,
        float[] dLdThetaAlong,
        int[] probeIds,
        float[][] subCenters,
        boolean paramsComplete) {

    /** A snapshot taken now: its head parameters, when given, are all those in force. */
    public IterationSnapshot(long iteration, int epoch, float[][] embeddings, int[] probeLabels, float[][] weights,
                             float[][] centers, float[] thetaY, float[] dLdThetaY, double loss, double trainAccuracy,
                             double learningRate, double imagesPerSecond, HeadParams headParams, float[] dLdThetaAlong,
                             int[] probeIds, float[][] subCenters) {
        this(iteration, epoch, embeddings, probeLabels, weights, centers, thetaY, dLdThetaY, loss, trainAccuracy,
                learningRate, imagesPerSecond, headParams, dLdThetaAlong, probeIds, subCenters, true);
    }

    /** A snapshot with one weight row per class (no sub-centers). */
    public IterationSnapshot(long iteration, int epoch, float[][] embeddings, int[] probeLabels, float[][] weights,
                             float[][] centers, float[] thetaY, float[] dLdThetaY, double loss, double trainAccuracy,
                             double learningRate, double imagesPerSecond, HeadParams headParams, float[] dLdThetaAlong,
                             int[] probeIds) {
        this(iteration, epoch, embeddings, probeLabels, weights, centers, thetaY, dLdThetaY, loss, trainAccuracy,
                learningRate, imagesPerSecond, headParams, dLdThetaAlong, probeIds, null);
    }

    /** A snapshot without sample ids, as runs recorded before they were kept read back. */
    public IterationSnapshot(long iteration, int epoch, float[][] embeddings, int[] probeLabels, float[][] weights,
                             float[][] centers, float[] thetaY, float[] dLdThetaY, double loss, double trainAccuracy,
                             double learningRate, double imagesPerSecond, HeadParams headParams, float[] dLdThetaAlong) {
        this(iteration, epoch, embeddings, probeLabels, weights, centers, thetaY, dLdThetaY, loss, trainAccuracy,
                learningRate, imagesPerSecond, headParams, dLdThetaAlong, null);
    }

    /** The same snapshot with another measured speed (a recomputed snapshot equals the one on record but for it). */
    public IterationSnapshot withImagesPerSecond(double v) {
        return new IterationSnapshot(iteration, epoch, embeddings, probeLabels, weights, centers, thetaY, dLdThetaY, loss,
                trainAccuracy, learningRate, v, headParams, dLdThetaAlong, probeIds, subCenters, paramsComplete);
    }

    public int dimension() {
        return weights.length == 0 ? 0 : weights[0].length;
    }

    public int classCount() {
        return weights.length;
    }

    /** Sub-centers per class: k of a Sub-center ArcFace run, 1 otherwise. */
    public int subCentersPerClass() {
        return subCenters == null || weights.length == 0 ? 1 : subCenters.length / weights.length;
    }

    /**
     * The class rows a head compares feature {@code x} with: {@code weights}, or for a head with sub-centers, each
     * class's sub-center nearest to x (largest cosine), as its logit takes the max over them. The dominant
     * sub-center {@code weights} holds is the one nearest to most of the class, not necessarily to x.
     */
    public float[][] weightsSeenBy(float[] x) {
        int k = subCentersPerClass();
        if (k == 1) {
            return weights;
        }
        float[][] rows = new float[weights.length][];
        for (int j = 0; j < weights.length; j++) {
            double best = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < k; i++) {
                float[] w = subCenters[j * k + i];
                double dot = 0;
                double ww = 0;
                for (int d = 0; d < x.length; d++) {
                    dot += x[d] * w[d];
                    ww += w[d] * w[d];
                }
                double cos = dot / Math.max(1e-12, Math.sqrt(ww));
                if (cos > best) {
                    best = cos;
                    rows[j] = w;
                }
            }
        }
        return rows;
    }

    /** Which of class j's sub-centers is its dominant one (the row {@code weights} holds); 0 without sub-centers. */
    public int dominantSubCenter(int j) {
        int k = subCentersPerClass();
        for (int i = 0; i < k; i++) {
            if (java.util.Arrays.equals(subCenters[j * k + i], weights[j])) {
                return i;
            }
        }
        return 0;
    }
}
