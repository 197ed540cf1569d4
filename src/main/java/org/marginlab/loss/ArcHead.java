package org.marginlab.loss;

import java.util.List;

/**
 * The angular loss: logits s·(π − θ), linear in the angle. s = 7: a middle value of the paper's sweep
 * (1, 3, 5, 7, 12, 20), reached through the scale warm-up (at s = 7 from the first step the 2-D classes
 * collapse onto one arc).
 */
public final class ArcHead implements HeadType {

    public String id() { return "arc"; }

    public String displayName() { return "Angular loss"; }

    public int colorIndex() { return 7; }

    public List<HeadParam> params() { return List.of(CommonParams.scale()); }

    public HeadParams defaults() { return new HeadParams(7, 0, 0, false); }

    public double targetLogit(HeadParams p, double theta, double xNorm, double wNorm) {
        return p.s() * (Math.PI - theta);
    }

    public double otherLogit(HeadParams p, double theta, double xNorm, double wNorm) {
        return p.s() * (Math.PI - theta);
    }

    public double targetSlope(HeadParams p, double theta, double xNorm, double wNorm) {
        return -p.s();
    }

    public double otherSlope(HeadParams p, double theta, double xNorm, double wNorm) {
        return -p.s();
    }

    public <T> T logits(TensorOps<T> t, HeadParams p) { return plainLogits(t, p); }

    public <T> T plainLogits(TensorOps<T> t, HeadParams p) {
        T theta = t.angle(t.cosine());
        return t.mul(t.add(t.neg(theta), t.constant(theta, Math.PI)), t.constant(theta, p.s()));
    }

    public String summary() { return "logits linear in the angle, s·(π − θ)."; }

    public String formula() { return "Z_y = s · (π − θ_y)"; }

    public String explanation() {
        return "The logit falls linearly with the angle, so the push towards the class weight is the same −s at every θ. "
                + "Unlike cosine logits the gradient does not vanish as θ_y goes to zero, which keeps classes compact.";
    }
}
