package org.marginlab.figures.embedding;

import org.marginlab.train.IterationSnapshot;

/**
 * A snapshot's probe features and class weights in k = 2 or 3 plot dimensions: the first k coordinates
 * when d = k, otherwise a PCA projection (fitted on the features as plotted) labelled as such.
 *
 * @param points     N × k plotted coordinates (unit length when {@code normalised})
 * @param weights    C × k class-weight directions, unit length
 * @param labels     class of each point
 * @param pca        whether a PCA projection was used
 * @param explained  variance fraction the projection keeps (1 without PCA)
 * @param dimension  the embedding dimension d of the run
 */
public record Projection(double[][] points, double[][] weights, int[] labels, boolean pca, double explained,
                         int dimension) {

    public static Projection of(IterationSnapshot s, int k, boolean normalised) {
        int d = s.dimension();
        int n = s.embeddings().length;
        double[][] x = new double[n][];
        for (int i = 0; i < n; i++) {
            x[i] = toDouble(s.embeddings()[i]);
            if (normalised) {
                unit(x[i]);
            }
        }
        double[][] w = new double[s.weights().length][];
        for (int j = 0; j < w.length; j++) {
            w[j] = unit(toDouble(s.weights()[j]));
        }
        if (d == k) {
            return new Projection(x, w, s.probeLabels().clone(), false, 1, d);
        }
        Pca pca = Pca.fit(x.length >= 2 ? x : w, k);
        double[][] px = new double[n][];
        for (int i = 0; i < n; i++) {
            px[i] = pca.project(x[i]);
            if (normalised) {
                unit(px[i]);
            }
        }
        double[][] pw = new double[w.length][];
        for (int j = 0; j < w.length; j++) {
            pw[j] = unit(pca.projectDirection(w[j]));
        }
        return new Projection(px, pw, s.probeLabels().clone(), true, pca.explainedVariance(), d);
    }

    static double[] toDouble(float[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    /** Scales {@code v} to unit length in place (a zero vector stays zero) and returns it. */
    static double[] unit(double[] v) {
        double s = 0;
        for (double a : v) {
            s += a * a;
        }
        s = Math.sqrt(s);
        if (s > 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] /= s;
            }
        }
        return v;
    }

    public static double norm(float[] v) {
        double s = 0;
        for (float a : v) {
            s += a * a;
        }
        return Math.sqrt(s);
    }
}
