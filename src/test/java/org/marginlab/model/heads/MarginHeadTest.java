package org.marginlab.model.heads;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.marginlab.loss.HeadKind;
import org.marginlab.loss.HeadParams;
import org.marginlab.loss.MarginSchedule;

/** The block: its parameters, forward, the centre rule, that it trains in float32, and that it leaks nothing. */
class MarginHeadTest {

    @Test
    void parameters() {
        try (NDManager m = NDManager.newBaseManager()) {
            MarginHead plain = new MarginHead(HeadKind.ARCFACE, HeadParams.defaults(HeadKind.ARCFACE), 10, 3);
            plain.initialize(m, DataType.FLOAT32, new Shape(4, 3));
            assertEquals(new Shape(10, 3), plain.weight().getArray().getShape());
            assertTrue(plain.weight().requiresGradient());
            assertNull(plain.centers());
            assertEquals(1, plain.getParameters().size());
            assertEquals(DataType.FLOAT32, plain.dataType());

            MarginHead center = new MarginHead(HeadKind.CENTER, HeadParams.defaults(HeadKind.CENTER), 10, 2);
            center.initialize(m, DataType.FLOAT32, new Shape(4, 2));
            assertEquals(2, center.getParameters().size());
            assertFalse(center.centers().requiresGradient());
            assertFalse(center.centers().getArray().hasGradient());
            assertArrayEquals(new float[20], center.centers().getArray().toFloatArray());
            assertArrayEquals(new Shape[] {new Shape(7, 10)}, center.getOutputShapes(new Shape[] {new Shape(7, 2)}));
        }
    }

