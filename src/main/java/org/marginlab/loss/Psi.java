package org.marginlab.loss;

/**
 * SphereFace / L-Softmax's monotone angular margin ψ(θ) = ((−1)^k cos(mθ) − 2k + λ cos θ) / (1 + λ),
 * k = ⌊mθ/π⌋. The λ blend with cos θ is the annealing that makes the margin trainable.
 */
public final class Psi {
    private Psi() {
    }

    public static int k(double theta, int m) {
        // At θ = π both k = m − 1 and k = m give 1 − 2m, so clamping keeps ψ continuous.
        int k = (int) Math.floor(m * theta / Math.PI);
        return Math.min(Math.max(k, 0), m - 1);
    }

    public static double value(double theta, int m, double lambda) {
        int k = k(theta, m);
        double sign = (k % 2 == 0) ? 1 : -1;
        return (sign * Math.cos(m * theta) - 2 * k + lambda * Math.cos(theta)) / (1 + lambda);
    }

    /** dψ/dθ with k held constant (no gradient through k). */
    public static double slope(double theta, int m, double lambda) {
        int k = k(theta, m);
        double sign = (k % 2 == 0) ? 1 : -1;
        return (-sign * m * Math.sin(m * theta) - lambda * Math.sin(theta)) / (1 + lambda);
    }

    /**
     * ψ of a batch's target cosines (N×1, unclamped) as a formula over {@link TensorOps}; k is computed from a
     * detached θ, so there is no gradient through k.
     */
    static <T> T of(TensorOps<T> t, T cos, int m, double lambda) {
        T theta = t.angle(cos);
        T k = t.clipNumber(t.floor(t.mulNumber(t.detach(theta), m / Math.PI)), 0, m - 1);
        T sign = t.addNumber(t.mulNumber(t.modNumber(k, 2), -2), 1); // (−1)^k
        return t.div(t.add(t.sub(t.mul(t.cos(t.mul(theta, t.constant(theta, m))), sign), t.mulNumber(k, 2)),
                t.mul(cos, t.constant(cos, lambda))), t.constant(cos, 1 + lambda));
    }

    /** ψ's m as the integer it must be. */
    static int multiplier(double m) {
        int k = (int) Math.round(m);
        if (k < 1 || Math.abs(m - k) > 1e-9) {
            throw new IllegalArgumentException("ψ's m must be an integer ≥ 1, got " + m);
        }
        return k;
    }
}
