package org.marginlab.metrics.openset;

/**
 * The open-set metrics of one set of embeddings, on their L2-normalised rows with cosine similarity:
 * leave-one-out retrieval ({@link Retrieval}) and all-pairs verification ({@link Verification}).
 */
public record OpenSetMetrics(Retrieval retrieval, Verification verification) {

    public static OpenSetMetrics of(float[][] features, int[] labels) {
        CosineEmbeddings e = CosineEmbeddings.of(features, labels);
        return new OpenSetMetrics(Retrieval.of(e), Verification.of(e));
    }

    /** "1e-3" for FAR = 10^−3: the key in {@code evaluate --json}. */
    public static String farKey(int exponent) {
        return "1e-" + exponent;
    }
}
