package org.marginlab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Stand-alone reproduction of the DJL 0.35.1 (PyTorch engine) behaviour {@link Scalars} works around,
 * for an upstream report. {@code x.mul(3.0)} turns 3.0 into a 0-d tensor with {@code torch::from_blob}
 * over a Java direct ByteBuffer and closes it after the op; autograd keeps that tensor (∂(x·c)/∂x = c)
 * but nothing keeps the buffer. Collect garbage before {@code backward()} and ∂Σ(3x)/∂x, which is 3
 * everywhere, is read from freed memory. {@code clip}, {@code maximum}, {@code div}, ... do the same.
 *
 * <p>Only the fixed path is asserted (the raw one depends on what the allocator does with freed
 * memory); the raw result is printed: e.g. {@code raw DJL x.mul(3.0): [-2.0E-312, ...]}.
 */
class DjlSavedScalarTest {

    @Test
    void savedScalarOperandOutlivesGarbageCollection() {
        System.out.println("raw DJL x.mul(3.0): " + Arrays.toString(gradientOfTimesThree(false)));
        assertArrayEquals(new double[] {3, 3, 3, 3}, gradientOfTimesThree(true));
    }

    private static double[] gradientOfTimesThree(boolean owned) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new double[] {1, 2, 3, 4});
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = (owned ? x.mul(Scalars.of(x, 3.0)) : x.mul(3.0)).sum();
                GcChurn.churn(m);
                gc.backward(y);
            }
            return x.getGradient().toDoubleArray();
        }
    }
}
