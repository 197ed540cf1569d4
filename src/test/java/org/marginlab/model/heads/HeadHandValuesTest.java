package org.marginlab.model.heads;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import org.marginlab.loss.HeadKind;
import org.marginlab.loss.HeadParams;

/**
 * Hand-worked cases. One feature x = (3, 4) (‖x‖ = 5) against W_0 = (1, 0), W_1 = (0, 2), W_2 = (−1, 0):
 * cos θ = 0.6, 0.8, −0.6 and sin θ = 0.8, 0.6, 0.8. Expected logits are written out from the formulas
 * with these numbers (double-angle / triple-angle identities for cos mθ, atan2 for θ), never via Head.
 */
class HeadHandValuesTest {
    static final double[][] X = {{3, 4}};
    static final double[][] W = {{1, 0}, {0, 2}, {-1, 0}};
    static final double TH0 = Math.atan2(4, 3); // θ_0; θ_1 = atan2(3, 4), θ_2 = π − θ_0

    @RegisterExtension
    static final HeadManager HEADS = new HeadManager();

    record Case(String name, HeadKind kind, HeadParams p, int y, double[] logits) {
        @Override
        public String toString() {
            return name;
        }
    }

    static HeadParams p(double s, double m, double lambda, boolean easy) {
        return new HeadParams(s, m, lambda, easy);
    }

    static List<Case> cases() {
        double c5 = Math.cos(0.5);
        double s5 = Math.sin(0.5);
        return List.of(
                new Case("softmax", HeadKind.SOFTMAX, p(1, 0, 0, false), 0, new double[] {3, 8, -3}),
                new Case("normface s=2", HeadKind.NORMFACE, p(2, 0, 0, false), 1, new double[] {1.2, 1.6, -1.2}),
                new Case("cosface s=2 m=0.5", HeadKind.COSFACE, p(2, 0.5, 0, false), 0,
                        new double[] {2 * (0.6 - 0.5), 1.6, -1.2}),
                new Case("arcface s=2 m=0.5 y=0", HeadKind.ARCFACE, p(2, 0.5, 0, false), 0,
                        new double[] {2 * (0.6 * c5 - 0.8 * s5), 1.6, -1.2}),
                new Case("arcface s=2 m=0.5 y=2 (θ ≤ π−m)", HeadKind.ARCFACE, p(2, 0.5, 0, false), 2,
                        new double[] {1.2, 1.6, 2 * (-0.6 * c5 - 0.8 * s5)}),
                new Case("arcface s=2 m=1 y=2 (θ > π−m: fallback)", HeadKind.ARCFACE, p(2, 1, 0, false), 2,
                        new double[] {1.2, 1.6, 2 * (-0.6 - Math.sin(1))}),
                new Case("arcface easy y=0 (cos > 0)", HeadKind.ARCFACE, p(2, 0.5, 0, true), 0,
                        new double[] {2 * (0.6 * c5 - 0.8 * s5), 1.6, -1.2}),
                new Case("arcface easy y=2 (cos ≤ 0: no margin)", HeadKind.ARCFACE, p(2, 0.5, 0, true), 2,
                        new double[] {1.2, 1.6, -1.2}),
                new Case("arc s=2", HeadKind.ARC, p(2, 0, 0, false), 0,
                        new double[] {2 * (Math.PI - TH0), 2 * (Math.PI - Math.atan2(3, 4)), 2 * TH0}),
                // ψ, m = 2: cos 2θ = 2c² − 1; θ_0 < π/2 so k = 0, θ_2 > π/2 so k = 1.
                new Case("sphereface m=2 λ=0 y=0", HeadKind.SPHEREFACE, p(1, 2, 0, false), 0,
                        new double[] {5 * (2 * 0.36 - 1), 4, -3}),
                new Case("sphereface m=2 λ=1 y=0", HeadKind.SPHEREFACE, p(1, 2, 1, false), 0,
                        new double[] {5 * ((2 * 0.36 - 1) + 0.6) / 2, 4, -3}),
                new Case("sphereface m=2 λ=0 y=2 (k=1)", HeadKind.SPHEREFACE, p(1, 2, 0, false), 2,
                        new double[] {3, 4, 5 * (-(2 * 0.36 - 1) - 2)}),
                // m = 4: cos 4θ = 8c⁴ − 8c² + 1; θ_1 = 0.64 < π/4 (k = 0), θ_0 = 0.93 in [π/4, π/2) (k = 1).
                new Case("sphereface m=4 λ=0 y=1 (k=0)", HeadKind.SPHEREFACE, p(1, 4, 0, false), 1,
                        new double[] {3, 5 * (8 * 0.4096 - 8 * 0.64 + 1), -3}),
                new Case("sphereface m=4 λ=0 y=0 (k=1)", HeadKind.SPHEREFACE, p(1, 4, 0, false), 0,
                        new double[] {5 * (-(8 * 0.1296 - 8 * 0.36 + 1) - 2), 4, -3}),
                new Case("lsoftmax m=2 λ=0 y=1", HeadKind.LSOFTMAX, p(1, 2, 0, false), 1,
                        new double[] {3, 2 * 5 * (2 * 0.64 - 1), -3}),
                // m = 3: cos 3θ = 4c³ − 3c; θ_0 < π/3 so k = 0.
                new Case("lsoftmax m=3 λ=0.5 y=0", HeadKind.LSOFTMAX, p(1, 3, 0.5, false), 0,
                        new double[] {5 * ((4 * 0.216 - 3 * 0.6) + 0.5 * 0.6) / 1.5, 8, -3}),
                new Case("center", HeadKind.CENTER, p(1, 0, 0.5, false), 0, new double[] {3, 8, -3}));
    }

