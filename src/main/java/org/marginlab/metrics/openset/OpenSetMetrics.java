package org.marginlab.metrics.openset;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The open-set metrics of one set of embeddings, on their L2-normalised rows with cosine similarity:
 * leave-one-out retrieval ({@link Retrieval}) and all-pairs verification ({@link Verification}).
 */
public record OpenSetMetrics(Retrieval retrieval, Verification verification) {

    public static OpenSetMetrics of(float[][] features, int[] labels) {
        CosineEmbeddings e = CosineEmbeddings.of(features, labels);
        return new OpenSetMetrics(Retrieval.of(e), Verification.of(e));
    }

    /** Pairs compared in verification. */
    public long pairs() {
        return verification.genuinePairs() + verification.impostorPairs();
    }

    /**
     * The fields of {@code marginlab evaluate --json}, in order: precision_at_1, map_at_r, tar_at_far (by
     * {@link #farKey}; null for too few impostor pairs), eer, pairs, classes. NaN becomes null.
     */
    public Map<String, Object> jsonFields(List<Integer> classes) {
        Map<String, Object> tar = new LinkedHashMap<>();
        for (int f = 0; f < Verification.FAR_EXPONENTS.length; f++) {
            tar.put(farKey(Verification.FAR_EXPONENTS[f]), verification.tarAtFar()[f]);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("precision_at_1", finite(retrieval.precisionAt1()));
        m.put("map_at_r", finite(retrieval.mapAtR()));
        m.put("tar_at_far", tar);
        m.put("eer", finite(verification.eer()));
        m.put("pairs", pairs());
        m.put("classes", classes);
        return m;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** "1e-3" for FAR = 10^−3: the key in {@code evaluate --json}. */
    public static String farKey(int exponent) {
        return "1e-" + exponent;
    }
}
