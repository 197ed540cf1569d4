package org.marginlab.model.heads;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.marginlab.loss.HeadFunctions;
import org.marginlab.loss.HeadKind;
import org.marginlab.loss.HeadParams;
import org.marginlab.model.GcChurn;

/**
 * Random inputs in float64: autograd gradients against central finite differences of the loss
 * (embeddings, weights, centres), and the logits against the analytic {@link HeadFunctions} evaluated
 * at each θ_j and norm.
 */
class HeadGradientTest {
    static final int N = 6;
    static final int D = 3;
    static final int C = 4;
    static final double H = 1e-5;
    static final double REL = 1e-6;

    @RegisterExtension
    static final HeadManager HEADS = new HeadManager();

    record Config(HeadKind kind, HeadParams p, long seed) {
        @Override
        public String toString() {
            return kind.id() + " " + p;
        }
    }

    static List<Config> configs() {
        return List.of(
                new Config(HeadKind.SOFTMAX, new HeadParams(1, 0, 0, false), 1),
                new Config(HeadKind.NORMFACE, new HeadParams(3, 0, 0, false), 2),
                new Config(HeadKind.SPHEREFACE, new HeadParams(1, 3, 0.7, false), 3),
                new Config(HeadKind.SPHEREFACE, new HeadParams(1, 4, 0, false), 4),
                new Config(HeadKind.LSOFTMAX, new HeadParams(1, 2, 0.3, false), 15),
                new Config(HeadKind.LSOFTMAX, new HeadParams(1, 4, 5, false), 6),
                new Config(HeadKind.COSFACE, new HeadParams(4, 0.3, 0, false), 7),
                new Config(HeadKind.ARCFACE, new HeadParams(4, 0.4, 0, false), 8),
                new Config(HeadKind.ARCFACE, new HeadParams(4, 1.2, 0, false), 9),
                new Config(HeadKind.ARCFACE, new HeadParams(4, 0.4, 0, true), 10),
                new Config(HeadKind.ARC, new HeadParams(3, 0, 0, false), 11),
                new Config(HeadKind.CENTER, new HeadParams(1, 0, 0.3, false), 12));
    }

    static double[][] random(Random r, int rows, int cols) {
        double[][] v = new double[rows][cols];
        for (double[] row : v) {
            for (int j = 0; j < cols; j++) {
                row[j] = r.nextGaussian();
            }
        }
        return v;
    }

    /** A config's random features x, weights w, centres c and labels y = i mod C, seeded by the config. */
    record Inputs(double[][] x, double[][] w, double[][] c, int[] y) {
        static Inputs of(Config cfg) {
            Random r = new Random(cfg.seed());
            double[][] x = random(r, N, D);
            double[][] w = random(r, C, D);
            double[][] c = random(r, C, D);
            int[] y = new int[N];
            for (int i = 0; i < N; i++) {
                y[i] = i % C;
            }
            return new Inputs(x, w, c, y);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void autogradMatchesFiniteDifferences(Config cfg) {
        Inputs in = Inputs.of(cfg);
        double[][] x = in.x();
        double[][] w = in.w();
        double[][] c = in.c();
        int[] y = in.y();
        assertAwayFromKinks(cfg, x, w, y);
        Head head = Head.create(cfg.kind(), cfg.p());

        double[][][] auto;
        try (NDManager m = HEADS.manager().newSubManager()) {
            NDArray xa = Nd.of(m, x, DataType.FLOAT64);
            NDArray wa = Nd.of(m, w, DataType.FLOAT64);
            NDArray ca = Nd.of(m, c, DataType.FLOAT64);
            xa.setRequiresGradient(true);
            wa.setRequiresGradient(true);
            ca.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray loss = head.loss(xa, wa, m.create(y), ca, cfg.p());
                gc.backward(loss);
                auto = new double[][][] {Nd.mat(xa.getGradient()), Nd.mat(wa.getGradient()), Nd.mat(ca.getGradient())};
            }
        }
        double[][][] inputs = {x, w, c};
        String[] names = {"embeddings", "weights", "centers"};
        int count = cfg.kind() == HeadKind.CENTER ? 3 : 2;
        if (count == 2) {
            assertClose(new double[C][D], auto[2], cfg + " centers (unused: zero gradient)");
        }
        for (int which = 0; which < count; which++) {
            double[][] fd = new double[inputs[which].length][D];
            for (int i = 0; i < fd.length; i++) {
                for (int j = 0; j < D; j++) {
                    double keep = inputs[which][i][j];
                    inputs[which][i][j] = keep + H;
                    double up = loss(head, cfg.p(), x, w, y, c);
                    inputs[which][i][j] = keep - H;
                    double down = loss(head, cfg.p(), x, w, y, c);
                    inputs[which][i][j] = keep;
                    fd[i][j] = (up - down) / (2 * H);
                }
            }
            assertClose(fd, auto[which], cfg + " " + names[which]);
        }
    }