    @ParameterizedTest(name = "{0} float64")
    @MethodSource("cases")
    void logitsAndLossFloat64(Case c) {
        check(c, DataType.FLOAT64, 1e-12);
    }

    @ParameterizedTest(name = "{0} float32")
    @MethodSource("cases")
    void logitsAndLossFloat32(Case c) {
        check(c, DataType.FLOAT32, 2e-5);
    }

    private void check(Case c, DataType type, double tol) {
        try (NDManager m = HEADS.manager().newSubManager()) {
            Head head = Head.create(c.kind(), c.p());
            NDArray x = Nd.of(m, X, type);
            NDArray w = Nd.of(m, W, type);
            NDArray y = m.create(new int[] {c.y()});
            NDArray centers = Nd.of(m, new double[][] {{1, 2}, {0, 0}, {0, 0}}, type);
            double[] z = Nd.mat(head.logits(x, w, y, c.p()))[0];
            for (int j = 0; j < 3; j++) {
                assertEquals(c.logits()[j], z[j], tol * Math.max(1, Math.abs(c.logits()[j])), c + " logit " + j);
            }
            double expected = Nd.crossEntropy(new double[][] {c.logits()}, new int[] {c.y()});
            if (c.kind() == HeadKind.CENTER) {
                expected += 0.5 * ((3 - 1) * (3 - 1) + (4 - 2) * (4 - 2)) / 2.0; // λ‖x − c_0‖²/(2N)
            }
            NDArray loss = head.loss(x, w, y, centers, c.p());
            assertEquals(type, loss.getDataType());
            assertEquals(expected, Nd.scalar(loss), tol * Math.max(1, expected), c + " loss");
        }
    }

