package org.marginlab.figures;

import org.marginlab.loss.HeadFunctions;
import org.marginlab.loss.HeadParams;
import org.marginlab.metrics.AngleStatistics;
import org.marginlab.run.EpochSnapshot;
import org.marginlab.run.IterationSnapshot;

/**
 * What the θ_y histograms, the similarity and the confusion matrices draw at one point of a run: the whole
 * test set at an epoch's end ({@link EpochSnapshot}), or, between epoch ends and before the first, the probe
 * set of a snapshot, worked out here from the snapshot's own features, weights and θ_y (so these figures
 * move from the first second of a run). Each says which set it counts in {@link #source}.
 *
 * @param testSet          whether it is the whole test set (else the probe set)
 * @param epoch            zero-based epoch the point belongs to
 * @param iteration        global iteration
 * @param samples          images counted
 * @param accuracy         share of them predicted right, in [0, 1]; NaN when the head is not known
 * @param histogramEdges   bin edges in radians over [0, π]
 * @param thetaHistograms  counts of θ_y per class and bin, C × bins
 * @param similarity       cosine similarities of up to {@link AngleStatistics#similarityPerClass} features a
 *                         class, rows ordered by class
 * @param similarityLabels class of each similarity row, non-decreasing
 * @param confusion        counts [true class][predicted class]; null when the head is not known
 */
public record Evaluation(boolean testSet, int epoch, long iteration, int samples, double accuracy,
                         double[] histogramEdges, int[][] thetaHistograms, float[][] similarity,
                         int[] similarityLabels, int[][] confusion) {

    /** The test set at the end of an epoch, as the run recorded it. */
    public static Evaluation of(EpochSnapshot e) {
        int n = 0;
        if (e.confusion() != null) {
            for (int[] row : e.confusion()) {
                for (int v : row) {
                    n += v;
                }
            }
        }
        if (n == 0) {
            for (int[] row : e.thetaHistograms()) {
                for (int v : row) {
                    n += v;
                }
            }
        }
        return new Evaluation(true, e.epoch(), e.iteration(), n, e.testAccuracy(), e.histogramEdges(),
                e.thetaHistograms(), e.similarity(), e.similarityLabels(), e.confusion());
    }

    /**
     * The probe set of one snapshot: θ_y as recorded, binned like the test set's; the cosine similarities of
     * the first {@link AngleStatistics#similarityPerClass} probes of each class; predictions by the head's
     * logits without margin at the snapshot's parameters ({@link HeadFunctions#predict}, as the engine's
     * {@code predictLogits}), or no confusion matrix when {@code params} is null.
     */
    public static Evaluation ofProbes(IterationSnapshot s, org.marginlab.loss.HeadKind head, HeadParams params) {
        int c = s.classCount();
        int[] labels = s.probeLabels();
        int bins = AngleStatistics.HISTOGRAM_BINS;
        int[][] hist = AngleStatistics.histograms(s.thetaY(), labels, c, bins);
        java.util.List<Integer> order = new java.util.ArrayList<>();
        int[] taken = new int[c];
        int perClass = AngleStatistics.similarityPerClass(c);
        for (int cls = 0; cls < c; cls++) {
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == cls && taken[cls] < perClass) {
                    taken[cls]++;
                    order.add(i);
                }
            }
        }
        float[][] rows = new float[order.size()][];
        int[] rowLabels = new int[order.size()];
        for (int k = 0; k < rows.length; k++) {
            rows[k] = s.embeddings()[order.get(k)];
            rowLabels[k] = labels[order.get(k)];
        }
        int[][] confusion = null;
        double accuracy = Double.NaN;
        if (head != null && params != null && c > 0) {
            HeadFunctions f = HeadFunctions.of(head, params);
            double[][] w = new double[c][];
            for (int j = 0; j < c; j++) {
                w[j] = toDouble(s.weights()[j]);
            }
            confusion = new int[c][c];
            int hits = 0;
            for (int i = 0; i < labels.length; i++) {
                int p = f.predict(toDouble(s.embeddings()[i]), w);
                confusion[labels[i]][p]++;
                hits += p == labels[i] ? 1 : 0;
            }
            accuracy = labels.length == 0 ? Double.NaN : hits / (double) labels.length;
        }
        return new Evaluation(false, s.epoch(), s.iteration(), labels.length, accuracy, AngleStatistics.edges(bins),
                hist, AngleStatistics.cosineMatrix(rows), rowLabels, confusion);
    }

    private static double[] toDouble(float[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    /** e.g. {@code "test set (10000 images), end of epoch 2"} or {@code "probe set (200 images), iteration 30"}. */
    public String source() {
        return testSet ? "test set (" + samples + " images), end of epoch " + (epoch + 1)
                : "probe set (" + samples + " images), iteration " + iteration;
    }

    /** A ridge's short name: {@code "epoch 2"} for the test set, {@code "it. 30"} for a snapshot's probes. */
    public String shortName() {
        return testSet ? "epoch " + (epoch + 1) : "it. " + iteration;
    }
}
