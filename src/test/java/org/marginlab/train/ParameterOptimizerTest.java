package org.marginlab.train;

import org.marginlab.config.Optimizer;
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

    private static double[] run(Optimizer kind, double wd, double momentum, double lr, boolean saveAndRestore) {
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
        assertArrayEquals(expected, run(Optimizer.ADAM, 0.01, 0, lr, false), 1e-6);
        assertArrayEquals(expected, run(Optimizer.ADAM, 0.01, 0, lr, true), 1e-6, "state survives a checkpoint");
    }

    @Test
    void sgdMomentumByHand() {
        // step 1: buf = w0, w1 = w0 − lr·w0 = 0.9·w0; step 2: buf = 0.9·w0 + w1 = 1.8·w0, w2 = w1 − 0.1·1.8·w0 = 0.72·w0
        double[] got = run(Optimizer.SGD, 0, 0.9, 0.1, false);
        assertEquals(0.72, got[0], 1e-6);
        assertEquals(-1.44, got[1], 1e-6);
        assertArrayEquals(got, run(Optimizer.SGD, 0, 0.9, 0.1, true), 1e-7);
        // plain SGD: w2 = 0.81·w0
        assertEquals(0.81, run(Optimizer.SGD, 0, 0, 0.1, false)[0], 1e-6);
    }

    /** lr of step t (from 0) in the schedule test: changes every step, so a momentum buffer kept as lr·buf would show. */
    private static double scheduledLr(int t) {
        return 0.05 * (1 + 0.5 * Math.cos(t));
    }

    /**
     * Ten steps on L = Σ c·w²/2 (∂L/∂w = c·w) over two tensors under a changing lr, checkpointed after step 4,
     * against PyTorch's update rules written out in double precision: the fused kernels equal the per-op
     * Adam/SGD they replaced to float tolerance.
     */
    private static float[] runScheduled(Optimizer kind, double wd, double momentum) {
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter a = Parameter.builder().setName("a").setType(Parameter.Type.WEIGHT).build();
            Parameter b = Parameter.builder().setName("b").setType(Parameter.Type.BIAS).build();
            a.setArray(m.create(new float[] {0.5f, -1.5f, 2f, 0.25f}, new ai.djl.ndarray.types.Shape(2, 2)));
            b.setArray(m.create(new float[] {-0.75f, 3f}));
            NDArray ca = m.create(new float[] {1f, 2f, 0.5f, 3f}, new ai.djl.ndarray.types.Shape(2, 2));
            NDArray cb = m.create(new float[] {1.5f, 0.2f});
            List<Parameter> ps = List.of(a, b);
            for (Parameter p : ps) {
                p.getArray().setRequiresGradient(true);
            }
            ParameterOptimizer opt = new ParameterOptimizer(kind, wd, momentum, ps);
            for (int t = 0; t < 10; t++) {
                try (NDScope scope = new NDScope()) {
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray wa = a.getArray();
                        NDArray wb = b.getArray();
                        gc.backward(wa.mul(wa).mul(ca).sum().add(wb.mul(wb).mul(cb).sum()).div(2));
                    }
                    opt.step(scheduledLr(t));
                    scope.suppressNotUsedWarning();
                }
                if (t == 4) {
                    byte[] state = opt.encodeState(m);
                    opt = new ParameterOptimizer(kind, wd, momentum, ps);
                    opt.decodeState(m, state);
                }
            }
            float[] wa = a.getArray().toFloatArray();
            float[] wb = b.getArray().toFloatArray();
            return new float[] {wa[0], wa[1], wa[2], wa[3], wb[0], wb[1]};
        }
    }

    private static float[] referenceScheduled(Optimizer kind, double wd, double momentum) {
        double[] w = {0.5, -1.5, 2, 0.25, -0.75, 3};
        double[] c = {1, 2, 0.5, 3, 1.5, 0.2};
        float[] out = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            double m1 = 0;
            double v = 0;
            for (int t = 0; t < 10; t++) {
                double lr = scheduledLr(t);
                double g = c[i] * w[i] + wd * w[i];
                if (kind == Optimizer.ADAM) {
                    m1 = 0.9 * m1 + 0.1 * g;
                    v = 0.999 * v + 0.001 * g * g;
                    double denom = Math.sqrt(v) / Math.sqrt(1 - Math.pow(0.999, t + 1)) + 1e-8;
                    w[i] -= lr / (1 - Math.pow(0.9, t + 1)) * m1 / denom;
                } else {
                    m1 = t == 0 ? g : momentum * m1 + g;
                    w[i] -= lr * (momentum != 0 ? m1 : g);
                }
            }
            out[i] = (float) w[i];
        }
        return out;
    }

    @Test
    void fusedStepsMatchPyTorchRulesUnderAScheduleAndAResume() {
        for (Optimizer kind : List.of(Optimizer.ADAM, Optimizer.SGD)) {
            for (double momentum : kind == Optimizer.SGD ? new double[] {0, 0.9} : new double[] {0}) {
                String what = kind + " momentum " + momentum;
                assertArrayEquals(referenceScheduled(kind, 5e-3, momentum), runScheduled(kind, 5e-3, momentum), 2e-5f, what);
            }
        }
    }
}
