package org.marginlab.loss;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.marginlab.Range;

/**
 * Everything about one classification head, in one class per head: its typed parameters (range, default,
 * unit, help, whether live, schedule), its logits and their slopes as plain doubles of θ for the theory
 * figures, its training logits written against {@link TensorOps} (DJL implements them in model/heads), its
 * formula card, and how its parameters are labelled. {@link HeadKind} is the registry that lists them; the
 * CLI flags, the settings form, the live knobs, the Theory sliders, figure labels, {@code loss} and the
 * docs table all ask the head through here, and no other code switches on a head.
 *
 * <p>Adding a head: one new class implementing this interface (named in {@code permits}) and its line in
 * {@link HeadKind}.
 */
public sealed interface HeadType permits SoftmaxHead, NormFaceHead, SphereFaceHead, LSoftmaxHead, CosFaceHead,
        ArcFaceHead, ArcHead, CenterHead, CombinedHead, AdaCosHead, SubcenterArcFaceHead, CustomHead {

    /** The id on the command line and in config.json. */
    String id();

    String displayName();

    /** The parameters this head reads, in the order forms and labels show them. */
    List<HeadParam> params();

    /** The default values, one reason each in the class's comment. */
    HeadParams defaults();

    /** Z_y(θ): the target-class logit, margin included. */
    double targetLogit(HeadParams p, double theta, double xNorm, double wNorm);

    /** Z_j(θ) for a non-target class j ≠ y. */
    double otherLogit(HeadParams p, double theta, double xNorm, double wNorm);

    /** ∂Z_y/∂θ_y. */
    double targetSlope(HeadParams p, double theta, double xNorm, double wNorm);

    /** ∂Z_j/∂θ_j for j ≠ y. */
    double otherSlope(HeadParams p, double theta, double xNorm, double wNorm);

    /** The N×C logits the cross-entropy sees, margin and scale included. */
    <T> T logits(TensorOps<T> t, HeadParams p);

    /** The N×C logits without margin; their argmax is the prediction. */
    <T> T plainLogits(TensorOps<T> t, HeadParams p);

    /** One line: what the head does. */
    String summary();

    /** The target logit Z_y in plain Unicode math. */
    String formula();

    /** Two sentences: what the head does to the embedding, and what its parameters trade. */
    String explanation();

    /** Whether the loss adds Wen et al.'s centre term (and the block keeps C×d centres). */
    default boolean hasCenters() {
        return false;
    }

    /** Weight rows per class (Sub-center ArcFace's k); the block's W has C·k rows. */
    default int subCenters(HeadParams p) {
        return 1;
    }

    /** Whether the logits read ‖x‖ (so the theory figures' feature norm matters). */
    default boolean readsFeatureNorm() {
        return false;
    }

    /** The parameters at the start of training with C classes (AdaCos: its fixed scale √2·ln(C − 1)). */
    default HeadParams forClasses(HeadParams p, int classes) {
        return p;
    }

    /** Whether s is set from each batch (AdaCos's dynamic variant): the engine then calls {@link #nextScale}. */
    default boolean adaptsScale(HeadParams p) {
        return false;
    }

    /**
     * The scale for this batch from the previous one's (AdaCos), given the batch's cos θ (N×C, no margin)
     * and labels; computed without gradient.
     */
    default double nextScale(double sPrev, double[][] cos, int[] labels) {
        return sPrev;
    }

    /** A note on parameters that are valid but odd (a custom ψ that is not decreasing), or empty. */
    default Optional<String> warning(HeadParams p) {
        return Optional.empty();
    }

    /**
     * Whether the every-head overview figures (∂Z/∂θ of all heads) draw it when another head is selected;
     * a variant whose curve is another head's (Sub-center ArcFace) or the user's own (custom) only when selected.
     */
    default boolean inOverview() {
        return true;
    }

    /** Index of the head's colour in the figures' series palette, the same in every figure. */
    int colorIndex();

    /**
     * The parameters the theory figures start from: the defaults, with an annealed parameter at the end of
     * its annealing (SphereFace's published λ_min = 5), where the trained margin lives.
     */
    default HeadParams theoryDefaults() {
        HeadParams p = defaults();
        for (HeadParam q : params()) {
            if (q.schedule() == HeadParam.Schedule.ANNEALED) {
                p = p.with(q.name(), MarginSchedule.STANDARD_LAMBDA_MIN);
            }
        }
        return p;
    }

    /** The declared parameter of this name. */
    default Optional<HeadParam> param(String name) {
        return params().stream().filter(q -> q.name().equals(name)).findFirst();
    }

    /** Whether training moves any parameter of this head by this schedule. */
    default boolean schedules(HeadParam.Schedule schedule) {
        return params().stream().anyMatch(q -> q.schedule() == schedule);
    }

    /** The first parameter outside its range (or text that does not parse), or empty. */
    default Optional<HeadParams.Problem> problem(HeadParams p) {
        for (HeadParam q : params()) {
            if (q.numeric() && q.range() != null) {
                double v = p.value(q.name());
                if (!q.range().contains(v)) {
                    return Optional.of(new HeadParams.Problem(q.name(), "must be " + q.range().describe()
                            + ", got " + Range.plain(v)));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * {@link #problem} for every value training gives the parameters: with {@code warmingUp} the warm-ups
     * start from 0 (m) and 1 (s), so a check that depends on the values, not only their ranges, must hold on
     * the way there too. Only such heads (a custom ψ) override this.
     */
    default Optional<HeadParams.Problem> problemWhileTraining(HeadParams p, boolean warmingUp) {
        return problem(p);
    }

    /**
     * The parameters training uses at an iteration: each one moved by its {@link HeadParam.Schedule}
     * (warm-ups over {@code schedule.marginWarmup()}, SphereFace's λ annealing at {@code schedule.gammaFor}).
     */
    default HeadParams at(MarginSchedule schedule, long iteration) {
        HeadParams base = schedule.base();
        HeadParams now = base;
        for (HeadParam q : params()) {
            double v = q.numeric() ? base.value(q.name()) : 0;
            now = switch (q.schedule()) {
                case WARM_FROM_ZERO -> now.with(q.name(), MarginSchedule.warmedMargin(iteration, v, schedule.marginWarmup()));
                case WARM_FROM_ONE -> now.with(q.name(), MarginSchedule.warmedScale(iteration, v, schedule.marginWarmup()));
                case ANNEALED -> now.with(q.name(), MarginSchedule.annealedLambda(iteration, v, schedule.gammaFor(v),
                        schedule.lambdaPower(), schedule.lambdaMin()));
                case NONE, ADAPTIVE -> now;
            };
        }
        return now;
    }

    /** e.g. {@code "ArcFace s=16 m=0.2"}: the display name with the numbers that shape the curve. */
    default String label(HeadParams p, boolean withS) {
        StringBuilder b = new StringBuilder(displayName());
        for (HeadParam q : params()) {
            switch (q.kind()) {
                case NUMBER -> {
                    if (withS || !q.name().equals("s")) {
                        b.append(' ').append(q.symbol()).append('=').append(num(p.value(q.name())));
                    }
                }
                case FLAG -> b.append(flagOn(p, q.name()) ? " " + q.symbol() : "");
                case TEXT -> b.append(' ').append(q.symbol()).append("=").append(text(p, q.name()));
            }
        }
        return b.toString();
    }

    /** The value of a flag parameter. */
    default boolean flagOn(HeadParams p, String name) {
        return switch (name) {
            case "easy_margin" -> p.easyMargin();
            case "dynamic" -> p.dynamic();
            default -> false;
        };
    }

    /** The value of a text parameter. */
    default String text(HeadParams p, String name) {
        return name.equals("psi") ? p.psi() : "";
    }

    /** A number as figures write it (the same rule as figures.Fmt.num): 16, 0.2, 0.0005. */
    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        if (Math.abs(v) < 1e-3 && v != 0) {
            return String.format(Locale.ROOT, "%.3g", v);
        }
        String s = String.format(Locale.ROOT, "%.4f", v).replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
