package org.marginlab.figures.embedding;

import org.marginlab.run.IterationSnapshot;

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
 * @param centers    center-loss class centres C × k (unit length when {@code normalised}), or null
 * @param subCenters every sub-center's direction, C·k' × k unit length (row j·k' + i is sub-center i of class j),
 *                   or null for a head with one weight row per class
 */
public record Projection(double[][] points, double[][] weights, int[] labels, boolean pca, double explained,
                         int dimension, double[][] centers, double[][] subCenters) {

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
        double[][] ctr = null;
        if (s.centers() != null) {
            ctr = new double[s.centers().length][];
            for (int j = 0; j < ctr.length; j++) {
                ctr[j] = toDouble(s.centers()[j]);
                if (normalised) {
                    unit(ctr[j]);
                }
            }
        }
        double[][] sub = null;
        if (s.subCenters() != null) {
            sub = new double[s.subCenters().length][];
            for (int r = 0; r < sub.length; r++) {
                sub[r] = unit(toDouble(s.subCenters()[r]));
            }
        }
        if (d == k) {
            return new Projection(x, w, s.probeLabels().clone(), false, 1, d, ctr, sub);
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
        double[][] pc = null;
        if (ctr != null) {
            pc = new double[ctr.length][];
            for (int j = 0; j < ctr.length; j++) {
                pc[j] = pca.project(ctr[j]);
                if (normalised) {
                    unit(pc[j]);
                }
            }
        }
        double[][] psub = null;
        if (sub != null) {
            psub = new double[sub.length][];
            for (int r = 0; r < sub.length; r++) {
                psub[r] = unit(pca.projectDirection(sub[r]));
            }
        }
        return new Projection(px, pw, s.probeLabels().clone(), true, pca.explainedVariance(), d, pc, psub);
    }

    /** Sub-centers per class (1 without sub-centers). */
    public int subCentersPerClass() {
        return subCenters == null || weights.length == 0 ? 1 : subCenters.length / weights.length;
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
