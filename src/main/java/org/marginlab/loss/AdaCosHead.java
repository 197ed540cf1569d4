package org.marginlab.loss;

import java.util.Arrays;
import java.util.List;

import org.marginlab.Range;
import org.marginlab.UserException;

/**
 * AdaCos (Zhang et al., CVPR 2019): cosine logits s·cos θ without a margin, with s chosen, not tuned. Fixed:
 * s = √2·ln(C − 1). Dynamic: each step sets s from the previous step's s,
 * B_avg = mean over the batch of Σ_{k≠y} exp(s_prev·cos θ_k), θ_med = the lower median of θ_y,
 * s = ln(B_avg) / cos(min(π/4, θ_med)), computed without gradient (the paper's Eq. 15 and its code).
 * The default s, √2·ln 9 ≈ 3.11, is the fixed scale of ten classes; training sets it from its own C.
 */
public final class AdaCosHead implements HeadType {

    /** Where s may lie, fixed or dynamic. */
    private static final Range SCALE_RANGE = Range.aboveUpTo(0, 1000);

    public String id() { return "adacos"; }

    public String displayName() { return "AdaCos"; }

    public int colorIndex() { return 10; }

    public List<HeadParam> params() {
        return List.of(new HeadParam("s", "s", HeadParam.Kind.NUMBER, SCALE_RANGE, "",
                        "set by the head: √2·ln(C − 1), or each step from the batch (dynamic)", false,
                        HeadParam.Schedule.ADAPTIVE),
                HeadParam.flag("dynamic", "dynamic",
                        "set s every step from the batch (AdaCos's dynamic scale) instead of √2·ln(C − 1)"));
    }

    public HeadParams defaults() {
        return new HeadParams(fixedScale(10), 0, 0, false);
    }

    /** √2·ln(C − 1), AdaCos's fixed scale for C classes. */
    public static double fixedScale(int classes) {
        if (classes < 3) {
            throw new IllegalArgumentException("AdaCos needs at least 3 classes (s = √2·ln(C − 1)), got " + classes);
        }
        return Math.sqrt(2) * Math.log(classes - 1);
    }

    public HeadParams forClasses(HeadParams p, int classes) {
        return p.withS(fixedScale(classes));
    }

    public boolean adaptsScale(HeadParams p) {
        return p.dynamic();
    }

    public double nextScale(double sPrev, double[][] cos, int[] labels) {
        int n = cos.length;
        double bSum = 0;
        double[] thetaY = new double[n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < cos[i].length; k++) {
                if (k != labels[i]) {
                    bSum += Math.exp(sPrev * cos[i][k]);
                }
            }
            double c = cos[i][labels[i]];
            thetaY[i] = Math.acos(Math.min(Math.max(c, -1 + HeadFunctions.COS_CLIP), 1 - HeadFunctions.COS_CLIP));
        }
        Arrays.sort(thetaY);
        double median = thetaY[(n - 1) / 2]; // torch.median: the lower of the two middle values
        double s = Math.log(bSum / n) / Math.cos(Math.min(Math.PI / 4, median));
        if (!SCALE_RANGE.contains(s)) {
            // In few dimensions the other classes' cosines stay near 1, so B_avg grows like exp(s_prev) and the
            // next s exceeds the last: the paper's rule has no fixed point there.
            throw new UserException(String.format(java.util.Locale.ROOT,
                    "AdaCos's dynamic scale ran away: after s = %.4g this batch gives s = %s, outside %s (the other "
                            + "classes' cosines stay near 1, as in a 2-D embedding); train with --dim 3 or more, or "
                            + "without --dynamic", sPrev, Double.isFinite(s) ? String.format(java.util.Locale.ROOT, "%.4g", s)
                            : "∞", SCALE_RANGE.interval()));
        }
        return s;
    }

    public double targetLogit(HeadParams p, double theta, double xNorm, double wNorm) {
        return p.s() * Math.cos(theta);
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

    public <T> T logits(TensorOps<T> t, HeadParams p) { return plainLogits(t, p); }

    public <T> T plainLogits(TensorOps<T> t, HeadParams p) {
        T cos = t.cosine();
        return t.mul(cos, t.constant(cos, p.s()));
    }

    public String summary() { return "cosine logits s·cos θ with s set by the head, not tuned."; }

    public String formula() { return "Z_y = s · cos θ_y,  s = √2·ln(C − 1) or ln(B_avg) / cos(min(π/4, θ_med))"; }

    public String explanation() {
        return "The scale is chosen so that P(y) changes fastest where the batch's angles are, leaving no s to tune. "
                + "The dynamic variant follows the median target angle as training tightens the classes.";
    }
}
