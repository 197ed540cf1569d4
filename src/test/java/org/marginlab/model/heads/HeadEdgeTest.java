package org.marginlab.model.heads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.marginlab.loss.HeadFunctions;
import org.marginlab.loss.HeadKind;
import org.marginlab.loss.HeadParams;

/**
 * The edges of issue 3, in float32 and float64: x exactly along W_y, exactly opposite, x = 0, θ_y on
 * both sides of (and at) ArcFace's π − m and ψ's kπ/m. Loss, logits and every gradient must be finite,
 * and the target logit must match the analytic formula on each side.
 */
class HeadEdgeTest {
    static final double DELTA = 1e-4;
    static final double XN = 1.5;
    /** W_0 = (2, 0, 0) is every row's class; the other classes sit elsewhere. */
    static final double[][] W = {{2, 0, 0}, {0, 1, 0}, {0, 0, 1.5}, {-1, 1, 1}};

    @RegisterExtension
    static final HeadManager HEADS = new HeadManager();

    record Config(HeadKind kind, HeadParams p, DataType type) {
        @Override
        public String toString() {
            return kind.id() + " " + p + " " + type;
        }
    }

    static List<Config> configs() {
        List<Config> out = new ArrayList<>();
        for (DataType t : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
            out.add(new Config(HeadKind.SOFTMAX, HeadParams.defaults(HeadKind.SOFTMAX), t));
            out.add(new Config(HeadKind.NORMFACE, new HeadParams(16, 0, 0, false), t));
            out.add(new Config(HeadKind.SPHEREFACE, new HeadParams(1, 4, 0, false), t));
            out.add(new Config(HeadKind.SPHEREFACE, new HeadParams(1, 4, 5, false), t));
            out.add(new Config(HeadKind.SPHEREFACE, new HeadParams(1, 3, 1000, false), t));
            out.add(new Config(HeadKind.LSOFTMAX, new HeadParams(1, 4, 0, false), t));
            out.add(new Config(HeadKind.LSOFTMAX, new HeadParams(1, 2, 5, false), t));
            out.add(new Config(HeadKind.COSFACE, new HeadParams(30, 0.35, 0, false), t));
            out.add(new Config(HeadKind.ARCFACE, new HeadParams(30, 0.5, 0, false), t));
            out.add(new Config(HeadKind.ARCFACE, new HeadParams(16, 1.0, 0, false), t));
            out.add(new Config(HeadKind.ARCFACE, new HeadParams(30, 0.5, 0, true), t));
            out.add(new Config(HeadKind.ARC, new HeadParams(20, 0, 0, false), t));
            out.add(new Config(HeadKind.CENTER, new HeadParams(1, 0, 0.5, false), t));
        }
        return out;
    }

