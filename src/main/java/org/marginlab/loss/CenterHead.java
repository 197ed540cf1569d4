package org.marginlab.loss;

import java.util.List;

/**
 * Center loss (Wen et al. 2016): softmax's logits plus λ·Σ‖x_i − c_{y_i}‖²/(2N). λ = 0.01 by default: inside
 * the range of weights the paper shows on 2-D MNIST features, small enough that softmax still separates.
 */
public final class CenterHead implements HeadType {

    public String id() { return "center"; }

    public String displayName() { return "Center loss"; }

    public int colorIndex() { return 0; }

    public List<HeadParam> params() {
        return List.of(HeadParam.number("lambda", "λ", CommonParams.LAMBDA, "",
                "weight of the center loss against softmax", HeadParam.Schedule.NONE).slider(0, 1));
    }

    public HeadParams defaults() { return new HeadParams(1, 0, 0.01, false); }

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

    public boolean hasCenters() { return true; }

    public boolean readsFeatureNorm() { return true; }

    /** λ weighs the centre term, not the logits: the curves are softmax's. */
    public String label(HeadParams p, boolean withS) { return displayName(); }

    public String summary() { return "softmax plus a pull of each feature to its class centre."; }

    public String formula() { return "L = −log softmax(W x)_y + λ/2 · ‖x − c_y‖²"; }

    public String explanation() {
        return "Softmax separates the classes while the centre term pulls each feature to a moving centre of its class. "
                + "λ trades compactness against separability; centres move at rate α.";
    }
}
