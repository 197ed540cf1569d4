package org.marginlab.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Two steps of each optimizer on L = Σ w²/2 (so ∂L/∂w = w), against the update rules worked by hand. */
class ParameterOptimizerTest {

    private static double[] run(String kind, double wd, double momentum, double lr, boolean saveAndRestore) {
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter p = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).build();
            p.setArray(m.create(new float[] {1f, -2f}));
            p.getArray().setRequiresGradient(true);
            ParameterOptimizer opt = new ParameterOptimizer(kind, wd, momentum, List.of(p));
            for (int step = 0; step < 2; step++) {
                try (NDScope scope = new NDScope()) {
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray w = p.getArray();
                        gc.backward(w.mul(w).sum().div(2));
                    }
                    opt.step(lr);
                    scope.suppressNotUsedWarning();
                }
                if (saveAndRestore && step == 0) {
                    byte[] state = opt.encodeState(m);
                    opt = new ParameterOptimizer(kind, wd, momentum, List.of(p));
                    opt.decodeState(m, state);
                }
            }
            float[] w = p.getArray().toFloatArray();
            return new double[] {w[0], w[1]};
        }
    }

    @Test
    void adamByHand() {
        double lr = 0.1;
        double[] expected = new double[2];
        double[] w0 = {1, -2};
        for (int i = 0; i < 2; i++) {
            double w = w0[i];
            double m = 0;
            double v = 0;
            for (int t = 1; t <= 2; t++) {
                double g = w + 0.01 * w; // gradient plus L2 weight decay 0.01
                m = 0.9 * m + 0.1 * g;
                v = 0.999 * v + 0.001 * g * g;
                double denom = Math.sqrt(v) / Math.sqrt(1 - Math.pow(0.999, t)) + 1e-8;
                w -= lr / (1 - Math.pow(0.9, t)) * m / denom;
            }
            expected[i] = w;
        }
        assertArrayEquals(expected, run("adam", 0.01, 0, lr, false), 1e-6);
        assertArrayEquals(expected, run("adam", 0.01, 0, lr, true), 1e-6, "state survives a checkpoint");
    }

    @Test
    void sgdMomentumByHand() {
        // step 1: buf = w0, w1 = w0 − lr·w0 = 0.9·w0; step 2: buf = 0.9·w0 + w1 = 1.8·w0, w2 = w1 − 0.1·1.8·w0 = 0.72·w0
        double[] got = run("sgd", 0, 0.9, 0.1, false);
        assertEquals(0.72, got[0], 1e-6);
        assertEquals(-1.44, got[1], 1e-6);
        assertArrayEquals(got, run("sgd", 0, 0.9, 0.1, true), 1e-7);
        // plain SGD: w2 = 0.81·w0
        assertEquals(0.81, run("sgd", 0, 0, 0.1, false)[0], 1e-6);
    }
}
