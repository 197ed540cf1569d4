package org.marginlab.loss;

import java.util.List;

/** L-Softmax: ‖W_y‖‖x‖·ψ(θ_y) on raw weights and features; SphereFace's m = 4, λ = 1000 annealed to 5. */
public final class LSoftmaxHead implements HeadType {

    public String id() { return "lsoftmax"; }

    public String displayName() { return "L-Softmax"; }

    public int colorIndex() { return 3; }

    public List<HeadParam> params() { return List.of(CommonParams.psiMultiplier(), CommonParams.psiLambda()); }

    public HeadParams defaults() { return new HeadParams(1, 4, 1000, false); }

    public double targetLogit(HeadParams p, double theta, double xNorm, double wNorm) {
        return wNorm * xNorm * Psi.value(theta, (int) Math.round(p.m()), p.lambda());
    }

    public double otherLogit(HeadParams p, double theta, double xNorm, double wNorm) {
        return wNorm * xNorm * Math.cos(theta);
    }

    public double targetSlope(HeadParams p, double theta, double xNorm, double wNorm) {
        return wNorm * xNorm * Psi.slope(theta, (int) Math.round(p.m()), p.lambda());
    }

    public double otherSlope(HeadParams p, double theta, double xNorm, double wNorm) {
        return -wNorm * xNorm * Math.sin(theta);
    }

    public <T> T logits(TensorOps<T> t, HeadParams p) {
        T xNorm = t.featureNorm();
        T wNormY = t.targetWeightNorm();
        T cos = t.cosine();
        T target = t.mul(t.mul(Psi.of(t, t.target(cos), Psi.multiplier(p.m()), p.lambda()), xNorm), wNormY);
        return t.withTarget(t.dot(), target);
    }

    public <T> T plainLogits(TensorOps<T> t, HeadParams p) { return t.dot(); }

    public boolean readsFeatureNorm() { return true; }

    public String summary() { return "multiplicative angular margin ψ(mθ) on raw weights and features."; }

    public String formula() { return "Z_y = ‖W_y‖ ‖x‖ · ψ(θ_y),  ψ(θ) = ((−1)ᵏ cos mθ − 2k + λ cos θ) / (1 + λ)"; }

    public String explanation() {
        return "The same multiplicative margin as SphereFace, but weight and feature norms stay in the logit. "
                + "It separates classes in angle while norms keep growing, as in softmax.";
    }
}
