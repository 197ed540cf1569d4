package org.marginlab.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The analytic side: ψ by hand, continuity and monotonicity, slopes against finite differences, the papers' equations. */
class HeadFunctionsTest {

    @Test
    void psiByHand() {
        // m = 2, λ = 0: ψ = cos 2θ for θ < π/2, −cos 2θ − 2 beyond.
        assertEquals(1, Psi.value(0, 2, 0), 1e-15);
        assertEquals(-0.5, Psi.value(Math.PI / 3, 2, 0), 1e-15);
        assertEquals(-1.5, Psi.value(2 * Math.PI / 3, 2, 0), 1e-15);
        assertEquals(-3, Psi.value(Math.PI, 2, 0), 1e-15);
        // m = 4: k = 1 on [π/4, π/2), k = 2 on [π/2, 3π/4).
        assertEquals(-1, Psi.value(Math.PI / 4 + 1e-12, 4, 0), 1e-9);
        assertEquals(-3, Psi.value(Math.PI / 2 + 1e-12, 4, 0), 1e-9);
        // m = 4, λ = 5 at π/3 (k = 1): (−cos(4π/3) − 2 + 5·0.5)/6 = 1/6.
        assertEquals(1.0 / 6, Psi.value(Math.PI / 3, 4, 5), 1e-15);
        // m = 1 is plain cos θ, whatever λ.
        assertEquals(Math.cos(2.0), Psi.value(2.0, 1, 7), 1e-15);
        // At θ = π, ψ = (1 − 2m − λ)/(1 + λ).
        assertEquals((1 - 8 - 5) / 6.0, Psi.value(Math.PI, 4, 5), 1e-14);
        assertEquals(3, Psi.k(Math.PI, 4));
        assertEquals(0, Psi.k(0, 4));
    }

    @Test
    void psiIsContinuousAndMonotoneWithMatchingSlope() {
        for (int m = 1; m <= 6; m++) {
            for (double lambda : new double[] {0, 0.5, 5, 1000}) {
                for (int k = 1; k < m; k++) {
                    double b = k * Math.PI / m;
                    assertEquals(Psi.value(b - 1e-10, m, lambda), Psi.value(b + 1e-10, m, lambda), 1e-8,
                            "ψ jumps at kπ/m, m=" + m + " k=" + k);
                    assertEquals(Psi.slope(b - 1e-10, m, lambda), Psi.slope(b + 1e-10, m, lambda), 1e-6,
                            "ψ' jumps at kπ/m, m=" + m + " k=" + k);
                }
                double prev = Double.POSITIVE_INFINITY;
                for (int i = 0; i <= 3000; i++) {
                    double t = Math.PI * i / 3000;
                    double v = Psi.value(t, m, lambda);
                    assertTrue(v <= prev + 1e-15, "ψ increases at θ=" + t + " m=" + m + " λ=" + lambda);
                    prev = v;
                    if (i > 0 && i < 3000 && notNear(m * t / Math.PI, 1e-4)) {
                        double h = 1e-6;
                        double fd = (Psi.value(t + h, m, lambda) - Psi.value(t - h, m, lambda)) / (2 * h);
                        assertEquals(fd, Psi.slope(t, m, lambda), 1e-6 * Math.max(1, Math.abs(fd)));
                    }
                }
            }
        }
    }

    /** AM-Softmax paper, Fig. 1: A-Softmax with m = 4, λ = 5 lies between softmax (cos θ) and m = 2, λ = 0 on [0°, 90°]. */
    @Test
    void sphereFaceAnnealedLiesBetweenSoftmaxAndHarderMargin() {
        for (int i = 1; i <= 900; i++) {
            double t = Math.PI / 2 * i / 900;
            double mid = Psi.value(t, 4, 5);
            assertTrue(mid <= Math.cos(t) + 1e-15 && mid >= Psi.value(t, 2, 0) - 1e-15, "θ=" + t);
        }
    }

    @Test
    void slopesAreDerivativesOfTheLogits() {
        HeadParams[] ps = {new HeadParams(3, 0.35, 0.5, false), new HeadParams(16, 0.5, 5, false),
            new HeadParams(2, 1.0, 0, true), new HeadParams(7, 3, 1000, false)};
        for (HeadKind kind : HeadKind.values()) {
            for (HeadParams p : ps) {
                if (p.problem(kind).isPresent()) {
                    continue;
                }
                HeadFunctions f = HeadFunctions.of(kind, p);
                for (int i = 1; i < 400; i++) {
                    double t = Math.PI * i / 400;
                    if (nearKink(kind, p, t)) {
                        continue;
                    }
                    double h = 1e-6;
                    double fdT = (f.targetLogit(t + h, 1.7, 0.6) - f.targetLogit(t - h, 1.7, 0.6)) / (2 * h);
                    double fdO = (f.otherLogit(t + h, 1.7, 0.6) - f.otherLogit(t - h, 1.7, 0.6)) / (2 * h);
                    assertEquals(fdT, f.targetSlope(t, 1.7, 0.6), 1e-6 * Math.max(1, Math.abs(fdT)), kind + " target θ=" + t);
                    assertEquals(fdO, f.otherSlope(t, 1.7, 0.6), 1e-6 * Math.max(1, Math.abs(fdO)), kind + " other θ=" + t);
                }
            }
        }
    }

