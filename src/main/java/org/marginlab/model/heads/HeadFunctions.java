package org.marginlab.model.heads;

/**
 * A head's logits as plain functions of the angle θ between a feature and a class weight, for the
 * analytic figures (ψ-curves, ∂Z/∂θ, the s trade-off) and for the measured ∂L/∂θ_y of probe samples.
 * xNorm = ‖x‖ and wNorm = ‖W_j‖; heads that normalise ignore them.
 */
public interface HeadFunctions {

    HeadKind kind();

    HeadParams params();

    /** Z_y(θ): the target-class logit, margin included. */
    double targetLogit(double theta, double xNorm, double wNorm);

    /** Z_j(θ) for a non-target class j ≠ y. */
    double otherLogit(double theta, double xNorm, double wNorm);

    /** ∂Z_y/∂θ_y. */
    double targetSlope(double theta, double xNorm, double wNorm);

    /** ∂Z_j/∂θ_j for j ≠ y. */
    double otherSlope(double theta, double xNorm, double wNorm);

    static HeadFunctions of(HeadKind kind, HeadParams params) {
        return new AnalyticHead(kind, params);
    }
}