    /** Training runs in float32: its loss and gradients agree with float64 to float32 accuracy. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void float32AgreesWithFloat64(Config cfg) {
        Inputs in = Inputs.of(cfg);
        double[][] x = in.x();
        double[][] w = in.w();
        double[][] c = in.c();
        int[] y = in.y();
        double[][][] g64 = lossAndGradients(cfg, x, w, c, y, DataType.FLOAT64, false);
        double[][][] g32 = lossAndGradients(cfg, x, w, c, y, DataType.FLOAT32, false);
        assertEquals(g64[0][0][0], g32[0][0][0], 1e-5 * Math.max(1, Math.abs(g64[0][0][0])), cfg + " loss");
        for (int k = 1; k < g64.length; k++) {
            double scale = 0;
            for (double[] row : g64[k]) {
                for (double v : row) {
                    scale = Math.max(scale, Math.abs(v));
                }
            }
            for (int i = 0; i < g64[k].length; i++) {
                for (int j = 0; j < D; j++) {
                    assertEquals(g64[k][i][j], g32[k][i][j], 1e-4 * Math.max(scale, 1e-3), cfg + " gradient " + k);
                }
            }
        }
    }

    /**
     * Garbage collections between forward and backward change nothing, in either precision: the graph
     * holds only memory PyTorch owns. On DJL's {@code Number} overloads this gave −2e−312 for 0.0088.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void gradientsSurviveGarbageCollectionBeforeBackward(Config cfg) {
        Inputs in = Inputs.of(cfg);
        double[][] x = in.x();
        double[][] w = in.w();
        double[][] c = in.c();
        int[] y = in.y();
        for (DataType type : new DataType[] {DataType.FLOAT64, DataType.FLOAT32}) {
            double[][][] calm = lossAndGradients(cfg, x, w, c, y, type, false);
            double[][][] churned = lossAndGradients(cfg, x, w, c, y, type, true);
            for (int k = 0; k < calm.length; k++) {
                for (int i = 0; i < calm[k].length; i++) {
                    assertArrayEquals(calm[k][i], churned[k][i],
                            cfg + " " + type + " output " + k + " row " + i);
                }
            }
        }
    }

    /** {loss}, ∂/∂x, ∂/∂W, ∂/∂centres, as doubles; {@code churn}: collect garbage before backward. */
    static double[][][] lossAndGradients(Config cfg, double[][] x, double[][] w, double[][] c, int[] y, DataType type,
                                         boolean churn) {
        try (NDManager m = HEADS.manager().newSubManager()) {
            NDArray xa = Nd.of(m, x, type);
            NDArray wa = Nd.of(m, w, type);
            NDArray ca = Nd.of(m, c, type);
            xa.setRequiresGradient(true);
            wa.setRequiresGradient(true);
            ca.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray loss = Head.create(cfg.kind(), cfg.p()).loss(xa, wa, m.create(y), ca, cfg.p());
                if (churn) {
                    GcChurn.churn(m);
                }
                gc.backward(loss);
                return new double[][][] {{{Nd.scalar(loss)}}, Nd.mat(xa.getGradient()), Nd.mat(wa.getGradient()),
                    Nd.mat(ca.getGradient())};
            }
        }
    }

