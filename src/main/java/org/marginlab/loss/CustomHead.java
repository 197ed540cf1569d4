package org.marginlab.loss;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.marginlab.Range;

/**
 * Your own margin: Z_y = s·ψ(θ_y) with ψ an expression you type ({@link PsiExpression}), the others
 * s·cos θ_j. One parse gives the theory curves (doubles), ∂ψ/∂θ (dual numbers) and the training graph (DJL
 * autograd). ψ must be finite on [0, π] at every s and m training gives it, warm-up included; one that rises
 * there is allowed with a warning. Defaults: ArcFace's
 * s = 16, m = 0.2 and ψ = cos(theta + m), so a first look starts from a known curve.
 */
public final class CustomHead implements HeadType {

    private static final Map<String, PsiExpression> PARSED = new ConcurrentHashMap<>();

    public String id() { return "custom"; }

    public String displayName() { return "Custom ψ"; }

    public int colorIndex() { return 8; }

    public List<HeadParam> params() {
        return List.of(CommonParams.scale(),
                HeadParam.number("m", "m", Range.closed(-10, 10), "",
                        "the m in your ψ (warmed up from 0 with s)", HeadParam.Schedule.WARM_FROM_ZERO).slider(0, 1.5),
                HeadParam.text("psi", "ψ", "the target ψ(θ): numbers, theta, s, m, pi, + - * / ^, ( ), "
                        + "cos sin acos exp log sqrt abs min max"));
    }

    public HeadParams defaults() {
        return new HeadParams(16, 0.2, 0, false, 1, 0, 0, 1, "cos(theta + m)", false);
    }

    /** The parsed ψ (parsed once per text). */
    public static PsiExpression psi(HeadParams p) {
        return PARSED.computeIfAbsent(p.psi(), PsiExpression::parse);
    }

    public Optional<HeadParams.Problem> problem(HeadParams p) {
        Optional<HeadParams.Problem> range = HeadType.super.problem(p);
        if (range.isPresent()) {
            return range;
        }
        try {
            return psi(p).notFinite(p.s(), p.m()).map(why -> new HeadParams.Problem("psi", why));
        } catch (IllegalArgumentException e) {
            return Optional.of(new HeadParams.Problem("psi", e.getMessage()));
        }
    }

    /**
     * The final (s, m) first, then every (s, m) the warm-up passes through: m from 0 and s from min(1, s), as
     * {@link MarginSchedule#warmedMargin} and {@link MarginSchedule#warmedScale} move them; a ψ with m in a
     * denominator is finite at the final m and infinite at the first iteration.
     */
    public Optional<HeadParams.Problem> problemWhileTraining(HeadParams p, boolean warmingUp) {
        Optional<HeadParams.Problem> atEnd = problem(p);
        if (atEnd.isPresent() || !warmingUp) {
            return atEnd;
        }
        double sLo = Math.min(1, p.s());
        double mLo = Math.min(0, p.m());
        double mHi = Math.max(0, p.m());
        PsiExpression psi = psi(p);
        String sRange = psi.uses("s") ? "s from " + HeadType.num(sLo) + " to " + HeadType.num(p.s()) : "";
        String mRange = psi.uses("m") ? "m from 0 to " + HeadType.num(p.m()) : "";
        String ranges = sRange + (sRange.isEmpty() || mRange.isEmpty() ? "" : " and ") + mRange;
        return psi.notFinite(sLo, p.s(), mLo, mHi).map(why -> new HeadParams.Problem("psi", why
                + " at every " + ranges + " the margin warm-up passes through; "
                + "set the margin warm-up (--margin-warmup) to 0 or change ψ"));
    }

    public Optional<String> warning(HeadParams p) {
        try {
            return psi(p).notDecreasing(p.s(), p.m());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public double targetLogit(HeadParams p, double theta, double xNorm, double wNorm) {
        return p.s() * psi(p).value(theta, p.s(), p.m());
    }

    public double otherLogit(HeadParams p, double theta, double xNorm, double wNorm) {
        return p.s() * Math.cos(theta);
    }

    public double targetSlope(HeadParams p, double theta, double xNorm, double wNorm) {
        return p.s() * psi(p).slope(theta, p.s(), p.m());
    }

    public double otherSlope(HeadParams p, double theta, double xNorm, double wNorm) {
        return -p.s() * Math.sin(theta);
    }

    public <T> T logits(TensorOps<T> t, HeadParams p) {
        T cos = t.cosine();
        T theta = t.angle(t.target(cos));
        T target = t.mul(psi(p).eval(t, theta, p.s(), p.m()), t.constant(theta, p.s()));
        return t.withTarget(t.mul(cos, t.constant(cos, p.s())), target);
    }

    public <T> T plainLogits(TensorOps<T> t, HeadParams p) {
        T cos = t.cosine();
        return t.mul(cos, t.constant(cos, p.s()));
    }

    /** ψ's text is the head: the label names it after the numbers. */
    public String label(HeadParams p, boolean withS) {
        return "ψ = " + p.psi().strip() + (withS ? " s=" + HeadType.num(p.s()) : "") + " m=" + HeadType.num(p.m());
    }

    public boolean inOverview() { return false; }

    public String summary() { return "your own target ψ(θ), typed: s·ψ(θ_y) against s·cos θ_j."; }

    public String formula() { return "Z_y = s · ψ(θ_y),  ψ typed by you"; }

    public String explanation() {
        return "The target logit is whatever ψ you type, the other classes keep s·cos θ. A ψ that falls faster than "
                + "cos θ asks for a margin; where it rises, the gradient pulls the feature away from its class.";
    }
}
