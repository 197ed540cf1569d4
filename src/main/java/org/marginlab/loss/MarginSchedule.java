package org.marginlab.loss;

/**
 * The per-iteration head parameters during training: SphereFace's λ annealing (also used for
 * L-Softmax, whose ψ is the same), the linear margin warm-up of CosFace / ArcFace, and the linear scale
 * warm-up of every normalised head (NormFace, CosFace, ArcFace, angular loss): s grows from 1 to its
 * configured value over the same iterations. The engine asks {@link #at(long)} once per iteration and
 * passes the result to {@code model.heads.Head.loss}.
 *
 * <p>Why s is warmed up: at a large s the softmax over normalised logits is nearly a hard max from the
 * first step, so every misclassified sample is pushed away from its nearest wrong class weight with the
 * full force s while the features are still mixed; the class weights then flee the feature mass
 * together. For the angular loss, whose push ∂Z/∂θ = −s does not fade with the angle, this bunched all
 * classes in 2-D (test accuracy 0.197, class centres 0.37 rad apart, s = 7); starting at s = 1, where
 * the push is spread over all classes and the pull to the own weight dominates, the same run reaches
 * 0.762 (docs/training.md).
 *
 * @param kind         the head
 * @param base         the configured parameters: λ_base = {@code base.lambda()}, target margin = {@code base.m()}
 * @param lambdaMin    λ_min, the annealing floor (published: 5)
 * @param lambdaGamma  γ (published: 0.12)
 * @param lambdaPower  power (published: 1)
 * @param marginWarmup iterations over which m grows linearly from 0 and the normalised heads' s from 1
 *                     (0 = full margin and scale at once)
 * @param lambdaAnneal iterations over which an annealed parameter falls from its start to λ_min, γ then following
 *                     from them ({@link #gammaFor}); 0 = γ as given
 */
public record MarginSchedule(HeadKind kind, HeadParams base, double lambdaMin, double lambdaGamma,
                             double lambdaPower, long marginWarmup, long lambdaAnneal) {

    public MarginSchedule {
        if (kind == null || base == null) {
            throw new IllegalArgumentException("head kind and params are required");
        }
        if (!(lambdaMin >= 0) || !(lambdaGamma >= 0) || !(lambdaPower >= 0) || marginWarmup < 0 || lambdaAnneal < 0) {
            throw new IllegalArgumentException("λ schedule needs λ_min, γ, power ≥ 0 and warm-up, annealing length ≥ 0");
        }
    }

    /** A schedule whose annealing runs at the given γ (no annealing length). */
    public MarginSchedule(HeadKind kind, HeadParams base, double lambdaMin, double lambdaGamma,
                          double lambdaPower, long marginWarmup) {
        this(kind, base, lambdaMin, lambdaGamma, lambdaPower, marginWarmup, 0);
    }

    /** This schedule over other configured parameters (AdaCos's s set from the class count). */
    public MarginSchedule withBase(HeadParams b) {
        return new MarginSchedule(kind, b, lambdaMin, lambdaGamma, lambdaPower, marginWarmup, lambdaAnneal);
    }

    /**
     * The γ an annealed parameter starting at {@code start} falls by: with an annealing length, the one that
     * reaches λ_min at its end ({@link #gammaReaching}); otherwise the configured γ.
     */
    public double gammaFor(double start) {
        return lambdaAnneal > 0 ? gammaReaching(start, lambdaMin, lambdaPower, lambdaAnneal, lambdaGamma) : lambdaGamma;
    }

    /**
     * The first iteration at which an annealed parameter starting at {@code start} stands at λ_min (the
     * published γ = 0.12: 1 659 for 1000 → 5); 0 when it starts there, {@link Long#MAX_VALUE} where it never does.
     */
    public long annealedAt(double start) {
        double gamma = gammaFor(start);
        if (!(start > lambdaMin)) {
            return 0;
        }
        if (!(lambdaMin > 0) || !(gamma > 0) || !(lambdaPower > 0)) {
            return Long.MAX_VALUE;
        }
        double n = (Math.pow(start / lambdaMin, 1 / lambdaPower) - 1) / gamma;
        // forgiving the rounding of a γ derived from the annealing length
        return (long) Math.ceil(n - 1e-6);
    }

    /**
     * The iteration from which no parameter of the head moves any more: the end of its warm-up or of its
     * annealing, whichever is later; 0 when nothing is scheduled (an adaptive s is set from the data, not here).
     */
    public long settledAt() {
        long end = 0;
        for (HeadParam q : kind.type().params()) {
            long at = switch (q.schedule()) {
                case WARM_FROM_ONE, WARM_FROM_ZERO -> marginWarmup;
                case ANNEALED -> annealedAt(base.value(q.name()));
                case NONE, ADAPTIVE -> 0;
            };
            end = Math.max(end, at);
        }
        return end;
    }

    /** SphereFace's published λ floor. */
    public static final double STANDARD_LAMBDA_MIN = 5;

    /** SphereFace's published schedule: λ_base 1000, γ 0.12, power 1, λ_min 5; no warm-up. */
    public static MarginSchedule standard(HeadKind kind, HeadParams base, long marginWarmup) {
        return new MarginSchedule(kind, base, STANDARD_LAMBDA_MIN, 0.12, 1, marginWarmup);
    }

    /**
     * The parameters in force at this iteration (0-based): each parameter moved as its head declares
     * ({@link HeadParam.Schedule}); heads without a schedule get {@code base}.
     */
    public HeadParams at(long iteration) {
        return kind.type().at(this, iteration);
    }

    /**
     * The γ with which λ_base·(1 + γ·n)^(−power) = λ_min at iteration n = {@code iterations}:
     * ((λ_base/λ_min)^(1/power) − 1)/n. The published γ = 0.12 takes λ from 1000 to 5 in 1 659 iterations,
     * longer than a quick run; this scales the annealing to the run, as the warm-ups are. Where λ_min cannot
     * be reached (λ_min ≤ 0, power 0, or λ_base ≤ λ_min) the {@code fallback} γ.
     */
    public static double gammaReaching(double lambdaBase, double lambdaMin, double power, long iterations, double fallback) {
        if (iterations <= 0 || !(lambdaMin > 0) || !(power > 0) || !(lambdaBase > lambdaMin)) {
            return fallback;
        }
        return (Math.pow(lambdaBase / lambdaMin, 1 / power) - 1) / iterations;
    }

    /** λ = max(λ_min, λ_base·(1 + γ·iteration)^(−power)). */
    public static double annealedLambda(long iteration, double lambdaBase, double gamma, double power,
                                        double lambdaMin) {
        return Math.max(lambdaMin, lambdaBase * Math.pow(1 + gamma * Math.max(0, iteration), -power));
    }

    /** Linear from min(1, s) at iteration 0 to s at {@code warmup}, then s (0 = warm-up off). */
    public static double warmedScale(long iteration, double s, long warmup) {
        double start = Math.min(1, s);
        if (warmup <= 0 || iteration >= warmup) {
            return s;
        }
        return start + (s - start) * Math.max(0, iteration) / (double) warmup;
    }

    /** m·min(1, iteration / warmup): 0 at iteration 0, the full margin from {@code warmup} on. */
    public static double warmedMargin(long iteration, double m, long warmup) {
        if (warmup <= 0 || iteration >= warmup) {
            return m;
        }
        return m * Math.max(0, iteration) / (double) warmup;
    }
}