    /** Softmax / center: ∂L/∂x = Σ p_j W_j − W_y + λ(x − c_y)/N, ∂L/∂W_j = (p_j − δ_jy) x, ∂L/∂c_y = −λ(x − c_y)/N. */
    @ParameterizedTest
    @EnumSource(value = HeadKind.class, names = {"SOFTMAX", "CENTER"})
    void softmaxAndCenterGradientsByHand(HeadKind kind) {
        double lambda = kind == HeadKind.CENTER ? 0.5 : 0;
        double[] p = Nd.softmax(new double[] {3, 8, -3});
        double[] gx = {p[0] * 1 + p[1] * 0 + p[2] * -1 - 1, p[0] * 0 + p[1] * 2 + p[2] * 0 - 0};
        gx[0] += lambda * (3 - 1);
        gx[1] += lambda * (4 - 2);
        double[][] gw = {{(p[0] - 1) * 3, (p[0] - 1) * 4}, {p[1] * 3, p[1] * 4}, {p[2] * 3, p[2] * 4}};
        double[][] gc = {{-lambda * 2, -lambda * 2}, {0, 0}, {0, 0}};
        double[][][] grads = gradients(kind, new HeadParams(1, 0, lambda, false), 0);
        assertMatrix(new double[][] {gx}, grads[0], 1e-12);
        assertMatrix(gw, grads[1], 1e-12);
        if (kind == HeadKind.CENTER) {
            assertMatrix(gc, grads[2], 1e-12);
        }
    }

    /**
     * Cosine heads, by the chain rule through c_j = x̂·Ŵ_j: ∂c_j/∂x = (Ŵ_j − c_j x̂)/‖x‖ and
     * ∂c_j/∂W_j = (x̂ − c_j Ŵ_j)/‖W_j‖; ∂L/∂c_j = (p_j − δ_jy)·∂Z_j/∂c_j with ∂Z/∂c = s for cosine
     * logits and s·sin(θ+m)/sin θ for ArcFace's target.
     */
    @Test
    void cosineHeadGradientsByHand() {
        double[] xh = {0.6, 0.8};
        double[][] wh = {{1, 0}, {0, 1}, {-1, 0}};
        double[] wn = {1, 2, 1};
        double[] c = {0.6, 0.8, -0.6};
        double s = 2;
        double m = 0.5;
        for (HeadKind kind : new HeadKind[] {HeadKind.COSFACE, HeadKind.ARCFACE}) {
            double[] z = kind == HeadKind.COSFACE
                    ? new double[] {s * (0.6 - m), 1.6, -1.2}
                    : new double[] {s * (0.6 * Math.cos(m) - 0.8 * Math.sin(m)), 1.6, -1.2};
            double[] dzdc = {kind == HeadKind.COSFACE ? s : s * Math.sin(TH0 + m) / 0.8, s, s};
            double[] p = Nd.softmax(z);
            double[] gx = new double[2];
            double[][] gw = new double[3][2];
            for (int j = 0; j < 3; j++) {
                double g = (p[j] - (j == 0 ? 1 : 0)) * dzdc[j];
                for (int i = 0; i < 2; i++) {
                    gx[i] += g * (wh[j][i] - c[j] * xh[i]) / 5;
                    gw[j][i] = g * (xh[i] - c[j] * wh[j][i]) / wn[j];
                }
            }
            double[][][] grads = gradients(kind, new HeadParams(s, m, 0, false), 0);
            assertMatrix(new double[][] {gx}, grads[0], 1e-12);
            assertMatrix(gw, grads[1], 1e-12);
        }
    }

    private double[][][] gradients(HeadKind kind, HeadParams params, int label) {
        try (NDManager m = HEADS.manager().newSubManager()) {
            NDArray x = Nd.of(m, X, DataType.FLOAT64);
            NDArray w = Nd.of(m, W, DataType.FLOAT64);
            NDArray c = Nd.of(m, new double[][] {{1, 2}, {0, 0}, {0, 0}}, DataType.FLOAT64);
            x.setRequiresGradient(true);
            w.setRequiresGradient(true);
            c.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray loss = Head.create(kind, params).loss(x, w, m.create(new int[] {label}), c, params);
                gc.backward(loss);
                return new double[][][] {Nd.mat(x.getGradient()), Nd.mat(w.getGradient()), Nd.mat(c.getGradient())};
            }
        }
    }

    static void assertMatrix(double[][] expected, double[][] actual, double tol) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                assertEquals(expected[i][j], actual[i][j], tol * Math.max(1, Math.abs(expected[i][j])),
                        "[" + i + "][" + j + "]");
            }
        }
    }
}
