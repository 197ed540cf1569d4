package org.marginlab.metrics;

/**
 * The angle statistics of the angular-loss paper (Sec. 4.2.2), in radians, from plain arrays:
 * <ul>
 *   <li>WC-Intra (Eq. 12): mean over classes j of ∠(Center_j, W_j);</li>
 *   <li>W-Inter (Eq. 13): mean over ordered pairs i ≠ j of ∠(W_i, W_j);</li>
 *   <li>C-Inter (Eq. 14 as its text defines it): mean over i ≠ j of ∠(Center_i, Center_j).</li>
 * </ul>
 * Center_j is the mean of the (raw) features of class j. Classes without samples are left out of the
 * means that need their centre.
 */
public final class AngleStatistics {

    private AngleStatistics() {
    }

    /**
     * θ_y histogram bins over [0, π], 0.1° (0.0017 rad) each: fine enough for the papers' WC-Intra of
     * 0.002–0.03 rad; the histogram figure merges them over the range the data occupies.
     */
    public static final int HISTOGRAM_BINS = 1800;
    /**
     * Features in the cosine similarity matrix (Eq. 15 of the angular-loss paper), split evenly over the classes:
     * 10 per class of ten, one per class of a hundred, as the paper's Fig. 8 on CIFAR-100.
     */
    public static final int SIMILARITY_FEATURES = 100;

    /** Features per class in the similarity matrix: {@link #SIMILARITY_FEATURES} over the classes, at least one. */
    public static int similarityPerClass(int classes) {
        return Math.max(1, SIMILARITY_FEATURES / classes);
    }

    /** Angle between two vectors in [0, π]; π/2 when either is zero (it has no direction). */
    /** Euclidean norm, accumulated in double. */
    public static double norm(float[] v) {
        double s = 0;
        for (float a : v) {
            s += (double) a * a;
        }
        return Math.sqrt(s);
    }

