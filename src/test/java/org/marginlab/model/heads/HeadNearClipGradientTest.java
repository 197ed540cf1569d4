package org.marginlab.model.heads;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

import org.marginlab.loss.HeadKind;
import org.marginlab.loss.HeadParams;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * In float32, acos' = −1/√(1 − c²) reaches about 2000 at the clip 1 − 1e-7 (0.99999988). It is always
 * multiplied by ∂c/∂x, whose size is sin θ/‖x‖, so the angular loss's target logit s·(π − θ) must keep
 * its exact gradient size s/‖x‖ (or 0 where the clip holds) right down to the clip, on both sides
 * (θ → 0 and θ → π): no blow-up that could swamp Adam's moments.
 */
class HeadNearClipGradientTest {

    @Test
    void angularLogitGradientStaysBoundedAtTheClip() {
        double s = 7;
        double r = 3; // ‖x‖
        Head head = Head.create(HeadKind.ARC, HeadParams.defaults(HeadKind.ARC).withS(s));
        double worst = 0;
        for (double base : new double[] {0, Math.PI}) {
            for (double d : new double[] {1e-1, 1e-2, 1e-3, 6e-4, 5e-4, 4.5e-4, 4e-4, 3e-4, 2e-4, 1e-4, 1e-5, 1e-6}) {
                double theta = base == 0 ? d : Math.PI - d;
                try (NDManager m = NDManager.newBaseManager()) {
                    NDArray x = m.create(new float[] {(float) (r * Math.cos(theta)), (float) (r * Math.sin(theta))},
                            new ai.djl.ndarray.types.Shape(1, 2));
                    NDArray w = m.create(new float[] {1, 0, 0, 1}, new ai.djl.ndarray.types.Shape(2, 2));
                    x.setRequiresGradient(true);
                    w.setRequiresGradient(true);
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray z = head.logits(x, w, m.create(new int[] {0}), head.params());
                        gc.backward(z.get(0, 0));
                    }
                    float[] gx = x.getGradient().toType(DataType.FLOAT32, false).toFloatArray();
                    float[] gw = w.getGradient().toFloatArray();
                    double nx = Math.hypot(gx[0], gx[1]);
                    double nw = Math.hypot(gw[0], gw[1]);
                    worst = Math.max(worst, Math.max(nx * r / s, nw / s));
                    assertTrue(Double.isFinite(nx) && nx <= 2 * s / r, "‖∂Z/∂x‖ = " + nx + " at θ = " + theta);
                    assertTrue(Double.isFinite(nw) && nw <= 2 * s, "‖∂Z/∂W_y‖ = " + nw + " at θ = " + theta);
                    // float32 cosines are good to ~6e-8, so 1 − c (≈ θ²/2) and with it sin θ lose digits
                    // as θ shrinks: 1 % at 1e-2, ~10 % at 1e-3.
                    if (d >= 1e-3) {
                        assertTrue(Math.abs(nx - s / r) < (d >= 1e-2 ? 0.01 : 0.1) * s / r, "‖∂Z/∂x‖ = " + nx + " at θ = " + theta);
                    }
                }
            }
        }
        System.out.println("largest gradient / exact size near the clip: " + worst);
    }
}
