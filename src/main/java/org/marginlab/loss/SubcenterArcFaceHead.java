package org.marginlab.loss;

import java.util.List;

import org.marginlab.Range;

/**
 * Sub-center ArcFace (Deng et al., ECCV 2020): k weight rows per class; cos θ_j is the largest cosine to class
 * j's sub-centers, then ArcFace's margin. Noisy samples settle on a non-dominant sub-center instead of pulling
 * the class's main one. Defaults: ArcFace's s = 16, m = 0.2 (ten classes in 2-D) and the paper's k = 3.
 */
public final class SubcenterArcFaceHead implements HeadType {

    public String id() { return "subcenter-arcface"; }

    public String displayName() { return "Sub-center ArcFace"; }

    public int colorIndex() { return 9; }

    public List<HeadParam> params() {
        return List.of(CommonParams.scale(), CommonParams.angularMargin(),
                new HeadParam("k", "k", HeadParam.Kind.NUMBER, Range.integers(1, 10), "sub-centers",
                        "weight rows per class; each sample is pulled to its nearest one", false,
                        HeadParam.Schedule.NONE));
    }

    public HeadParams defaults() {
        return new HeadParams(16, 0.2, 0, false, 1, 0, 0, 3, "", false);
    }

    public int subCenters(HeadParams p) {
        return p.k();
    }

    public double targetLogit(HeadParams p, double theta, double xNorm, double wNorm) {
        return p.s() * ArcFaceHead.psi(theta, p.m(), false);
    }

    public double otherLogit(HeadParams p, double theta, double xNorm, double wNorm) {
        return p.s() * Math.cos(theta);
    }

    public double targetSlope(HeadParams p, double theta, double xNorm, double wNorm) {
        return theta <= Math.PI - p.m() ? -p.s() * Math.sin(theta + p.m()) : -p.s() * Math.sin(theta);
    }

    public double otherSlope(HeadParams p, double theta, double xNorm, double wNorm) {
        return -p.s() * Math.sin(theta);
    }

    /** {@link TensorOps#cosine} already takes the largest cosine over each class's k rows. */
    public <T> T logits(TensorOps<T> t, HeadParams p) {
        T cos = t.cosine();
        return t.withTarget(t.mul(cos, t.constant(cos, p.s())), ArcFaceHead.target(t, t.target(cos), p.s(), p.m(), false));
    }

    public <T> T plainLogits(TensorOps<T> t, HeadParams p) {
        T cos = t.cosine();
        return t.mul(cos, t.constant(cos, p.s()));
    }

    public boolean inOverview() { return false; }

    public String summary() { return "ArcFace over k sub-centers per class, each sample to its nearest."; }

    public String formula() { return "Z_y = s · cos(θ_y + m),  cos θ_j = max_i cos θ_{j,i}"; }

    public String explanation() {
        return "Each class keeps k weight vectors and a sample is scored against the nearest one, so a class may "
                + "split into k clusters. Clean samples gather on one dominant sub-center, outliers on the others.";
    }
}
