package org.marginlab.metrics.openset;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every expected value below is worked out by hand in the comments (except the brute-force cross-check). */
class OpenSetMetricsTest {

    private static final float[] E = {1, 0};
    private static final float[] N = {0, 1};
    private static final float[] W = {-1, 0};
    private static final float[] S = {0, -1};

    private static float[] deg(double degrees) {
        double r = Math.toRadians(degrees);
        return new float[] {(float) Math.cos(r), (float) Math.sin(r)};
    }

    @Test
    void retrievalBreaksSimilarityTiesByLowerRow() {
        // rows 0 E, 1 NE (scaled 3, normalised away), 2 N, 3 W, 4 S; classes 0, 0, 1, 1, 0.
        // Cosines: 0·1 = 1·2 = √½ exactly (same products), 0·2 = 0·4 = 2·3 = 3·4 = 0, 1·3 = 1·4 = −√½, 0·3 = 2·4 = −1.
        // q0 (R=2): 1 (√½), then 2 and 4 tie at 0 → 2 first: hits at 1 only → AP ½, P@1 1
        // q1 (R=2): 0 and 2 tie at √½ → 0 first: AP ½, P@1 1
        // q2 (R=1): 1 first (class 0): AP 0, P@1 0
        // q3 (R=1): 2 and 4 tie at 0 → 2 (class 1): AP 1, P@1 1
        // q4 (R=2): 0 and 3 tie at 0 → 0 (class 0) then 3: AP ½, P@1 1 (the other order would give 0 and ¼)
        float[][] f = {E, {3, 3}, N, W, S};
        Retrieval r = Retrieval.of(CosineEmbeddings.of(f, new int[] {0, 0, 1, 1, 0}));
        assertEquals(5, r.queries());
        assertEquals(4 / 5.0, r.precisionAt1(), 1e-15);
        assertEquals((0.5 + 0.5 + 0 + 1 + 0.5) / 5, r.mapAtR(), 1e-15);
    }

    @Test
    void mapAtRAveragesPrecisionAtEachHitOverR() {
        // angles 0°, 10°, 25°, 45°, 70°; classes 0, 0, 1, 0, 0: row 2 is alone in class 1, so no query (R = 0).
        // q0 (R=3): by angle 10 (hit), 25 (miss), 45 (hit) → (1/1 + 2/3)/3 = 5/9, P@1 1
        // q1: 0 (Δ10 hit), 25 (Δ15 miss), 45 (Δ35 hit) → 5/9, P@1 1
        // q3 (45°): 25 (Δ20 miss), 70 (Δ25 hit, P=1/2), 10 (Δ35 hit, P=2/3) → (1/2 + 2/3)/3 = 7/18, P@1 0
        // q4 (70°): 45 (hit), 25 (miss), 10 (hit) → 5/9, P@1 1
        float[][] f = {deg(0), deg(10), deg(25), deg(45), deg(70)};
        Retrieval r = Retrieval.of(CosineEmbeddings.of(f, new int[] {0, 0, 1, 0, 0}));
        assertEquals(4, r.queries());
        assertEquals(3 / 4.0, r.precisionAt1(), 1e-12);
        assertEquals((5 / 9.0 + 5 / 9.0 + 7 / 18.0 + 5 / 9.0) / 4, r.mapAtR(), 1e-12);
    }

    @Test
    void tarAtFarRejectsTiesAtTheImpostorCutAndSaysWhenThereAreTooFewImpostorPairs() {
        // class A: E E E N, class B: N N W, class C: S S. Cosines: same direction 1, perpendicular 0, opposite −1.
        // genuine (10): A: 3 E-E at 1, 3 E-N at 0; B: N-N at 1, 2 N-W at 0; C: S-S at 1 → five at 1, five at 0.
        // impostor (26): A×B: 6 E-N 0, 3 E-W −1, 2 N-N 1, 1 N-W 0; A×C: 6 E-S 0, 2 N-S −1; B×C: 4 N-S −1, 2 W-S 0
        //   → two at 1, fifteen at 0, nine at −1.
        // FAR 1e-1: k = ⌊2.6⌋ = 2, v = third highest impostor = 0; genuine above 0: 5/10 (the five at 0 tie v: out).
        // 1e-2 and below need ≥ 100 impostor pairs: null.
        // EER: accept ≥ 1: FAR 2/26, FRR 5/10 → ½; accept ≥ 0: FAR 17/26, FRR 0; others 1 → ½.
        float[][] f = {E, E, E, N, N, N, W, S, S};
        Verification v = Verification.of(CosineEmbeddings.of(f, new int[] {0, 0, 0, 0, 1, 1, 1, 2, 2}));
        assertEquals(10, v.genuinePairs());
        assertEquals(26, v.impostorPairs());
        assertEquals(0.5, v.tarAtFar()[0], 1e-15);
        assertNull(v.tarAtFar()[1]);
        assertNull(v.tarAtFar()[2]);
        assertNull(v.tarAtFar()[3]);
        assertEquals(0.5, v.eer(), 1e-15);
    }

