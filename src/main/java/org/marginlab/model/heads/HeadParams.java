package org.marginlab.model.heads;

/**
 * The hyper-parameters of a head. Only some heads read each field (see {@link HeadKind} and
 * {@link #usedBy}); the others ignore it.
 *
 * @param s          scale on normalised logits (normface, cosface, arcface, arc)
 * @param m          margin: additive cosine (cosface), additive angle in radians (arcface), or the
 *                   integer angle multiplier of ψ (sphereface, lsoftmax)
 * @param lambda     ψ's blend weight λ (sphereface, lsoftmax: the annealed value), or the
 *                   center-loss weight (center)
 * @param easyMargin ArcFace's easy-margin variant
 */
public record HeadParams(double s, double m, double lambda, boolean easyMargin) {

    /**
     * Defaults for 2-D/3-D toy embeddings of ten classes. Reasons:
     * normface/cosface/arcface s = 16: with C = 10 NormFace's bound needs s ≳ 2·ln(C−1)·… ≈ 10 for a low
     * loss floor, and 16 keeps gradients alive without saturating in 2-D;
     * cosface m = 0.2 and arcface m = 0.2 rad: ten classes on a circle sit 36° (0.63 rad) apart, so the
     * published 0.35 / 0.5 leave no room in 2-D;
     * sphereface / lsoftmax m = 4 with λ annealed to 5: SphereFace's published setting (λ here is the
     * start of annealing, 1000);
     * arc s = 7: the middle of the angular-loss paper's s sweep (1…20), compact without slowing early epochs;
     * center λ = 0.01: the center-loss paper's MNIST weight for 2-D LeNet++ features.
     */
    public static HeadParams defaults(HeadKind kind) {
        return switch (kind) {
            case SOFTMAX -> new HeadParams(1, 0, 0, false);
            case NORMFACE -> new HeadParams(16, 0, 0, false);
            case SPHEREFACE, LSOFTMAX -> new HeadParams(1, 4, 1000, false);
            case COSFACE -> new HeadParams(16, 0.2, 0, false);
            case ARCFACE -> new HeadParams(16, 0.2, 0, false);
            case ARC -> new HeadParams(7, 0, 0, false);
            case CENTER -> new HeadParams(1, 0, 0.01, false);
        };
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
