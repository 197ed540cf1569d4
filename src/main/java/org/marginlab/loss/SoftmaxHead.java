package org.marginlab.loss;

import java.util.List;

/** Plain softmax over linear logits W·x. */
public final class SoftmaxHead implements HeadType {

    public String id() { return "softmax"; }

    public String displayName() { return "Softmax"; }

    public int colorIndex() { return 0; }

    public List<HeadParam> params() { return List.of(); }

    public HeadParams defaults() { return new HeadParams(1, 0, 0, false); }

    public double targetLogit(HeadParams p, double theta, double xNorm, double wNorm) {
        return wNorm * xNorm * Math.cos(theta);
    }

    public double otherLogit(HeadParams p, double theta, double xNorm, double wNorm) {
        return wNorm * xNorm * Math.cos(theta);
    }

    public double targetSlope(HeadParams p, double theta, double xNorm, double wNorm) {
        return -wNorm * xNorm * Math.sin(theta);
    }

    public double otherSlope(HeadParams p, double theta, double xNorm, double wNorm) {
        return -wNorm * xNorm * Math.sin(theta);
    }

    public <T> T logits(TensorOps<T> t, HeadParams p) { return t.dot(); }

    public <T> T plainLogits(TensorOps<T> t, HeadParams p) { return t.dot(); }

    public boolean readsFeatureNorm() { return true; }

    public String summary() { return "plain linear logits W·x, no normalisation."; }

    public String formula() { return "Z_y = ‖W_y‖ ‖x‖ cos θ_y"; }

    public String explanation() {
        return "The logit grows with both the feature's length and its angle, so classes spread out "
                + "radially and the network can lower the loss by inflating norms. Nothing asks a class to be compact.";
    }
}