    private static boolean nearKink(HeadKind kind, HeadParams p, double t) {
        return switch (kind) {
            case SPHEREFACE, LSOFTMAX -> !notNear(p.m() * t / Math.PI, 1e-4);
            case ARCFACE -> p.easyMargin() ? Math.abs(t - Math.PI / 2) < 1e-4 : Math.abs(t - (Math.PI - p.m())) < 1e-4;
            default -> false;
        };
    }

    private static boolean notNear(double v, double eps) {
        return Math.abs(v - Math.rint(v)) > eps;
    }

    /** Angular-loss paper, Eqs. 8–10 (s = 1 in its Fig. 3, any s here). */
    @Test
    void angularLossPaperEquations() {
        double t = 0.8;
        HeadFunctions soft = HeadFunctions.of(HeadKind.SOFTMAX, HeadParams.defaults(HeadKind.SOFTMAX));
        assertEquals(-2.0 * 1.5 * Math.sin(t), soft.targetSlope(t, 1.5, 2.0), 1e-15); // Eq. 8
        assertEquals(-2.0 * 1.5 * Math.sin(t), soft.otherSlope(t, 1.5, 2.0), 1e-15);
        HeadFunctions arcFace = HeadFunctions.of(HeadKind.ARCFACE, new HeadParams(4, 0.5, 0, false));
        assertEquals(-4 * Math.sin(t + 0.5), arcFace.targetSlope(t, 9, 9), 1e-15); // Eq. 9, j = y
        assertEquals(-4 * Math.sin(t), arcFace.otherSlope(t, 9, 9), 1e-15); // Eq. 9, j ≠ y
        HeadFunctions arc = HeadFunctions.of(HeadKind.ARC, new HeadParams(5, 0, 0, false));
        assertEquals(-5, arc.targetSlope(t, 9, 9), 0); // Eq. 10
        assertEquals(-5, arc.otherSlope(2.5, 9, 9), 0);
        // Section 3.2: θ_y = 0 and θ_j = π/2 give P(y) = e^{sπ}/(e^{sπ} + (C−1)e^{sπ/2}).
        double s = 3;
        double zy = arc.params().withS(s).s() * (Math.PI - 0);
        double zj = s * (Math.PI - Math.PI / 2);
        HeadFunctions arc3 = HeadFunctions.of(HeadKind.ARC, new HeadParams(s, 0, 0, false));
        assertEquals(zy, arc3.targetLogit(0, 1, 1), 1e-15);
        assertEquals(zj, arc3.otherLogit(Math.PI / 2, 1, 1), 1e-15);
    }

    @Test
    void predictionIgnoresTheMargin() {
        double[] x = {3, 4};
        double[][] w = {{1, 0}, {0, 2}, {-1, 0}};
        HeadFunctions soft = HeadFunctions.of(HeadKind.SOFTMAX, HeadParams.defaults(HeadKind.SOFTMAX));
        assertArrayEquals(new double[] {3, 8, -3}, soft.plainLogits(x, w), 1e-6); // cos clipped: ≤1e-7 off
        assertEquals(1, soft.predict(x, w));
        HeadFunctions cos = HeadFunctions.of(HeadKind.COSFACE, new HeadParams(2, 0.5, 0, false));
        assertArrayEquals(new double[] {1.2, 1.6, -1.2}, cos.plainLogits(x, w), 1e-12);
        HeadFunctions arc = HeadFunctions.of(HeadKind.ARC, new HeadParams(2, 0, 0, false));
        assertArrayEquals(new double[] {2 * (Math.PI - Math.atan2(4, 3)), 2 * (Math.PI - Math.atan2(3, 4)),
            2 * Math.atan2(4, 3)}, arc.plainLogits(x, w), 1e-12);
        assertEquals(1, arc.predict(x, w));
        // Softmax and the normalised heads can disagree: a long W_0 wins the dot product, not the angle.
        double[][] w2 = {{10, 0}, {0, 1}};
        assertEquals(0, soft.predict(new double[] {1, 1.2}, w2));
        assertEquals(1, cos.predict(new double[] {1, 1.2}, w2));
    }
}