    @Test
    void eerIsTheLeastWorseOfTheTwoErrorRates() {
        // class A: 10 × E and one N; class B: 10 × W.
        // genuine (100): 45 E-E + 45 W-W at 1, 10 E-N at 0. impostor (110): 10 N-W at 0, 100 E-W at −1.
        // FAR 1e-1: k = 11, v = 12th highest = −1 → all 100 genuine above: 1.
        // FAR 1e-2: k = 1, v = 2nd highest = 0 → 90/100.  FAR 1e-3: 110 < 1000 pairs: null.
        // EER: accept ≥ 1: FAR 0, FRR 10/100; accept ≥ 0: FAR 10/110, FRR 0 → min of max = 1/11.
        List<float[]> f = new ArrayList<>();
        int[] y = new int[21];
        for (int i = 0; i < 10; i++) {
            f.add(E);
        }
        f.add(N);
        for (int i = 0; i < 10; i++) {
            f.add(W);
            y[11 + i] = 1;
        }
        Verification v = Verification.of(CosineEmbeddings.of(f.toArray(float[][]::new), y));
        assertEquals(100, v.genuinePairs());
        assertEquals(110, v.impostorPairs());
        assertEquals(1.0, v.tarAtFar()[0], 1e-15);
        assertEquals(0.9, v.tarAtFar()[1], 1e-15);
        assertNull(v.tarAtFar()[2]);
        assertEquals(1 / 11.0, v.eer(), 1e-15);
        // the ROC runs from accept-all (FAR 1, TAR 1) to accept-nothing (0, 0)
        assertEquals(1.0, v.rocFar()[0]);
        assertEquals(1.0, v.rocTar()[0]);
        assertEquals(0.0, v.rocFar()[v.rocFar().length - 1]);
        assertEquals(0.0, v.rocTar()[v.rocTar().length - 1]);
    }

    @Test
    void twoPassBinningAgreesWithSortingEveryPair() {
        // Not by hand: the definitions applied literally to every pair, against the streaming two-pass result,
        // on 600 points (179 700 pairs) in 3-D, some duplicated so that similarities tie across bins' members.
        SplittableRandom rnd = new SplittableRandom(7);
        int n = 600;
        float[][] f = new float[n][3];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rnd.nextInt(4);
            if (i > 0 && rnd.nextInt(5) == 0) {
                f[i] = f[rnd.nextInt(i)].clone();
                continue;
            }
            for (int k = 0; k < 3; k++) {
                f[i][k] = (float) (rnd.nextGaussian() + (k == y[i] % 3 ? 1.5 : 0));
            }
        }
        CosineEmbeddings e = CosineEmbeddings.of(f, y);
        List<Double> gen = new ArrayList<>();
        List<Double> imp = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                (y[i] == y[j] ? gen : imp).add(e.similarity(i, j));
            }
        }
        double[] g = gen.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double[] im = imp.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        Verification v = Verification.of(e);
        for (int fi = 0; fi < 4; fi++) {
            int k = (int) (im.length / Math.pow(10, fi + 1));
            if (k < 1) {
                assertNull(v.tarAtFar()[fi]);
                continue;
            }
            double cut = im[im.length - 1 - k];
            long above = Arrays.stream(g).filter(s -> s > cut).count();
            assertEquals((double) above / g.length, v.tarAtFar()[fi], 0.0, "FAR 1e-" + (fi + 1));
        }
        double best = 1;
        double[] all = new double[g.length + im.length];
        System.arraycopy(g, 0, all, 0, g.length);
        System.arraycopy(im, 0, all, g.length, im.length);
        for (double t : all) {
            double far = (im.length - below(im, t)) / (double) im.length;
            double frr = below(g, t) / (double) g.length;
            best = Math.min(best, Math.max(far, frr));
        }
        assertEquals(best, v.eer(), 0.0);
    }

    /** How many of the ascending {@code a} are below t. */
    private static int below(double[] a, double t) {
        int i = Arrays.binarySearch(a, t);
        if (i < 0) {
            return -i - 1;
        }
        while (i > 0 && a[i - 1] == t) {
            i--;
        }
        return i;
    }

    @Test
    void aZeroEmbeddingIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> CosineEmbeddings.of(new float[][] {E, {0, 0}}, new int[] {0, 1}));
        assertEquals(1.0, CosineEmbeddings.of(new float[][] {{2, 0}}, new int[] {0}).similarity(0, 0));
    }
}
