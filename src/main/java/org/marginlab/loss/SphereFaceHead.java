package org.marginlab.loss;

import java.util.List;

/**
 * SphereFace (A-Softmax): ‖x‖·ψ(θ_y) on normalised weights. m = 4, λ = 1000 annealed to 5: the published
 * setting (λ here is where the annealing starts; see {@link MarginSchedule}).
 */
public final class SphereFaceHead implements HeadType {

    public String id() { return "sphereface"; }

    public String displayName() { return "SphereFace (A-Softmax)"; }

    public int colorIndex() { return 2; }

    public List<HeadParam> params() { return List.of(CommonParams.psiMultiplier(), CommonParams.psiLambda()); }

    public HeadParams defaults() { return new HeadParams(1, 4, 1000, false); }

    public double targetLogit(HeadParams p, double theta, double xNorm, double wNorm) {
        return xNorm * Psi.value(theta, (int) Math.round(p.m()), p.lambda());
    }

    public double otherLogit(HeadParams p, double theta, double xNorm, double wNorm) {
        return xNorm * Math.cos(theta);
    }

    public double targetSlope(HeadParams p, double theta, double xNorm, double wNorm) {
        return xNorm * Psi.slope(theta, (int) Math.round(p.m()), p.lambda());
    }

    public double otherSlope(HeadParams p, double theta, double xNorm, double wNorm) {
        return -xNorm * Math.sin(theta);
    }

    public <T> T logits(TensorOps<T> t, HeadParams p) {
        T xNorm = t.featureNorm();
        T cos = t.cosine();
        T target = t.mul(Psi.of(t, t.target(cos), Psi.multiplier(p.m()), p.lambda()), xNorm);
        return t.withTarget(t.mul(cos, xNorm), target);
    }

    public <T> T plainLogits(TensorOps<T> t, HeadParams p) {
        return t.mul(t.cosine(), t.featureNorm());
    }

    public boolean readsFeatureNorm() { return true; }

    public String summary() { return "multiplicative angular margin ψ(mθ) on normalised weights."; }

    public String formula() { return "Z_y = ‖x‖ · ψ(θ_y),  ψ(θ) = ((−1)ᵏ cos mθ − 2k + λ cos θ) / (1 + λ)"; }

    public String explanation() {
        return "Multiplying the angle by m makes the target class win only by a factor-m margin in angle. "
                + "The λ blend with cos θ starts near softmax and is annealed down so the margin can be learnt.";
    }
}
