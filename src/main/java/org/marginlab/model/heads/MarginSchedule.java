package org.marginlab.model.heads;

/**
 * The per-iteration head parameters during training: SphereFace's λ annealing (also used for
 * L-Softmax, whose ψ is the same) and the linear margin warm-up of CosFace / ArcFace. The engine asks
 * {@link #at(long)} once per iteration and passes the result to {@link Head#loss}.
 *
 * @param kind         the head
 * @param base         the configured parameters: λ_base = {@code base.lambda()}, target margin = {@code base.m()}
 * @param lambdaMin    λ_min, the annealing floor (published: 5)
 * @param lambdaGamma  γ (published: 0.12)
 * @param lambdaPower  power (published: 1)
 * @param marginWarmup iterations over which m grows linearly from 0 (0 = full margin at once)
 */
public record MarginSchedule(HeadKind kind, HeadParams base, double lambdaMin, double lambdaGamma,
                             double lambdaPower, long marginWarmup) {

    public MarginSchedule {
        if (kind == null || base == null) {
            throw new IllegalArgumentException("head kind and params are required");
        }
        if (!(lambdaMin >= 0) || !(lambdaGamma >= 0) || !(lambdaPower >= 0) || marginWarmup < 0) {
            throw new IllegalArgumentException("λ schedule needs λ_min, γ, power ≥ 0 and warm-up ≥ 0");
        }
    }

    /** SphereFace's published schedule: λ_base 1000, γ 0.12, power 1, λ_min 5; no warm-up. */
    public static MarginSchedule standard(HeadKind kind, HeadParams base, long marginWarmup) {
        return new MarginSchedule(kind, base, 5, 0.12, 1, marginWarmup);
    }

    /** The parameters in force at this iteration (0-based). Heads without a schedule get {@code base}. */
    public HeadParams at(long iteration) {
        return switch (kind) {
            case SPHEREFACE, LSOFTMAX -> base.withLambda(
                    annealedLambda(iteration, base.lambda(), lambdaGamma, lambdaPower, lambdaMin));
            case COSFACE, ARCFACE -> base.withM(warmedMargin(iteration, base.m(), marginWarmup));
            default -> base;
        };
    }

    /** λ = max(λ_min, λ_base·(1 + γ·iteration)^(−power)). */
    public static double annealedLambda(long iteration, double lambdaBase, double gamma, double power,
                                        double lambdaMin) {
        return Math.max(lambdaMin, lambdaBase * Math.pow(1 + gamma * Math.max(0, iteration), -power));
    }

    /** m·min(1, iteration / warmup): 0 at iteration 0, the full margin from {@code warmup} on. */
    public static double warmedMargin(long iteration, double m, long warmup) {
        if (warmup <= 0 || iteration >= warmup) {
            return m;
        }
        return m * Math.max(0, iteration) / (double) warmup;
    }
}
