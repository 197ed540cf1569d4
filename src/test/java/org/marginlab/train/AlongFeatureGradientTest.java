package org.marginlab.train;

import org.marginlab.config.DeviceSpec;
import org.marginlab.config.TrainConfig;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.marginlab.loss.HeadFunctions;
import org.marginlab.loss.HeadKind;
import org.marginlab.loss.HeadParams;
import org.marginlab.run.IterationSnapshot;
import org.marginlab.run.RunSummary;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The along-feature derivative against central finite differences of the per-sample loss along the same
 * great circle, x(φ) = ‖x‖(cos φ·x̂ + sin φ·u), u the unit tangent towards Ŵ_y; θ_y = θ_y(0) − φ, so
 * dL/dθ_y = −dL/dφ. The circle is built here from scratch, not with the class's own helper.
 */
class AlongFeatureGradientTest {

    private static final double H = 1e-5;

    @Test
    void matchesFiniteDifferencesOfTheHeadsOwnLossInFloat64() {
        for (HeadKind kind : new HeadKind[] {HeadKind.ARC, HeadKind.ARCFACE, HeadKind.COSFACE, HeadKind.SPHEREFACE,
                HeadKind.SOFTMAX, HeadKind.CENTER}) {
            TrainConfig c = config(kind, 3);
            try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu())) {
                MarginTrainableHead head = new MarginTrainableHead(c, 10);
                head.block().initialize(m, DataType.FLOAT32, new Shape(1, 3));
                head.setIteration(40);
                float[][] w = head.weights();
                float[][] centres = kind == HeadKind.CENTER ? randomRows(new Random(5), 10, 3, 0.7) : null;
                float[][] x = randomRows(new Random(kind.ordinal()), 20, 3, 2.0);
                int[] y = new int[x.length];
                for (int i = 0; i < y.length; i++) {
                    y[i] = i % 10;
                }
                float[] got = AlongFeatureGradient.measure(m, head, x, y, w, centres);
                for (int i = 0; i < x.length; i++) {
                    final int row = i;
                    double fd = finiteDifference(x[i], w[y[i]],
                            p -> headLoss(m, head, p, y[row], w, centres));
                    assertEquals(fd, got[i], 1e-5 * Math.max(1, Math.abs(fd)), kind + " probe " + i);
                }
                // nothing reached the model's parameters: the optimiser's next step sees no extra gradient
                NDArray g = head.block().getParameters().get("weight").getArray().getGradient();
                assertEquals(0, g.abs().sum().getFloat(), kind.id());
            }
        }
    }

    @Test
    void onARealThreeDimensionalArcRunItDiffersFromTheClosedFormAndMatchesFiniteDifferences() throws Exception {
        TrainConfig c = config(HeadKind.ARC, 3);
        TrainingSession s = TrainingSession.create(c, TestData.get(), TestData.SOFTMAX, null);
        List<IterationSnapshot> got = new ArrayList<>();
        s.addListener(new TrainingListener() {
            @Override
            public void onIteration(IterationSnapshot snapshot) {
                got.add(snapshot);
            }
        });
        s.start();
        RunSummary sum = s.completion().get();
        assertEquals("finished", sum.state(), sum.message());
        IterationSnapshot last = got.get(got.size() - 1);
        assertEquals(c.iterations(), last.iteration());
        // marginWarmup 0: the head trained at the configured s throughout
        HeadFunctions f = HeadFunctions.of(HeadKind.ARC, c.headParams());
        int n = last.probeLabels().length;
        double[] relDiff = new double[n];
        for (int i = 0; i < n; i++) {
            float[] x = last.embeddings()[i];
            int y = last.probeLabels()[i];
            double fd = finiteDifference(x, last.weights()[y], p -> crossEntropy(f, p, last.weights(), y));
            double measured = last.dLdThetaAlong()[i];
            assertEquals(fd, measured, 1e-4 * Math.max(1, Math.abs(fd)), "probe " + i);
            double closed = last.dLdThetaY()[i];
            relDiff[i] = Math.abs(measured - closed) / Math.abs(closed);
        }
        Arrays.sort(relDiff);
        double median = relDiff[n / 2];
        assertTrue(median > 0.2, "median |measured − closed form| / |closed form| = " + median);
        assertFalse(Double.isNaN(median));
    }

    private static TrainConfig config(HeadKind kind, int dim) {
        return TrainConfig.defaults(kind).toBuilder().dim(dim).marginWarmup(0).batchSize(64).iterations(40).seed(7)
                .device(DeviceSpec.parse("cpu")).probePerClass(5).snapshotEvery(20).build();
    }

    private interface Loss {
        double at(double[] x);
    }

    /** −dL/dφ at φ = 0 by central differences along the great circle from x̂ towards ŵ. */
    private static double finiteDifference(float[] x, float[] w, Loss loss) {
        int d = x.length;
        double xn = 0;
        double wn = 0;
        for (int k = 0; k < d; k++) {
            xn += (double) x[k] * x[k];
            wn += (double) w[k] * w[k];
        }
        xn = Math.sqrt(xn);
        wn = Math.sqrt(wn);
        double[] e1 = new double[d];
        double cos = 0;
        for (int k = 0; k < d; k++) {
            e1[k] = x[k] / xn;
            cos += e1[k] * w[k] / wn;
        }
        double[] e2 = new double[d];
        double len = 0;
        for (int k = 0; k < d; k++) {
            e2[k] = w[k] / wn - cos * e1[k];
            len += e2[k] * e2[k];
        }
        len = Math.sqrt(len);
        double[] plus = new double[d];
        double[] minus = new double[d];
        for (int k = 0; k < d; k++) {
            double t = e2[k] / len;
            plus[k] = xn * (Math.cos(H) * e1[k] + Math.sin(H) * t);
            minus[k] = xn * (Math.cos(H) * e1[k] - Math.sin(H) * t);
        }
        return -(loss.at(plus) - loss.at(minus)) / (2 * H);
    }

    /** The head's own per-sample loss (one row, float64, no autograd) at x. */
    private static double headLoss(NDManager parent, TrainableHead head, double[] x, int y, float[][] w,
                                   float[][] centres) {
        try (NDManager m = parent.newSubManager()) {
            NDArray loss = head.lossWith(m.create(new double[][] {x}), m.create(new int[] {y}), m.create(widen(w)),
                    centres == null ? null : m.create(widen(centres)));
            return loss.getDouble();
        }
    }

    /** −log P_y with every logit from the head's closed form at the angles of x (independent of the NDArray head). */
    private static double crossEntropy(HeadFunctions f, double[] x, float[][] w, int y) {
        double xn = Math.sqrt(dot(x, x));
        double[] z = new double[w.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < w.length; j++) {
            double[] wj = new double[x.length];
            for (int k = 0; k < x.length; k++) {
                wj[k] = w[j][k];
            }
            double wn = Math.sqrt(dot(wj, wj));
            double theta = Math.acos(Math.max(-1, Math.min(1, dot(x, wj) / (xn * wn))));
            z[j] = j == y ? f.targetLogit(theta, xn, wn) : f.otherLogit(theta, xn, wn);
            max = Math.max(max, z[j]);
        }
        double sum = 0;
        for (double v : z) {
            sum += Math.exp(v - max);
        }
        return -(z[y] - max - Math.log(sum));
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += a[k] * b[k];
        }
        return s;
    }

    private static float[][] randomRows(Random r, int n, int d, double scale) {
        float[][] out = new float[n][d];
        for (float[] row : out) {
            for (int k = 0; k < d; k++) {
                row[k] = (float) (r.nextGaussian() * scale);
            }
        }
        return out;
    }

    private static double[][] widen(float[][] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = new double[rows[i].length];
            for (int k = 0; k < rows[i].length; k++) {
                out[i][k] = rows[i][k];
            }
        }
        return out;
    }
}
