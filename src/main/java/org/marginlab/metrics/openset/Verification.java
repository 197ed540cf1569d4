package org.marginlab.metrics.openset;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Face-verification style evaluation over every unordered pair of samples: a pair is genuine when both
 * have the same class, an impostor pair otherwise, and a threshold t accepts a pair whose cosine
 * similarity is ≥ t. FAR(t) is the share of impostor pairs accepted, TAR(t) of genuine pairs, FRR = 1 − TAR.
 * <ul>
 * <li>TAR@FAR f: the highest TAR of a threshold with FAR ≤ f. With k = ⌊f·N⌋ of the N impostor pairs
 * allowed through and v the (k+1)-th highest impostor similarity, that threshold accepts exactly the pairs
 * above v, so TAR@FAR = #{genuine &gt; v}/P (ties at v are all rejected). It needs k ≥ 1, i.e. N ≥ 1/f
 * impostor pairs; with fewer it is null.</li>
 * <li>EER: min over thresholds of max(FAR, FRR), the error where the two rates cross (exactly their common
 * value when they meet; otherwise the smaller of the two step heights at the crossing).</li>
 * </ul>
 * <p>Memory: all pairs of the 10 000 test images are 50 M similarities, too many to keep. Two passes over
 * the pairs instead: the first counts genuine and impostor similarities in {@link #BINS} equal bins over
 * [−1, 1]; the counts locate the bin holding each FAR's v and the bin where FAR − FRR changes sign, and the
 * second pass keeps only the similarities inside those (at most five) bins, whose exact values give the
 * exact results. Memory is the counts (1 MB) and those bins' members.
 *
 * @param genuinePairs  pairs of the same class
 * @param impostorPairs pairs of different classes
 * @param tarAtFar      TAR at FAR = 10^−1, 10^−2, 10^−3, 10^−4 ({@link #FAR_EXPONENTS}); null for too few
 *                      impostor pairs
 * @param eer           equal error rate; NaN without both kinds of pair
 * @param rocFar        FAR at the bin edges, from 1 down to 0 (for plotting; a threshold per bin)
 * @param rocTar        TAR at the same thresholds
 */
public record Verification(long genuinePairs, long impostorPairs, Double[] tarAtFar, double eer,
                           double[] rocFar, double[] rocTar) {

    /** FAR = 10^−e for these e. */
    public static final int[] FAR_EXPONENTS = {1, 2, 3, 4};
    /** Similarity bins of the first pass; fine enough that the second pass keeps few pairs. */
    static final int BINS = 1 << 16;

    /** Impostor pairs needed to state TAR at FAR = 10^−e. */
    public static long pairsNeeded(int e) {
        return pow10(e);
    }

    public static Verification of(CosineEmbeddings e) {
        long[] gen = new long[BINS];
        long[] imp = new long[BINS];
        forEachPair(e, (s, same) -> (same ? gen : imp)[bin(s)]++);
        long p = Arrays.stream(gen).sum();
        long n = Arrays.stream(imp).sum();
        // Which bins to keep: each FAR's v, and the EER's crossing bin.
        int[] farBin = new int[FAR_EXPONENTS.length];
        long[] farRank = new long[FAR_EXPONENTS.length];
        for (int f = 0; f < FAR_EXPONENTS.length; f++) {
            long k = n / pow10(FAR_EXPONENTS[f]);
            farBin[f] = -1;
            if (k < 1 || p == 0) {
                continue;
            }
            long above = 0;
            for (int b = BINS - 1; b >= 0; b--) {
                if (above + imp[b] >= k + 1) {
                    farBin[f] = b;
                    farRank[f] = k + 1 - above;
                    break;
                }
                above += imp[b];
            }
        }
        int eerBin = p == 0 || n == 0 ? -1 : crossingBin(gen, imp, p, n);
        boolean[] keep = new boolean[BINS];
        for (int b : farBin) {
            if (b >= 0) {
                keep[b] = true;
            }
        }
        if (eerBin >= 0) {
            keep[eerBin] = true;
        }
        Kept kept = new Kept(keep);
        forEachPair(e, kept::add);

        Double[] tar = new Double[FAR_EXPONENTS.length];
        for (int f = 0; f < FAR_EXPONENTS.length; f++) {
            int b = farBin[f];
            if (b < 0) {
                continue;
            }
            double[] inBin = kept.sorted(b, false);
            double v = inBin[(int) (inBin.length - farRank[f])]; // the rank-th highest
            long accepted = countAbove(gen, b);
            for (double g : kept.sorted(b, true)) {
                accepted += g > v ? 1 : 0;
            }
            tar[f] = (double) accepted / p;
        }
        double eer = eerBin < 0 ? Double.NaN : eer(gen, imp, p, n, eerBin, kept);
        return roc(p, n, gen, imp, tar, eer);
    }

    /** The last bin b whose "accept bins ≥ b" has FAR ≥ FRR; the optimum threshold is inside it or at its top. */
    private static int crossingBin(long[] gen, long[] imp, long p, long n) {
        long impAtOrAbove = n;
        long genBelow = 0;
        int last = 0;
        for (int b = 0; b < BINS; b++) {
            // FAR ≥ FRR cross-multiplied: products below 2^53, exact in doubles for up to ~10^7 pairs a kind
            if ((double) impAtOrAbove * p >= (double) genBelow * n) {
                last = b;
            }
            impAtOrAbove -= imp[b];
            genBelow += gen[b];
        }
        return last;
    }

    /**
     * min max(FAR, FRR) over the thresholds at each similarity in bin {@code b} and just above it: below
     * the bin FAR ≥ FRR, so max = FAR, which only falls towards the bin; above it max = FRR, which only
     * rises away from it.
     */
    private static double eer(long[] gen, long[] imp, long p, long n, int b, Kept kept) {
        long impAbove = countAbove(imp, b);
        long genBelow = 0;
        for (int i = 0; i < b; i++) {
            genBelow += gen[i];
        }
        double[] gs = kept.sorted(b, true);
        double[] is = kept.sorted(b, false);
        // just above the bin: accept the bins above only
        double best = Math.max((double) impAbove / n, (double) (genBelow + gs.length) / p);
        for (double t : merged(gs, is)) {
            long impAccepted = impAbove + is.length - lowerBound(is, t);
            long genRejected = genBelow + lowerBound(gs, t);
            best = Math.min(best, Math.max((double) impAccepted / n, (double) genRejected / p));
        }
        return best;
    }

    private static Verification roc(long p, long n, long[] gen, long[] imp, Double[] tar, double eer) {
        double[] far = new double[BINS + 1];
        double[] tr = new double[BINS + 1];
        long impAtOrAbove = n;
        long genAtOrAbove = p;
        for (int b = 0; b <= BINS; b++) {
            far[b] = n == 0 ? Double.NaN : (double) impAtOrAbove / n;
            tr[b] = p == 0 ? Double.NaN : (double) genAtOrAbove / p;
            if (b < BINS) {
                impAtOrAbove -= imp[b];
                genAtOrAbove -= gen[b];
            }
        }
        return new Verification(p, n, tar, eer, far, tr);
    }

    private static long countAbove(long[] counts, int b) {
        long c = 0;
        for (int i = b + 1; i < BINS; i++) {
            c += counts[i];
        }
        return c;
    }

    /** Index of the first value ≥ t in ascending {@code a}. */
    private static int lowerBound(double[] a, double t) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static double[] merged(double[] a, double[] b) {
        double[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    static int bin(double s) {
        int b = (int) Math.floor((s + 1) * 0.5 * BINS);
        return Math.max(0, Math.min(BINS - 1, b));
    }

    private static long pow10(int e) {
        long v = 1;
        for (int i = 0; i < e; i++) {
            v *= 10;
        }
        return v;
    }

    private interface PairSink {
        void accept(double similarity, boolean sameClass);
    }

    private static void forEachPair(CosineEmbeddings e, PairSink sink) {
        int n = e.count();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                sink.accept(e.similarity(i, j), e.label(i) == e.label(j));
            }
        }
    }

    /** The second pass: the exact similarities of the kept bins, genuine and impostor apart. */
    private static final class Kept {
        private final boolean[] keep;
        private final Map<Integer, DoubleList> genuine = new HashMap<>();
        private final Map<Integer, DoubleList> impostor = new HashMap<>();

        Kept(boolean[] keep) {
            this.keep = keep;
        }

        void add(double s, boolean same) {
            int b = bin(s);
            if (keep[b]) {
                (same ? genuine : impostor).computeIfAbsent(b, k -> new DoubleList()).add(s);
            }
        }

        /** Ascending. */
        double[] sorted(int b, boolean same) {
            DoubleList l = (same ? genuine : impostor).get(b);
            double[] a = l == null ? new double[0] : Arrays.copyOf(l.values, l.size);
            Arrays.sort(a);
            return a;
        }
    }

    private static final class DoubleList {
        double[] values = new double[16];
        int size;

        void add(double v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }
    }
}
