package org.marginlab.loss;

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

    /** A parameter out of range: its name as in {@link #usedBy} and what is allowed. */
    public record Problem(String param, String reason) {
    }

    /**
     * The first parameter this head reads that is out of range, or empty when all are fine. Ranges:
     * s in (0, 1000]; m in [0, 2] (cosface), [0, π) (arcface), an integer 1…64 (sphereface, lsoftmax);
     * λ ≥ 0 and finite.
     */
    public java.util.Optional<Problem> problem(HeadKind kind) {
        for (String name : usedBy(kind)) {
            String reason = switch (name) {
                case "s" -> Double.isFinite(s) && s > 0 && s <= 1000 ? null
                        : "must be a number in (0, 1000], got " + s;
                case "m" -> switch (kind) {
                    case COSFACE -> Double.isFinite(m) && m >= 0 && m <= 2 ? null
                            : "must be a cosine margin in [0, 2], got " + m;
                    case ARCFACE -> Double.isFinite(m) && m >= 0 && m < Math.PI ? null
                            : "must be an angle in radians in [0, π), got " + m;
                    default -> m >= 1 && m <= 64 && m == Math.rint(m) ? null
                            : "must be an integer from 1 to 64 (ψ's angle multiplier), got " + m;
                };
                case "lambda" -> Double.isFinite(lambda) && lambda >= 0 ? null
                        : "must be a finite number ≥ 0, got " + lambda;
                default -> null;
            };
            if (reason != null) {
                return java.util.Optional.of(new Problem(name, reason));
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
