package org.marginlab.metrics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Hand-worked 2-D case: W = (1,0), (0,1), (−1,0); features as below. */
class AngleStatisticsTest {
    private static final float[][] W = {{1, 0}, {0, 1}, {-1, 0}};
    // class 0: (1,1), (1,−1) → centre (1,0); class 1: (0,2) → centre (0,2); class 2: (−1,1) → centre (−1,1)
    private static final float[] X = {1, 1, 1, -1, 0, 2, -1, 1};
    private static final int[] Y = {0, 0, 1, 2};

    @Test
    void centresAreClassMeans() {
        float[][] c = AngleStatistics.centres(X, 2, Y, 4);
        assertArrayEquals(new float[] {1, 0}, c[0]);
        assertArrayEquals(new float[] {0, 2}, c[1]);
        assertArrayEquals(new float[] {-1, 1}, c[2]);
        assertNull(c[3], "a class without samples has no centre");
    }

    @Test
    void wcIntraIsMeanAngleBetweenCentreAndWeight() {
        // angles 0, 0, π/4 → π/12
        assertEquals(Math.PI / 12, AngleStatistics.wcIntra(AngleStatistics.centres(X, 2, Y, 3), W), 1e-7);
    }

    @Test
    void wInterIsMeanOverOrderedPairs() {
        // pairs: (0,1) π/2, (0,2) π, (1,2) π/2 → each twice over 6 ordered pairs → 2π/3
        assertEquals(2 * Math.PI / 3, AngleStatistics.wInter(W), 1e-7);
    }

    @Test
    void cInterIsMeanAngleBetweenDifferentCentres() {
        // (1,0)-(0,2) π/2, (1,0)-(−1,1) 3π/4, (0,2)-(−1,1) π/4 → π/2
        assertEquals(Math.PI / 2, AngleStatistics.cInter(AngleStatistics.centres(X, 2, Y, 3)), 1e-7);
        // a class without samples is left out rather than counted as π/2
        assertEquals(Math.PI / 2, AngleStatistics.cInter(AngleStatistics.centres(X, 2, Y, 4)), 1e-7);
    }

    @Test
    void thetaYAndHistogram() {
        float[] t = AngleStatistics.thetaY(X, 2, Y, W);
        assertArrayEquals(new float[] {(float) (Math.PI / 4), (float) (Math.PI / 4), 0f, (float) (Math.PI / 4)}, t, 1e-6f);
        int[][] h = AngleStatistics.histograms(t, Y, 3, 3);
        assertArrayEquals(new int[] {2, 0, 0}, h[0]);
        assertArrayEquals(new int[] {1, 0, 0}, h[1]);
        assertArrayEquals(new int[] {1, 0, 0}, h[2]);
        assertArrayEquals(new double[] {0, Math.PI / 3, 2 * Math.PI / 3, Math.PI}, AngleStatistics.edges(3), 1e-12);
        // θ = π lands in the last bin, not past it
        assertArrayEquals(new int[] {0, 0, 1}, AngleStatistics.histograms(new float[] {(float) Math.PI}, new int[] {0}, 1, 3)[0]);
    }

    @Test
    void cosineMatrix() {
        float[][] m = AngleStatistics.cosineMatrix(new float[][] {{1, 0}, {0, 3}, {2, 2}});
        float r = (float) (1 / Math.sqrt(2));
        assertArrayEquals(new float[] {1, 0, r}, m[0], 1e-6f);
        assertArrayEquals(new float[] {0, 1, r}, m[1], 1e-6f);
        assertArrayEquals(new float[] {r, r, 1}, m[2], 1e-6f);
    }

    @Test
    void threeDimensionalRegularTetrahedronWeights() {
        // four unit vectors of a regular tetrahedron: every pair at arccos(−1/3)
        float[][] w = {{1, 1, 1}, {1, -1, -1}, {-1, 1, -1}, {-1, -1, 1}};
        assertEquals(Math.acos(-1.0 / 3), AngleStatistics.wInter(w), 1e-7);
    }
}
