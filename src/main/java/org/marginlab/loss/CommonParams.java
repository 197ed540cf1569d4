package org.marginlab.loss;

import org.marginlab.Range;

/** Parameter declarations several heads share word for word (each head still lists its own). */
final class CommonParams {
    private CommonParams() {
    }

    /** s in (0, 1000]: any positive radius is a valid scale; the papers use up to 64, the bound catches typos. */
    static final Range SCALE = Range.aboveUpTo(0, 1000);
    /** λ in [0, 1e6]: at 1e6 ψ's share 1/(1 + λ) is below float32's resolution. */
    static final Range LAMBDA = Range.closed(0, 1e6);

    /** The scale of normalised logits, warmed up from 1 with the margin. */
    static HeadParam scale() {
        return HeadParam.number("s", "s", SCALE, "",
                "radius the normalised logits are scaled to; larger s sharpens P(y) but weakens the push at small θ",
                HeadParam.Schedule.WARM_FROM_ONE);
    }

    /** ψ's integer angle multiplier (SphereFace, L-Softmax): defined for integers; m = 8 leaves π/8 segments. */
    static HeadParam psiMultiplier() {
        return HeadParam.number("m", "m", Range.integers(1, 8), "multiplier",
                "integer angle multiplier of ψ(θ) = cos(mθ); 1 is plain softmax", HeadParam.Schedule.NONE)
                .slider(1, 6);
    }

    /** ψ's λ blend, annealed from λ_base to λ_min. */
    static HeadParam psiLambda() {
        return HeadParam.number("lambda", "λ", LAMBDA, "",
                "start of the λ annealing that blends ψ with cos θ; large λ trains like softmax", HeadParam.Schedule.ANNEALED)
                .slider(0, 20);
    }

    /** ArcFace's additive angle: θ + m must stay below π, so m &lt; π. */
    static HeadParam angularMargin() {
        return HeadParam.number("m", "m", Range.fromBelow(0, Math.PI), "rad",
                "angle in radians added to θ_y; ten classes on a circle are 0.63 rad apart", HeadParam.Schedule.WARM_FROM_ZERO)
                .slider(0, 1.5);
    }

    static HeadParam easyMargin() {
        return HeadParam.flag("easy_margin", "easy",
                "apply the margin only while cos θ_y > 0 (ArcFace's easy-margin variant)");
    }
}
