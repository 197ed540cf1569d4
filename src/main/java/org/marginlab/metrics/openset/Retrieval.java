package org.marginlab.metrics.openset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Nearest-neighbour retrieval within one set of embeddings, every sample querying all the others
 * (leave-one-out), as pytorch-metric-learning's AccuracyCalculator with the embeddings as both query and
 * reference. Neighbours rank by cosine similarity, highest first, ties by lower row.
 * <ul>
 * <li>precision@1: the share of queries whose first neighbour has the query's class;</li>
 * <li>MAP@R (Musgrave, Belongie &amp; Lim 2020): with R the number of other samples of the query's class,
 * (1/R)·Σ_{k=1..R} P(k)·rel(k) over the first R neighbours, P(k) the share of the first k that are of
 * the class and rel(k) whether the k-th is; averaged over queries.</li>
 * </ul>
 * A sample alone in its class (R = 0) is no query for either, as in the AccuracyCalculator. Unlike it,
 * R is not capped at 1023 (a faiss limit); Fashion-MNIST's test classes have 1000 images, so R ≤ 999.
 *
 * @param precisionAt1 precision@1, NaN without queries
 * @param mapAtR       MAP@R, NaN without queries
 * @param queries      samples that had another of their class
 */
public record Retrieval(double precisionAt1, double mapAtR, int queries) {

    public static Retrieval of(CosineEmbeddings e) {
        int n = e.count();
        Map<Integer, Integer> perClass = new HashMap<>();
        for (int i = 0; i < n; i++) {
            perClass.merge(e.label(i), 1, Integer::sum);
        }
        double[] sim = new double[n];
        double p1 = 0;
        double map = 0;
        int queries = 0;
        for (int q = 0; q < n; q++) {
            int r = perClass.get(e.label(q)) - 1;
            if (r == 0) {
                continue;
            }
            queries++;
            int[] ranked = topNeighbours(e, q, r, sim);
            double hits = 0;
            double sum = 0;
            for (int k = 0; k < r; k++) {
                if (e.label(ranked[k]) == e.label(q)) {
                    hits++;
                    sum += hits / (k + 1);
                }
            }
            p1 += e.label(ranked[0]) == e.label(q) ? 1 : 0;
            map += sum / r;
        }
        return new Retrieval(queries == 0 ? Double.NaN : p1 / queries, queries == 0 ? Double.NaN : map / queries, queries);
    }

    /**
     * The first {@code r} neighbours of {@code q} in rank order. Only the samples at least as similar as the
     * r-th most similar are sorted: a primitive sort finds that similarity, so a query costs one sort of n
     * doubles and a comparator sort of about r rows.
     */
    private static int[] topNeighbours(CosineEmbeddings e, int q, int r, double[] sim) {
        int n = e.count();
        double[] others = new double[n - 1];
        for (int j = 0, k = 0; j < n; j++) {
            sim[j] = j == q ? Double.NEGATIVE_INFINITY : e.similarity(q, j);
            if (j != q) {
                others[k++] = sim[j];
            }
        }
        Arrays.sort(others);
        double cut = others[others.length - r];
        List<Integer> top = new ArrayList<>(r + 8);
        for (int j = 0; j < n; j++) {
            if (j != q && sim[j] >= cut) {
                top.add(j);
            }
        }
        top.sort((a, b) -> sim[a] != sim[b] ? Double.compare(sim[b], sim[a]) : Integer.compare(a, b));
        int[] out = new int[r];
        for (int k = 0; k < r; k++) {
            out[k] = top.get(k);
        }
        return out;
    }
}
