package org.marginlab.loss;

import java.util.List;

import org.marginlab.Range;

/**
 * CosFace / AM-Softmax: s·(cos θ_y − m). s = 16, m = 0.1: at θ_y = 0 the target s(1 − m) must beat a 2-D
 * neighbour's s·cos 36° = 0.81s; m = 0.1 keeps a 0.09s lead, the paper's 0.35 cannot be met there. m in
 * [0, 2]: cos θ − m spans [−1 − m, 1 − m], so beyond 2 nothing changes (CosFace's bound C/(C − 1) ≤ 2).
 */
public final class CosFaceHead implements HeadType {

    public String id() { return "cosface"; }

    public String displayName() { return "AM-Softmax / CosFace"; }

    public int colorIndex() { return 5; }

    public List<HeadParam> params() {
        return List.of(CommonParams.scale(), HeadParam.number("m", "m", Range.closed(0, 2), "cosine",
                "cosine margin subtracted from cos θ_y; 0 is NormFace", HeadParam.Schedule.WARM_FROM_ZERO).slider(0, 1));
    }

    public HeadParams defaults() { return new HeadParams(16, 0.1, 0, false); }

    public double targetLogit(HeadParams p, double theta, double xNorm, double wNorm) {
        return p.s() * (Math.cos(theta) - p.m());
    }

    public double otherLogit(HeadParams p, double theta, double xNorm, double wNorm) {
        return p.s() * Math.cos(theta);
    }

    public double targetSlope(HeadParams p, double theta, double xNorm, double wNorm) {
        return -p.s() * Math.sin(theta);
    }

    public double otherSlope(HeadParams p, double theta, double xNorm, double wNorm) {
        return -p.s() * Math.sin(theta);
    }

    public <T> T logits(TensorOps<T> t, HeadParams p) {
        T cos = t.cosine();
        T sc = t.constant(cos, p.s());
        T target = t.mul(t.sub(t.target(cos), t.constant(cos, p.m())), sc);
        return t.withTarget(t.mul(cos, sc), target);
    }

    public <T> T plainLogits(TensorOps<T> t, HeadParams p) {
        T cos = t.cosine();
        return t.mul(cos, t.constant(cos, p.s()));
    }

    public String summary() { return "additive cosine margin s·(cos θ − m)."; }

    public String formula() { return "Z_y = s · (cos θ_y − m)"; }

    public String explanation() {
        return "Subtracting m from the target cosine asks cos θ_y to beat every other cosine by m. "
                + "The decision boundaries of two classes move apart by a band of width m in cosine.";
    }
}
