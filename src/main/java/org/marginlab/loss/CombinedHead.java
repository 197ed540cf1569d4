package org.marginlab.loss;

import java.util.List;

import org.marginlab.Range;

/**
 * InsightFace's combined margin: Z_y = s·(cos(m1·θ_y + m2) − m3), the others s·cos θ_j. (1, m, 0) is
 * ArcFace, (1, 0, m) CosFace, (m, 0, 0) the multiplicative margin cos(mθ). Past θ_t = (π − m2)/m1, where
 * m1·θ + m2 reaches π and the cosine would turn back up, it follows ArcFace's fallback cos θ − m3 − M·sin M
 * with M = π − θ_t the angle the margin adds there (at m1 = 1, M = m2: ArcFace's own fallback).
 * Defaults s = 16 (as the other normalised heads, for ten classes in 2-D), m1 = 1, m2 = 0.1, m3 = 0.05: a
 * small share of each margin, together about ArcFace's 0.2 rad at the defaults.
 */
public final class CombinedHead implements HeadType {

    public String id() { return "combined"; }

    public String displayName() { return "Combined margin"; }

    public int colorIndex() { return 6; }

    public List<HeadParam> params() {
        return List.of(CommonParams.scale(),
                HeadParam.number("m1", "m₁", Range.closed(1, 8), "multiplier",
                        "multiplies θ_y (SphereFace's margin on normalised logits)", HeadParam.Schedule.WARM_FROM_ONE).slider(1, 4),
                HeadParam.number("m2", "m₂", Range.fromBelow(0, Math.PI), "rad",
                        "added to m₁·θ_y (ArcFace's margin)", HeadParam.Schedule.WARM_FROM_ZERO).slider(0, 1.5),
                HeadParam.number("m3", "m₃", Range.closed(0, 2), "cosine",
                        "subtracted from the cosine (CosFace's margin)", HeadParam.Schedule.WARM_FROM_ZERO).slider(0, 1));
    }

    public HeadParams defaults() {
        return new HeadParams(16, 0, 0, false, 1, 0.1, 0.05, 1, "", false);
    }

    /** θ_t = (π − m2)/m1, where m1·θ + m2 reaches π. */
    static double threshold(HeadParams p) {
        return (Math.PI - p.m2()) / p.m1();
    }

    /** M·sin M with M = π − θ_t: what the fallback subtracts besides m3. */
    static double fallbackShift(HeadParams p) {
        double big = Math.PI - threshold(p);
        return big * Math.sin(big);
    }

    public double targetLogit(HeadParams p, double theta, double xNorm, double wNorm) {
        return p.s() * (theta <= threshold(p) ? Math.cos(p.m1() * theta + p.m2()) - p.m3()
                : Math.cos(theta) - p.m3() - fallbackShift(p));
    }

    public double otherLogit(HeadParams p, double theta, double xNorm, double wNorm) {
        return p.s() * Math.cos(theta);
    }

    public double targetSlope(HeadParams p, double theta, double xNorm, double wNorm) {
        return theta <= threshold(p) ? -p.s() * p.m1() * Math.sin(p.m1() * theta + p.m2()) : -p.s() * Math.sin(theta);
    }

    public double otherSlope(HeadParams p, double theta, double xNorm, double wNorm) {
        return -p.s() * Math.sin(theta);
    }

    public <T> T logits(TensorOps<T> t, HeadParams p) {
        T cos = t.cosine();
        T cy = t.target(cos);
        T theta = t.angle(cy);
        T inner = t.add(t.mul(theta, t.constant(theta, p.m1())), t.constant(theta, p.m2()));
        T withMargin = t.sub(t.cos(inner), t.constant(cy, p.m3()));
        T fallback = t.sub(cy, t.constant(cy, p.m3() + fallbackShift(p)));
        T target = t.mul(t.whereGreater(theta, t.constant(theta, threshold(p)), fallback, withMargin),
                t.constant(cy, p.s()));
        return t.withTarget(t.mul(cos, t.constant(cos, p.s())), target);
    }

    public <T> T plainLogits(TensorOps<T> t, HeadParams p) {
        T cos = t.cosine();
        return t.mul(cos, t.constant(cos, p.s()));
    }

    public String summary() { return "combined margin s·(cos(m₁θ + m₂) − m₃): SphereFace, ArcFace and CosFace in one."; }

    public String formula() { return "Z_y = s · (cos(m₁·θ_y + m₂) − m₃)"; }

    public String explanation() {
        return "The three margins act together: m₁ multiplies the angle, m₂ adds to it and m₃ lowers the cosine. "
                + "With two of them at their neutral values it is SphereFace's, ArcFace's or CosFace's margin alone.";
    }
}