    /** Per component: |fd − autograd| ≤ 1e-6·max(|autograd|, 1e-2·max|autograd|). */
    static void assertClose(double[][] fd, double[][] auto, String what) {
        double scale = 0;
        for (double[] row : auto) {
            for (double v : row) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        boolean zero = scale == 0;
        for (int i = 0; i < fd.length; i++) {
            for (int j = 0; j < fd[i].length; j++) {
                double tol = zero ? 1e-9 : REL * Math.max(Math.abs(auto[i][j]), 1e-2 * scale);
                assertEquals(auto[i][j], fd[i][j], tol, what + " [" + i + "][" + j + "]");
            }
        }
    }

    static double loss(Head head, HeadParams p, double[][] x, double[][] w, int[] y, double[][] c) {
        try (NDManager m = HEADS.manager().newSubManager()) {
            return Nd.scalar(head.loss(Nd.of(m, x, DataType.FLOAT64), Nd.of(m, w, DataType.FLOAT64), m.create(y),
                    Nd.of(m, c, DataType.FLOAT64), p));
        }
    }

    /** Finite differences are meaningless across ψ's kπ/m, ArcFace's π − m, easy margin's cos = 0 or the clip. */
    static void assertAwayFromKinks(Config cfg, double[][] x, double[][] w, int[] y) {
        for (int i = 0; i < x.length; i++) {
            double cos = cosine(x[i], w[y[i]]);
            double theta = Math.acos(cos);
            assertTrue(Math.abs(cos) < 1 - 1e-3, "sample " + i + " too close to the clip");
            switch (cfg.kind()) {
                case SPHEREFACE, LSOFTMAX -> {
                    double t = cfg.p().m() * theta / Math.PI;
                    assertTrue(Math.abs(t - Math.rint(t)) > 1e-3, "sample " + i + " on a ψ boundary");
                }
                case ARCFACE -> assertTrue(cfg.p().easyMargin() ? Math.abs(cos) > 1e-3
                        : Math.abs(theta - (Math.PI - cfg.p().m())) > 1e-3, "sample " + i + " on ArcFace's switch");
                default -> {
                }
            }
        }
    }

    /** The fallback ArcFace config must actually use the fallback for some samples, or it tests nothing new. */
    @org.junit.jupiter.api.Test
    void arcFaceFallbackConfigCoversBothBranches() {
        Random r = new Random(9);
        double[][] x = random(r, N, D);
        double[][] w = random(r, C, D);
        int beyond = 0;
        for (int i = 0; i < N; i++) {
            if (Math.acos(cosine(x[i], w[i % C])) > Math.PI - 1.2) {
                beyond++;
            }
        }
        assertTrue(beyond > 0 && beyond < N, "samples beyond π − m: " + beyond);
    }

    /** DJL logits = the analytic target/other logits at the measured θ_j, ‖x‖, ‖W_j‖; predictLogits = plainLogits. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void logitsMatchAnalyticHead(Config cfg) {
        Random r = new Random(cfg.seed() + 100);
        double[][] x = random(r, N, D);
        double[][] w = random(r, C, D);
        int[] y = new int[N];
        for (int i = 0; i < N; i++) {
            y[i] = (i * 3) % C;
        }
        HeadFunctions f = HeadFunctions.of(cfg.kind(), cfg.p());
        try (NDManager m = HEADS.manager().newSubManager()) {
            Head head = Head.create(cfg.kind(), cfg.p());
            NDArray xa = Nd.of(m, x, DataType.FLOAT64);
            NDArray wa = Nd.of(m, w, DataType.FLOAT64);
            double[][] z = Nd.mat(head.logits(xa, wa, m.create(y), cfg.p()));
            double[][] plain = Nd.mat(head.predictLogits(xa, wa));
            double[][] thetaNd = Nd.mat(Head.angles(xa, wa));
            for (int i = 0; i < N; i++) {
                double[] analyticPlain = f.plainLogits(x[i], w);
                for (int j = 0; j < C; j++) {
                    double theta = Math.acos(cosine(x[i], w[j]));
                    assertEquals(theta, thetaNd[i][j], 1e-12, "angles");
                    double xn = norm(x[i]);
                    double wn = norm(w[j]);
                    double expected = j == y[i] ? f.targetLogit(theta, xn, wn) : f.otherLogit(theta, xn, wn);
                    assertEquals(expected, z[i][j], 1e-12 * Math.max(1, Math.abs(expected)), cfg + " z[" + i + "][" + j + "]");
                    assertEquals(analyticPlain[j], plain[i][j], 1e-12 * Math.max(1, Math.abs(expected)),
                            cfg + " plain[" + i + "][" + j + "]");
                }
                assertEquals(f.predict(x[i], w), argmax(plain[i]));
            }
        }
    }

    static int argmax(double[] v) {
        int best = 0;
        for (int j = 1; j < v.length; j++) {
            if (v[j] > v[best]) {
                best = j;
            }
        }
        return best;
    }

    static double norm(double[] v) {
        double s = 0;
        for (double a : v) {
            s += a * a;
        }
        return Math.sqrt(s);
    }

    static double cosine(double[] a, double[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot / (norm(a) * norm(b));
    }
}
