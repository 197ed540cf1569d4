package org.marginlab.loss;

/**
 * A head's logits as plain functions of the angle θ between a feature and a class weight, for the
 * analytic figures (ψ-curves, ∂Z/∂θ, the s trade-off) and for the measured ∂L/∂θ_y of probe samples.
 * xNorm = ‖x‖ and wNorm = ‖W_j‖; heads that normalise ignore them.
 */
public interface HeadFunctions {

    /** Floor of a norm before dividing by it; the DJL head uses the same. */
    double NORM_EPS = 1e-12;
    /** cos θ is clipped to [−1 + COS_CLIP, 1 − COS_CLIP] before acos; the DJL head uses the same. */
    double COS_CLIP = 1e-7;

    HeadKind kind();

    HeadParams params();

    /** Z_y(θ): the target-class logit, margin included. */
    double targetLogit(double theta, double xNorm, double wNorm);

    /** Z_j(θ) for a non-target class j ≠ y. */
    double otherLogit(double theta, double xNorm, double wNorm);

    /** ∂Z_y/∂θ_y. */
    double targetSlope(double theta, double xNorm, double wNorm);

    /** ∂Z_j/∂θ_j for j ≠ y. */
    double otherSlope(double theta, double xNorm, double wNorm);

    /**
     * The logits without margin of feature x against class weights w (rows), in plain doubles: every
     * class gets {@link #otherLogit} at θ_j = acos(clip(cos θ_j, ±(1 − 1e-7))). Its argmax is the head's
     * prediction, as {@link Head#predictLogits} computes it on NDArrays (e.g. for decision-region plots).
     */
    default double[] plainLogits(double[] x, double[][] w) {
        int k = kind().type().subCenters(params());
        if (w.length % k != 0) {
            throw new IllegalArgumentException(w.length + " weight rows are not " + k + " sub-centers per class");
        }
        double xNorm = Math.max(norm(x), NORM_EPS);
        double[] z = new double[w.length / k];
        for (int c = 0; c < z.length; c++) {
            double bestTheta = Double.POSITIVE_INFINITY;
            double bestNorm = 0;
            for (int j = c * k; j < (c + 1) * k; j++) { // with sub-centers, the nearest of the class's k rows
                if (w[j].length != x.length) {
                    throw new IllegalArgumentException("w[" + j + "] has " + w[j].length + " numbers, x has " + x.length);
                }
                double wNorm = Math.max(norm(w[j]), NORM_EPS);
                double dot = 0;
                for (int i = 0; i < x.length; i++) {
                    dot += (x[i] / xNorm) * (w[j][i] / wNorm);
                }
                double theta = Math.acos(Math.min(Math.max(dot, -1 + COS_CLIP), 1 - COS_CLIP));
                if (theta < bestTheta) {
                    bestTheta = theta;
                    bestNorm = wNorm;
                }
            }
            z[c] = otherLogit(bestTheta, xNorm, bestNorm);
        }
        return z;
    }

    /** The predicted class: argmax of {@link #plainLogits} (the first on ties). */
    default int predict(double[] x, double[][] w) {
        double[] z = plainLogits(x, w);
        int best = 0;
        for (int j = 1; j < z.length; j++) {
            if (z[j] > z[best]) {
                best = j;
            }
        }
        return best;
    }

    /**
     * P_y: the softmax of the head's logits at feature x's true class y, Z_y with its margin and every other
     * class without, against class weights w (rows); what the hover card, the embedding CSV and the web page
     * show for a probe.
     */
    default double targetProbability(float[] x, float[][] w, int y) {
        double xNorm = 0;
        for (float a : x) {
            xNorm += a * a;
        }
        xNorm = Math.sqrt(xNorm);
        double[] z = new double[w.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < w.length; j++) {
            double wNorm = 0;
            double dot = 0;
            for (int i = 0; i < x.length; i++) {
                wNorm += w[j][i] * w[j][i];
                dot += x[i] * w[j][i];
            }
            wNorm = Math.sqrt(wNorm);
            double theta = Math.acos(Math.max(-1, Math.min(1, dot / Math.max(1e-12, xNorm * wNorm))));
            z[j] = j == y ? targetLogit(theta, xNorm, wNorm) : otherLogit(theta, xNorm, wNorm);
            max = Math.max(max, z[j]);
        }
        double sum = 0;
        for (double v : z) {
            sum += Math.exp(v - max);
        }
        return Math.exp(z[y] - max) / sum;
    }

    private static double norm(double[] v) {
        double ss = 0;
        for (double a : v) {
            ss += a * a;
        }
        return Math.sqrt(ss);
    }

    static HeadFunctions of(HeadKind kind, HeadParams params) {
        return new AnalyticHead(kind, params);
    }
}