    public static double angle(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int k = 0; k < a.length; k++) {
            dot += (double) a[k] * b[k];
            na += (double) a[k] * a[k];
            nb += (double) b[k] * b[k];
        }
        if (na == 0 || nb == 0) {
            return Math.PI / 2;
        }
        double c = dot / Math.sqrt(na * nb);
        return Math.acos(Math.max(-1, Math.min(1, c)));
    }

    /**
     * Per-class feature centres, C × d; a class with no sample gets {@code null}.
     *
     * @param features N × d, flattened row-major
     */
    public static float[][] centres(float[] features, int dim, int[] labels, int classes) {
        double[][] sum = new double[classes][dim];
        int[] n = new int[classes];
        for (int i = 0; i < labels.length; i++) {
            int y = labels[i];
            n[y]++;
            for (int k = 0; k < dim; k++) {
                sum[y][k] += features[i * dim + k];
            }
        }
        float[][] c = new float[classes][];
        for (int j = 0; j < classes; j++) {
            if (n[j] == 0) {
                continue;
            }
            c[j] = new float[dim];
            for (int k = 0; k < dim; k++) {
                c[j][k] = (float) (sum[j][k] / n[j]);
            }
        }
        return c;
    }

    /** Eq. 12: mean over classes with samples of ∠(Center_j, W_j). */
    public static double wcIntra(float[][] centres, float[][] weights) {
        double sum = 0;
        int n = 0;
        for (int j = 0; j < weights.length; j++) {
            if (centres[j] != null) {
                sum += angle(centres[j], weights[j]);
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Eq. 13: mean over i ≠ j of ∠(W_i, W_j). */
    public static double wInter(float[][] weights) {
        return meanPairAngle(weights);
    }

    /** C-Inter: mean over i ≠ j (both with samples) of ∠(Center_i, Center_j). */
    public static double cInter(float[][] centres) {
        return meanPairAngle(centres);
    }

    private static double meanPairAngle(float[][] v) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < v.length; i++) {
            for (int j = 0; j < v.length; j++) {
                if (i != j && v[i] != null && v[j] != null) {
                    sum += angle(v[i], v[j]);
                    n++;
                }
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** WC-Intra, W-Inter and C-Inter of one set of features, in radians. */
    public record Summary(double wcIntra, double wInter, double cInter) {
    }

    /** The three statistics of the given feature rows (e.g. a snapshot's probe set) against W. */
    public static Summary of(float[][] rows, int[] labels, float[][] weights) {
        int d = weights.length == 0 ? 0 : weights[0].length;
        float[] flat = new float[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * d, d);
        }
        float[][] c = centres(flat, d, labels, weights.length);
        return new Summary(wcIntra(c, weights), wInter(weights), cInter(c));
    }

    /** θ_y of every sample: ∠(x_i, W_{y_i}). */
    public static float[] thetaY(float[] features, int dim, int[] labels, float[][] weights) {
        float[] out = new float[labels.length];
        float[] x = new float[dim];
        for (int i = 0; i < labels.length; i++) {
            System.arraycopy(features, i * dim, x, 0, dim);
            out[i] = (float) angle(x, weights[labels[i]]);
        }
        return out;
    }

    /**
     * θ_y with k sub-centers per class (weights (C·k)×d, row j·k + i is sub-center i of class j): the angle to
     * the nearest of the label's k rows, as Sub-center ArcFace scores a sample. k = 1 is {@link #thetaY}.
     */
    public static float[] thetaY(float[] features, int dim, int[] labels, float[][] weights, int k) {
        float[] out = new float[labels.length];
        float[] x = new float[dim];
        for (int i = 0; i < labels.length; i++) {
            System.arraycopy(features, i * dim, x, 0, dim);
            double best = Double.POSITIVE_INFINITY;
            for (int r = labels[i] * k; r < (labels[i] + 1) * k; r++) {
                best = Math.min(best, angle(x, weights[r]));
            }
            out[i] = (float) best;
        }
        return out;
    }

    /**
     * Each class's dominant sub-center: of its k rows, the one nearest to the most of the class's samples
     * (the lowest index on a tie, and sub-center 0 for a class without samples). C rows.
     */
    public static float[][] dominantSubCenters(float[] features, int dim, int[] labels, float[][] weights, int k) {
        int classes = weights.length / k;
        int[][] votes = new int[classes][k];
        float[] x = new float[dim];
        for (int i = 0; i < labels.length; i++) {
            System.arraycopy(features, i * dim, x, 0, dim);
            int best = 0;
            for (int r = 1; r < k; r++) {
                if (angle(x, weights[labels[i] * k + r]) < angle(x, weights[labels[i] * k + best])) {
                    best = r;
                }
            }
            votes[labels[i]][best]++;
        }
        float[][] out = new float[classes][];
        for (int j = 0; j < classes; j++) {
            int best = 0;
            for (int r = 1; r < k; r++) {
                if (votes[j][r] > votes[j][best]) {
                    best = r;
                }
            }
            out[j] = weights[j * k + best].clone();
        }
        return out;
    }

    /** Counts of θ_y per class over {@code bins} equal bins on [0, π]; edges are {@link #edges}. */
    public static int[][] histograms(float[] thetaY, int[] labels, int classes, int bins) {
        int[][] h = new int[classes][bins];
        for (int i = 0; i < labels.length; i++) {
            int b = (int) Math.floor(thetaY[i] / Math.PI * bins);
            h[labels[i]][Math.max(0, Math.min(bins - 1, b))]++;
        }
        return h;
    }

    public static double[] edges(int bins) {
        double[] e = new double[bins + 1];
        for (int b = 0; b <= bins; b++) {
            e[b] = Math.PI * b / bins;
        }
        return e;
    }

    /** Cosine similarity matrix of the given rows (Eq. 15 of the angular-loss paper). */
    public static float[][] cosineMatrix(float[][] rows) {
        int m = rows.length;
        double[] norm = new double[m];
        for (int i = 0; i < m; i++) {
            double s = 0;
            for (float v : rows[i]) {
                s += (double) v * v;
            }
            norm[i] = Math.max(Math.sqrt(s), 1e-12);
        }
        float[][] out = new float[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                double dot = 0;
                for (int k = 0; k < rows[i].length; k++) {
                    dot += (double) rows[i][k] * rows[j][k];
                }
                out[i][j] = (float) (dot / (norm[i] * norm[j]));
            }
        }
        return out;
    }
}
