package org.marginlab.metrics.openset;

/**
 * Embeddings scaled to unit length, so that the cosine similarity of two samples is the dot product of
 * their rows. Row order is the order the samples were given in; the metrics break ties in similarity by
 * it (lower row first), so results do not depend on a sort's whims.
 */
public final class CosineEmbeddings {

    private final double[][] rows;
    private final int[] labels;

    private CosineEmbeddings(double[][] rows, int[] labels) {
        this.rows = rows;
        this.labels = labels;
    }

    /**
     * @param features n × d embeddings, any length
     * @param labels   n class labels (any integers)
     * @throws IllegalArgumentException when a row has zero or non-finite length (no direction to compare)
     */
    public static CosineEmbeddings of(float[][] features, int[] labels) {
        if (features.length != labels.length) {
            throw new IllegalArgumentException(features.length + " embeddings but " + labels.length + " labels");
        }
        double[][] rows = new double[features.length][];
        for (int i = 0; i < features.length; i++) {
            double sq = 0;
            for (float v : features[i]) {
                sq += (double) v * v;
            }
            double norm = Math.sqrt(sq);
            if (!(norm > 0) || !Double.isFinite(norm)) {
                throw new IllegalArgumentException("embedding " + i + " has length " + norm + "; it has no direction");
            }
            rows[i] = new double[features[i].length];
            for (int k = 0; k < rows[i].length; k++) {
                rows[i][k] = features[i][k] / norm;
            }
        }
        return new CosineEmbeddings(rows, labels.clone());
    }

    public int count() {
        return rows.length;
    }

    public int label(int i) {
        return labels[i];
    }

    /** Cosine similarity of samples i and j. */
    public double similarity(int i, int j) {
        double[] a = rows[i];
        double[] b = rows[j];
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += a[k] * b[k];
        }
        return s;
    }
}
