package org.marginlab.loss;

import org.marginlab.Range;

/**
 * The hyper-parameters of a head. Only some heads read each field (see {@link HeadKind} and
 * {@link #usedBy}); the others ignore it.
 *
 * @param s          scale on normalised logits (normface, cosface, arcface, arc)
 * @param m          margin: additive cosine (cosface), additive angle in radians (arcface), or the
 *                   integer angle multiplier of ψ (sphereface, lsoftmax)
 * @param lambda     ψ's blend weight λ (sphereface, lsoftmax): in a run's configuration λ_base, where
 *                   the annealing starts, and in {@link MarginSchedule#at}'s per-iteration params the
 *                   current λ; or the center-loss weight (center)
 * @param easyMargin ArcFace's easy-margin variant
 */
public record HeadParams(double s, double m, double lambda, boolean easyMargin) {

    /**
     * Defaults for 2-D/3-D toy embeddings of ten classes (in 2-D the best spread puts neighbours 36°
     * apart, in 3-D about 66°). One reason each:
     * <ul>
     * <li>normface s = 16: with neighbours 36° apart the loss floor ln(1 + 2e^{−s(1−cos 36°)}) is 0.09 at
     * s = 16 but 0.26 at s = 10, and a larger s only saturates the early gradients;</li>
     * <li>cosface s = 16, m = 0.1: at θ_y = 0 the target s(1 − m) must beat a neighbour's s·cos 36° = 0.81s;
     * m = 0.1 keeps a 0.09s lead in 2-D, while the paper's 0.35 (or even 0.2) cannot be met there;</li>
     * <li>arcface s = 16, m = 0.2 rad (11.5°): fits inside half of the 36° gap, so the margin can be met in
     * 2-D too; the published 0.5 rad (29°) cannot;</li>
     * <li>sphereface / lsoftmax m = 4, λ = 1000 annealed to 5: SphereFace's published setting (λ here is
     * where the annealing starts; see {@link MarginSchedule});</li>
     * <li>arc s = 7: a middle value of the angular-loss paper's sweep (s = 1, 3, 5, 7, 12, 20), compact
     * without slowing the first epoch — reached through the scale warm-up of {@link MarginSchedule}: at
     * s = 7 from the first step (as at s = 3) the 2-D classes collapse onto one arc;</li>
     * <li>center λ = 0.01: inside the range of weights the center-loss paper shows on 2-D MNIST features;
     * small enough that the softmax term still separates the classes.</li>
     * </ul>
     */
    public static HeadParams defaults(HeadKind kind) {
        return switch (kind) {
            case SOFTMAX -> new HeadParams(1, 0, 0, false);
            case NORMFACE -> new HeadParams(16, 0, 0, false);
            case SPHEREFACE, LSOFTMAX -> new HeadParams(1, 4, 1000, false);
            case COSFACE -> new HeadParams(16, 0.1, 0, false);
            case ARCFACE -> new HeadParams(16, 0.2, 0, false);
            case ARC -> new HeadParams(7, 0, 0, false);
            case CENTER -> new HeadParams(1, 0, 0.01, false);
        };
    }

    /**
     * The values a head's formula accepts for one of its params (named as in {@link #usedBy}), or null for
     * easy_margin. This is the one range every entry point checks (train, config.json, the window, loss):
     * <ul>
     * <li>s in (0, 1000]: any positive radius is a valid scale; the papers use up to 64, and the bound only
     * catches typos (a 30 000 meant as 30) before they saturate every softmax;</li>
     * <li>cosface m in [0, 2]: cos θ − m spans [−1 − m, 1 − m], so at m = 2 the target cannot beat any class
     * even at θ = 0 and a larger m changes nothing; CosFace's feasible bound C/(C − 1) is ≤ 2 for any C;</li>
     * <li>arcface m in [0, π): θ + m must stay below π or cos(θ + m) stops decreasing in θ and the margin
     * pulls the wrong way (the non-easy variant's threshold cos(π − m) needs m &lt; π);</li>
     * <li>sphereface / lsoftmax m an integer in [1, 8]: ψ is defined for integer multipliers; the papers
     * use up to 4, and at m = 8 the first ψ segment is already only π/8 = 22.5° wide;</li>
     * <li>λ in [0, 1e6]: at λ = 1e6 ψ's share of the target logit, 1/(1 + λ), is below float32's
     * resolution, so larger values train exactly like softmax (and the center-loss weight is meaningful
     * far below).</li>
     * </ul>
     */
    public static Range range(String param, HeadKind kind) {
        return switch (param) {
            case "s" -> Range.aboveUpTo(0, 1000);
            case "m" -> switch (kind) {
                case COSFACE -> Range.closed(0, 2);
                case ARCFACE -> Range.fromBelow(0, Math.PI);
                default -> Range.integers(1, 8);
            };
            case "lambda" -> Range.closed(0, 1e6);
            default -> null;
        };
    }

    /** The value of a param named as in {@link #usedBy}. */
    public double value(String param) {
        return switch (param) {
            case "s" -> s;
            case "m" -> m;
            case "lambda" -> lambda;
            default -> throw new IllegalArgumentException("no numeric param " + param);
        };
    }

    /** A parameter out of range: its name as in {@link #usedBy} and what is allowed. */
    public record Problem(String param, String reason) {
    }

    /** The first parameter this head reads that is outside its {@link #range}, or empty when all are fine. */
    public java.util.Optional<Problem> problem(HeadKind kind) {
        for (String name : usedBy(kind)) {
            Range r = range(name, kind);
            if (r != null && !r.contains(value(name))) {
                return java.util.Optional.of(new Problem(name, "must be " + r.describe() + ", got " + value(name)));
            }
        }
        return java.util.Optional.empty();
    }

    /** Names of the params a head reads, as spelled in JSON and on the command line. */
    public static java.util.List<String> usedBy(HeadKind kind) {
        return switch (kind) {
            case SOFTMAX -> java.util.List.of();
            case NORMFACE, ARC -> java.util.List.of("s");
            case SPHEREFACE, LSOFTMAX -> java.util.List.of("m", "lambda");
            case COSFACE -> java.util.List.of("s", "m");
            case ARCFACE -> java.util.List.of("s", "m", "easy_margin");
            case CENTER -> java.util.List.of("lambda");
        };
    }

    public HeadParams withS(double v) {
        return new HeadParams(v, m, lambda, easyMargin);
    }

    public HeadParams withM(double v) {
        return new HeadParams(s, v, lambda, easyMargin);
    }

    public HeadParams withLambda(double v) {
        return new HeadParams(s, m, v, easyMargin);
    }

    public HeadParams withEasyMargin(boolean v) {
        return new HeadParams(s, m, lambda, v);
    }
}