    /** Checkpoints: W and the centres go through saveParameters / loadParameters. */
    @Test
    void saveAndLoadKeepWeightsAndCentres() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            MarginHead a = new MarginHead(HeadKind.CENTER, HeadParams.defaults(HeadKind.CENTER), 3, 2);
            a.initialize(m, DataType.FLOAT32, new Shape(1, 2));
            a.centers().getArray().set(new float[] {1, 2, 3, 4, 5, 6});
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            a.saveParameters(new java.io.DataOutputStream(bytes));
            MarginHead b = new MarginHead(HeadKind.CENTER, HeadParams.defaults(HeadKind.CENTER), 3, 2);
            b.initialize(m, DataType.FLOAT32, new Shape(1, 2));
            b.loadParameters(m, new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())));
            assertArrayEquals(a.weight().getArray().toFloatArray(), b.weight().getArray().toFloatArray());
            assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, b.centers().getArray().toFloatArray());
            assertFalse(b.centers().requiresGradient());
        }
    }

    @Test
    void forwardGivesPredictionLogits() {
        try (NDManager m = NDManager.newBaseManager()) {
            HeadParams p = new HeadParams(2, 0.5, 0, false);
            MarginHead block = new MarginHead(HeadKind.COSFACE, p, 3, 2);
            block.initialize(m, DataType.FLOAT64, new Shape(1, 2));
            block.weight().getArray().set(m.create(new double[] {1, 0, 0, 2, -1, 0}).reshape(3, 2).toDoubleArray());
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = m.create(new double[][] {{3, 4}});
            NDArray z = block.forward(ps, new NDList(x), false).singletonOrThrow();
            assertArrayEquals(new double[] {1.2, 1.6, -1.2}, z.toDoubleArray(), 1e-12); // s·cos θ, no margin
            NDArray withMargin = block.logits(ps, x, m.create(new int[] {0}), p, true);
            assertArrayEquals(new double[] {0.2, 1.6, -1.2}, withMargin.toDoubleArray(), 1e-12);
        }
    }

    /** Wen et al.: Δc_j = Σ_{y_i=j}(c_j − x_i)/(1 + n_j), c_j ← c_j − α·Δc_j, worked by hand; classes without samples stay. */
    @Test
    void centerRuleByHand() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray c = m.create(new double[][] {{1, 1}, {0, 2}, {-1, 1}, {5, 5}});
            NDArray x = m.create(new double[][] {{1, 0}, {0, 0}, {-1, 0}, {0.3, 0.4}});
            NDArray y = m.create(new long[] {0, 1, 0, 2});
            NDArray out = Head.updateCenters(c, x, y, 0.5);
            assertTrue(out == c);
            // c_0: n = 2, Δ = ((0,1) + (2,1))/3; c_1: n = 1, Δ = (0,2)/2; c_2: Δ = (−1.3, 0.6)/2; c_3: n = 0.
            double[] expected = {1 - 0.5 * 2 / 3, 1 - 0.5 * 2 / 3, 0, 2 - 0.5, -1 + 0.5 * 0.65, 1 - 0.5 * 0.3, 5, 5};
            assertArrayEquals(expected, c.toDoubleArray(), 1e-15);
        }
    }

    /** Free embeddings + W trained by plain SGD through the block in float32: every head fits a toy set. */
    @Tag("slow")
    @ParameterizedTest
    @EnumSource(HeadKind.class)
    void trainsInFloat32(HeadKind kind) {
        int n = 24;
        int classes = 4;
        int d = 3;
        Random r = new Random(7);
        float[] init = new float[n * d];
        for (int i = 0; i < init.length; i++) {
            init[i] = (float) r.nextGaussian();
        }
        long[] labels = new long[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % classes;
        }
        HeadParams base = switch (kind) {
            case COSFACE -> new HeadParams(8, 0.2, 0, false);
            case ARCFACE -> new HeadParams(8, 0.3, 0, false);
            case NORMFACE, ARC -> new HeadParams(8, 0, 0, false);
            default -> HeadParams.defaults(kind);
        };
        MarginSchedule schedule = new MarginSchedule(kind, base, 5, 0.12, 1, 50);
        try (NDManager model = NDManager.newBaseManager()) {
            MarginHead block = new MarginHead(kind, base, classes, d);
            Engine.getInstance().setRandomSeed(3);
            block.initialize(model, DataType.FLOAT32, new Shape(n, d));
            ParameterStore ps = new ParameterStore(model, false);
            NDArray x = model.create(init, new Shape(n, d));
            x.setRequiresGradient(true);
            NDArray y = model.create(labels);
            int managedBefore = ((BaseNDManager) model).getManagedArrays().size();
            double first = Double.NaN;
            double last = Double.NaN;
            for (int it = 0; it < 100; it++) {
                try (NDManager batch = model.newSubManager()) {
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray loss = block.loss(ps, x, y, schedule.at(it), true);
                        loss.attach(batch);
                        gc.backward(loss);
                        double v = Nd.scalar(loss);
                        assertTrue(Double.isFinite(v), kind + " loss at " + it);
                        if (it == 0) {
                            first = v;
                        }
                        last = v;
                        block.updateCenters(ps, x, y, 0.5); // inside the collector on purpose: must not matter
                    }
                    // Step 0.1 per sample for the free embeddings (the loss is a mean), 0.5 for W.
                    float[] lrs = {0.1f * n, 0.5f};
                    NDArray[] params = {x, block.weight().getArray()};
                    for (int k = 0; k < 2; k++) {
                        NDArray g = params[k].getGradient();
                        g.attach(batch);
                        params[k].subi(g.mul(lrs[k]));
                    }
                }
            }
            assertTrue(last < 0.1 * first, kind + ": loss " + first + " → " + last);
            try (NDManager batch = model.newSubManager()) {
                NDArray z = block.forward(ps, new NDList(x), false).singletonOrThrow();
                z.attach(batch);
                NDArray pred = z.argMax(1);
                pred.attach(batch);
                assertArrayEquals(labels, pred.toLongArray(), kind + " predictions");
            }
            assertEquals(managedBefore, ((BaseNDManager) model).getManagedArrays().size(),
                    kind + ": arrays left in the model manager");
            if (kind == HeadKind.CENTER) {
                // The α-rule pulls each centre to its class mean.
                float[] c = block.centers().getArray().toFloatArray();
                float[] xs = x.toFloatArray();
                for (int j = 0; j < classes; j++) {
                    for (int k = 0; k < d; k++) {
                        double mean = 0;
                        for (int i = j; i < n; i += classes) {
                            mean += xs[i * d + k] / (n / classes);
                        }
                        assertEquals(mean, c[j * d + k], 0.05 * Math.max(1, Math.abs(mean)), "centre " + j);
                    }
                }
            }
        }
    }
}
