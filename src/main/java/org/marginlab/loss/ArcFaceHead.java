package org.marginlab.loss;

import java.util.List;

/**
 * ArcFace: s·cos(θ_y + m), and past θ = π − m the fallback s·(cos θ − m·sin m) that keeps Z_y decreasing.
 * s = 16, m = 0.2 rad (11.5°): fits inside half of the 36° gap of ten classes in 2-D; the published 0.5 rad
 * cannot be met there.
 */
public final class ArcFaceHead implements HeadType {

    public String id() { return "arcface"; }

    public String displayName() { return "ArcFace"; }

    public int colorIndex() { return 1; }

    public List<HeadParam> params() {
        return List.of(CommonParams.scale(), CommonParams.angularMargin(), CommonParams.easyMargin());
    }

    public HeadParams defaults() { return new HeadParams(16, 0.2, 0, false); }

    public double targetLogit(HeadParams p, double theta, double xNorm, double wNorm) {
        return p.s() * psi(theta, p.m(), p.easyMargin());
    }

    public double otherLogit(HeadParams p, double theta, double xNorm, double wNorm) {
        return p.s() * Math.cos(theta);
    }

    public double targetSlope(HeadParams p, double theta, double xNorm, double wNorm) {
        double s = p.s();
        double m = p.m();
        if (p.easyMargin()) {
            return Math.cos(theta) > 0 ? -s * Math.sin(theta + m) : -s * Math.sin(theta);
        }
        return theta <= Math.PI - m ? -s * Math.sin(theta + m) : -s * Math.sin(theta);
    }

    public double otherSlope(HeadParams p, double theta, double xNorm, double wNorm) {
        return -p.s() * Math.sin(theta);
    }

    /** cos(θ + m) up to π − m, then ArcFace's fallback cos θ − m·sin m (or the easy margin's cos θ). */
    static double psi(double theta, double m, boolean easy) {
        if (easy) {
            return Math.cos(theta) > 0 ? Math.cos(theta + m) : Math.cos(theta);
        }
        return theta <= Math.PI - m ? Math.cos(theta + m) : Math.cos(theta) - m * Math.sin(m);
    }

    public <T> T logits(TensorOps<T> t, HeadParams p) {
        T cos = t.cosine();
        return t.withTarget(t.mul(cos, t.constant(cos, p.s())), target(t, t.target(cos), p.s(), p.m(), p.easyMargin()));
    }

    /** s·ψ(θ_y) of target cosines cy (N×1), as the {@link #psi} above. */
    static <T> T target(TensorOps<T> t, T cy, double s, double m, boolean easy) {
        T theta = t.angle(cy);
        T sc = t.constant(cy, s);
        T withMargin = t.mul(t.cos(t.add(theta, t.constant(theta, m))), sc);
        if (easy) {
            return t.whereGreater(cy, t.constant(cy, 0), withMargin, t.mul(cy, sc));
        }
        // Past π − m, cos(θ + m) would turn back up; ArcFace's fallback keeps Z_y decreasing.
        return t.whereGreater(theta, t.constant(theta, Math.PI - m),
                t.mul(t.sub(cy, t.constant(cy, m * Math.sin(m))), sc), withMargin);
    }

    public <T> T plainLogits(TensorOps<T> t, HeadParams p) {
        T cos = t.cosine();
        return t.mul(cos, t.constant(cos, p.s()));
    }

    public String summary() { return "additive angular margin s·cos(θ + m)."; }

    public String formula() { return "Z_y = s · cos(θ_y + m)"; }

    public String explanation() {
        return "Adding m to the target angle gives a margin of constant width in angle, a geodesic distance on the sphere. "
                + "Beyond θ = π − m the curve is kept monotone by a linear fallback.";
    }
}
