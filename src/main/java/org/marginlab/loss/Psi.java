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
}
