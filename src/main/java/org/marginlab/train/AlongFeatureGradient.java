package org.marginlab.train;

import org.marginlab.metrics.AngleStatistics;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;

/**
 * The measured along-feature derivative of each probe's own loss: dL_i/dθ_y along the great circle
 * through x̂_i and Ŵ_y with ‖x_i‖ fixed, from autograd on the live head. Moving x along that circle
 * changes θ_y one for one and every other θ_j as well, unlike the closed form (P_y − 1)·∂Z_y/∂θ_y,
 * which holds the θ_j fixed (it is the derivative for rotating W_y towards x). Sign and units as
 * ∂L/∂θ_y: loss per radian of θ_y, positive when moving x away from its class weight costs loss.
 *
 * <p>With u the unit tangent at x̂ pointing to Ŵ_y, the path is x(φ) = ‖x‖(cos φ·x̂ + sin φ·u) and
 * θ_y = θ_y(0) − φ, so the value is −‖x‖·(∇_x L_i · u). The loss is the head's own at its current
 * parameters, in float64, on copies of the snapshot's embeddings, W and centres: autograd reaches only
 * those copies, never the model's parameters, so nothing leaks into the optimiser's next step.
 */
final class AlongFeatureGradient {

    private AlongFeatureGradient() {
    }

    /**
     * One value per probe row; NaN where x̂ and Ŵ_y are (anti)parallel and the circle is undefined.
     *
     * @param centres C × d, or {@code null} for heads without centres
     */
    static float[] measure(NDManager parent, TrainableHead head, float[][] x, int[] labels, float[][] w,
                           float[][] centres) {
        int n = x.length;
        float[] out = new float[n];
        if (n == 0) {
            return out;
        }
        int d = x[0].length;
        double[] grad;
        // Every operand backward reads is created here, PyTorch-side, and lives until after backward.
        try (NDManager m = parent.newSubManager()) {
            NDArray xs = m.create(toDouble(x));
            xs.setRequiresGradient(true);
            NDArray ws = m.create(toDouble(w));
            NDArray cs = centres == null ? null : m.create(toDouble(centres));
            NDArray ys = m.create(labels);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(head.lossWith(xs, ys, ws, cs));
            }
            grad = xs.getGradient().toDoubleArray();
        }
        for (int i = 0; i < n; i++) {
            double[] u = towardWeight(x[i], w[labels[i]]);
            if (u == null) {
                out[i] = Float.NaN;
                continue;
            }
            double dot = 0;
            for (int k = 0; k < d; k++) {
                dot += grad[i * d + k] * u[k];
            }
            // The mean over n rows scales each row's gradient by 1/n; the row's own loss is n times it.
            out[i] = (float) (-n * AngleStatistics.norm(x[i]) * dot);
        }
        return out;
    }

    /** Unit tangent at x̂ along the great circle towards ŵ, or null when x̂ = ±ŵ (or a norm is 0). */
    static double[] towardWeight(float[] x, float[] w) {
        double xn = AngleStatistics.norm(x);
        double wn = AngleStatistics.norm(w);
        if (xn == 0 || wn == 0) {
            return null;
        }
        double c = 0;
        for (int k = 0; k < x.length; k++) {
            c += (x[k] / xn) * (w[k] / wn);
        }
        double[] u = new double[x.length];
        double un = 0;
        for (int k = 0; k < x.length; k++) {
            u[k] = w[k] / wn - c * x[k] / xn;
            un += u[k] * u[k];
        }
        un = Math.sqrt(un);
        if (un < 1e-6) {
            return null;
        }
        for (int k = 0; k < u.length; k++) {
            u[k] /= un;
        }
        return u;
    }


    private static double[][] toDouble(float[][] rows) {
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