    /** Angles at which to probe this head, besides along / opposite / zero. */
    static List<Double> angles(Config cfg) {
        List<Double> out = new ArrayList<>();
        List<Double> centres = new ArrayList<>();
        switch (cfg.kind()) {
            case ARCFACE -> centres.add(cfg.p().easyMargin() ? Math.PI / 2 : Math.PI - cfg.p().m());
            case SPHEREFACE, LSOFTMAX -> {
                int m = (int) cfg.p().m();
                for (int k = 1; k < m; k++) {
                    centres.add(k * Math.PI / m);
                }
            }
            default -> centres.add(1.0);
        }
        for (double c : centres) {
            out.add(c - DELTA);
            out.add(c);
            out.add(c + DELTA);
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void finiteAndRightAtTheEdges(Config cfg) {
        List<Double> angles = angles(cfg);
        int n = 3 + angles.size();
        double[][] x = new double[n][];
        x[0] = new double[] {3, 0, 0}; // exactly along W_0
        x[1] = new double[] {-0.7, 0, 0}; // exactly opposite
        x[2] = new double[] {0, 0, 0};
        for (int i = 0; i < angles.size(); i++) {
            double t = angles.get(i);
            x[3 + i] = new double[] {XN * Math.cos(t), XN * Math.sin(t), 0};
        }
        double[][] c = {{1, 1, 0}, {0, 2, 0}, {0, 0, 0}, {1, 1, 1}};
        int[] y = new int[n];

        Head head = Head.create(cfg.kind(), cfg.p());
        double[][] z;
        double loss;
        double[][][] grads;
        try (NDManager m = HEADS.manager().newSubManager()) {
            NDArray xa = Nd.of(m, x, cfg.type());
            NDArray wa = Nd.of(m, W, cfg.type());
            NDArray ca = Nd.of(m, c, cfg.type());
            xa.setRequiresGradient(true);
            wa.setRequiresGradient(true);
            ca.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray l = head.loss(xa, wa, m.create(y), ca, cfg.p());
                z = Nd.mat(head.logits(xa, wa, m.create(y), cfg.p()));
                gc.backward(l);
                loss = Nd.scalar(l);
                grads = new double[][][] {Nd.mat(xa.getGradient()), Nd.mat(wa.getGradient()), Nd.mat(ca.getGradient())};
            }
            double[][] plain = Nd.mat(head.predictLogits(xa, wa));
            assertTrue(Nd.allFinite(plain), cfg + ": predictLogits not finite");
        }
        assertTrue(Double.isFinite(loss), cfg + ": loss " + loss);
        assertTrue(Nd.allFinite(z), cfg + ": logits not finite");
        for (double[][] g : grads) {
            assertTrue(Nd.allFinite(g), cfg + ": gradient not finite");
        }

        boolean f32 = cfg.type() == DataType.FLOAT32;
        HeadFunctions f = HeadFunctions.of(cfg.kind(), cfg.p());
        double wn = 2;
        // Along and opposite: θ is acos of the clipped cosine, exactly as the issue fixes it.
        double along = Math.acos(1 - HeadFunctions.COS_CLIP);
        double opposite = Math.acos(-1 + HeadFunctions.COS_CLIP);
        // The analytic side uses cos(θ) where the NDArray side uses the unclipped cosine (±1 here): they
        // differ by the clip, 1e-7 relative. A wrong branch would be off by O(1).
        double tolEdge = f32 ? 2e-3 : 3e-7;
        assertTarget(cfg, f.targetLogit(along, 3, wn), z[0][0], tolEdge, "along W_y");
        assertTarget(cfg, f.targetLogit(opposite, 0.7, wn), z[1][0], tolEdge, "opposite W_y");
        if (!f32) {
            // Exact conventions: "cos θ" is the unclipped cosine, θ = acos(clipped cosine).
            double s = cfg.p().s();
            double m = cfg.p().m();
            switch (cfg.kind()) {
                case COSFACE -> {
                    assertEquals(s * (1 - m), z[0][0], 1e-12 * s);
                    assertEquals(s * (-1 - m), z[1][0], 1e-12 * s);
                }
                case ARC -> {
                    assertEquals(s * (Math.PI - along), z[0][0], 1e-12 * s);
                    assertEquals(s * (Math.PI - opposite), z[1][0], 1e-12 * s);
                }
                case ARCFACE -> {
                    assertEquals(s * Math.cos(along + m), z[0][0], 1e-12 * s);
                    assertEquals(cfg.p().easyMargin() ? -s : s * (-1 - m * Math.sin(m)), z[1][0], 1e-12 * s);
                }
                default -> {
                }
            }
        }
        // Off the clip, float32 angles are good to ~1e-6 rad.
        double tol = f32 ? 1e-4 : 1e-9;
        for (int i = 0; i < angles.size(); i += 3) {
            double before = f.targetLogit(angles.get(i), XN, wn);
            double after = f.targetLogit(angles.get(i + 2), XN, wn);
            assertTarget(cfg, before, z[3 + i][0], tol, "θ = " + angles.get(i + 1) + " − δ");
            assertTarget(cfg, after, z[3 + i + 2][0], tol, "θ = " + angles.get(i + 1) + " + δ");
            if (cfg.kind() == HeadKind.SPHEREFACE || cfg.kind() == HeadKind.LSOFTMAX) {
                // ψ is continuous at kπ/m: crossing it moves Z by about 2δ·Z' (|ψ'| ≤ 1 there), not by a jump.
                double scale = XN * (cfg.kind() == HeadKind.LSOFTMAX ? wn : 1);
                assertTrue(Math.abs(z[3 + i + 2][0] - z[3 + i][0]) <= 2.5 * DELTA * scale,
                        cfg + ": ψ jumps at " + angles.get(i + 1) + ": " + z[3 + i][0] + " → " + z[3 + i + 2][0]);
            }
        }
        if (cfg.kind() == HeadKind.ARCFACE && !cfg.p().easyMargin()) {
            // Just beyond π − m the fallback s(cos θ − m sin m) applies, not s·cos(θ + m).
            double s = cfg.p().s();
            double m = cfg.p().m();
            double theta = Math.PI - m + DELTA;
            assertEquals(s * (Math.cos(theta) - m * Math.sin(m)), z[5][0], s * tol);
            assertEquals(s * Math.cos(Math.PI - m - DELTA + m), z[3][0], s * tol);
        }
    }

    private static void assertTarget(Config cfg, double expected, double actual, double tol, String where) {
        assertEquals(expected, actual, tol * Math.max(1, Math.abs(expected)), cfg + " target logit " + where);
    }
}
