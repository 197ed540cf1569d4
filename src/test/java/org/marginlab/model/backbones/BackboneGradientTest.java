package org.marginlab.model.backbones;

import org.marginlab.config.Backbone;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.marginlab.model.GcChurn;

/**
 * Every backbone's gradients (input and every parameter, training mode, so BatchNorm uses batch
 * statistics) come out bit for bit the same when garbage is collected between forward and backward.
 */
class BackboneGradientTest {

    static List<Backbone> ids() {
        return List.of(Backbone.values());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ids")
    void gradientsSurviveGarbageCollectionBeforeBackward(Backbone id) {
        List<float[]> calm = gradients(id, false);
        List<float[]> churned = gradients(id, true);
        assertEquals(calm.size(), churned.size());
        for (int i = 0; i < calm.size(); i++) {
            assertArrayEquals(calm.get(i), churned.get(i), id + " gradient " + i);
        }
        boolean anyNonZero = false;
        for (float v : calm.get(0)) {
            anyNonZero |= v != 0;
        }
        assertTrue(anyNonZero, id + ": the input gradient is all zero, the test would see nothing");
    }

    /** ∂(Σ out²)/∂input, then ∂/∂ each parameter, from a freshly seeded backbone. */
    private static List<float[]> gradients(Backbone id, boolean churn) {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(7);
            Block b = Backbones.build(id, 3);
            b.initialize(m, DataType.FLOAT32, new Shape(1, 1, 28, 28));
            Random r = new Random(3);
            float[] pixels = new float[4 * 28 * 28];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = r.nextFloat();
            }
            // Like the batch pipeline: the input lives in Java memory, held by its array until after backward.
            NDArray x = m.create(pixels, new Shape(4, 1, 28, 28));
            x.setRequiresGradient(true);
            List<float[]> out = new ArrayList<>();
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = b.forward(new ParameterStore(m, false), new NDList(x), true).singletonOrThrow();
                NDArray loss = y.square().sum();
                if (churn) {
                    GcChurn.churn(m);
                }
                gc.backward(loss);
            }
            out.add(x.getGradient().toFloatArray());
            for (var p : b.getParameters()) {
                if (p.getValue().requiresGradient()) {
                    out.add(p.getValue().getArray().getGradient().toFloatArray());
                }
            }
            return out;
        }
    }
}
