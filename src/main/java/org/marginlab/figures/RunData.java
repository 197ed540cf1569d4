package org.marginlab.figures;

import java.util.List;
import org.marginlab.loss.HeadKind;
import org.marginlab.loss.HeadParams;
import org.marginlab.loss.MarginSchedule;
import org.marginlab.run.EpochSnapshot;
import org.marginlab.run.IterationSnapshot;
import org.marginlab.config.TrainConfig;
import org.marginlab.run.LiveChange;

/**
 * A run's history as the figures see it: immutable lists of snapshots in arrival order.
 *
 * @param label      legend label when several runs are overlaid (e.g. {@code "arc s=7"})
 * @param config     the run's configuration (head and params for analytic overlays); may be null
 * @param iterations iteration snapshots, oldest first
 * @param epochs     epoch snapshots, oldest first
 * @param changes    settings changed while it trained, oldest first ({@code config} is the start)
 */
public record RunData(String label, TrainConfig config, List<IterationSnapshot> iterations,
                      List<EpochSnapshot> epochs, List<LiveChange> changes) {

    public RunData {
        iterations = List.copyOf(iterations);
        epochs = List.copyOf(epochs);
        changes = List.copyOf(changes);
        label = label == null ? (config == null ? "run" : defaultLabel(config)) : label;
    }

    /** A run whose settings did not change while it trained. */
    public RunData(String label, TrainConfig config, List<IterationSnapshot> iterations, List<EpochSnapshot> epochs) {
        this(label, config, iterations, epochs, List.of());
    }

    public RunData withChanges(List<LiveChange> c) {
        return new RunData(label, config, iterations, epochs, c);
    }

    /**
     * The settings in force from the snapshot at {@code iteration} on: a change at iteration k acts from
     * step k, after the snapshot of k was taken.
     */
    public TrainConfig configAt(long iteration) {
        return config == null ? null
                : LiveChange.fold(config, changes.stream().filter(c -> c.iteration() < iteration).toList());
    }

    public static RunData of(String label, TrainConfig config, List<IterationSnapshot> iterations,
                             List<EpochSnapshot> epochs) {
        return new RunData(label, config, iterations, epochs);
    }

    /**
     * Runs to overlay, labelled so that a legend tells them apart: where two runs' labels are the same,
     * each gets its entry of {@code names} (e.g. its directory's name) added in brackets.
     */
    public static List<RunData> labelledApart(List<RunData> runs, List<String> names) {
        List<String> labels = runs.stream().map(RunData::label).toList();
        List<RunData> out = new java.util.ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            RunData r = runs.get(i);
            out.add(java.util.Collections.frequency(labels, r.label()) < 2 ? r
                    : new RunData(r.label() + " (" + names.get(i) + ")", r.config(), r.iterations(), r.epochs(), r.changes()));
        }
        return out;
    }

    /** The run as it stood at {@code iteration}: the snapshots taken up to it (a replay frame of any run figure). */
    public RunData upTo(long iteration) {
        return new RunData(label, config, iterations.stream().filter(s -> s.iteration() <= iteration).toList(),
                epochs.stream().filter(e -> e.iteration() <= iteration).toList(),
                changes.stream().filter(c -> c.iteration() <= iteration).toList());
    }

    /** e.g. {@code "arc s=7"} or {@code "cosface s=16 m=0.2"}: the head and the params it reads. */
    public static String defaultLabel(TrainConfig c) {
        StringBuilder b = new StringBuilder(c.head().id());
        for (String p : HeadParams.usedBy(c.head())) {
            switch (p) {
                case "s" -> b.append(" s=").append(Fmt.num(c.headParams().s()));
                case "m" -> b.append(" m=").append(Fmt.num(c.headParams().m()));
                // SphereFace and L-Softmax anneal λ from its configured start down to λ_min
                case "lambda" -> b.append(" λ=").append(Fmt.num(c.headParams().lambda())).append(annealsLambda(c.head())
                        ? "→" + Fmt.num(c.lambdaMin()) : "");
                default -> { }
            }
        }
        return b.toString();
    }

    private static boolean annealsLambda(HeadKind k) {
        return k == HeadKind.SPHEREFACE || k == HeadKind.LSOFTMAX;
    }

    /**
     * What moved during the run besides the learning rate, from its start to its last snapshot, for figures
     * that span it, e.g. {@code "s 1 → 16 and m 0 → 0.2 over the first 312 iterations"}, {@code "λ 1000 → 5
     * over the first 80 iterations"}, or for a run that ended first {@code "λ 1000 → 33.6 over the 240
     * iterations (annealing to 5 unfinished)"}; empty when nothing moves. Without snapshots, the course the
     * schedule sets for the run's iteration limit (or, without one, over the schedule's own length).
     */
    public String scheduleNote() {
        if (config == null || config.marginWarmup() < 0) {
            return "";
        }
        HeadKind k = config.head();
        long horizon; // iterations over which the schedule moves the values
        if (annealsLambda(k)) {
            horizon = lambdaReachesFloorAt();
        } else if (k == HeadKind.COSFACE || k == HeadKind.ARCFACE || k == HeadKind.ARC || k == HeadKind.NORMFACE) {
            horizon = config.marginWarmup();
        } else {
            return "";
        }
        IterationSnapshot last = lastIteration();
        if (horizon == Long.MAX_VALUE && last == null && config.iterations() <= 0) {
            return ""; // λ never reaches its floor and the run's length is unknown: no course to state
        }
        long end = last != null ? last.iteration() : config.iterations() > 0 ? config.iterations() : horizon;
        if (horizon <= 0 || end <= 0) {
            return "";
        }
        MarginSchedule sched = new MarginSchedule(k, config.headParams(), config.lambdaMin(), config.lambdaGammaInForce(),
                config.lambdaPower(), config.marginWarmup());
        HeadParams from = sched.at(0);
        HeadParams to = last != null ? paramsAt(last) : sched.at(Math.min(end, horizon));
        HeadParams goal = sched.at(horizon);
        List<String> moved = new java.util.ArrayList<>();
        String unfinished = null;
        for (String name : HeadParams.usedBy(k)) {
            double a;
            double b;
            double g;
            String sym;
            switch (name) {
                case "s" -> { a = from.s(); b = to.s(); g = goal.s(); sym = "s"; }
                case "m" -> { a = from.m(); b = to.m(); g = goal.m(); sym = "m"; }
                case "lambda" -> { a = from.lambda(); b = to.lambda(); g = goal.lambda(); sym = "λ"; }
                default -> { continue; }
            }
            if (Math.abs(a - g) <= 1e-9 * Math.max(1, Math.abs(g))) {
                continue; // this value does not move (SphereFace's m, s of a head at s ≤ 1)
            }
            moved.add(sym + " " + Fmt.num(threeDigits(a)) + " → " + Fmt.num(threeDigits(b)));
            if (end < horizon && unfinished == null) {
                unfinished = (annealsLambda(k) ? "annealing to " : "warm-up to ") + sym + " = " + Fmt.num(threeDigits(g));
            }
        }
        if (moved.isEmpty()) {
            return "";
        }
        return String.join(" and ", moved) + (end < horizon ? " over the " + end + " iterations (" + unfinished + " unfinished)"
                : " over the first " + horizon + " iterations");
    }

    /**
     * The iteration at which this SphereFace / L-Softmax run's λ reaches λ_min (the published γ = 0.12:
     * 1 659 for 1000 → 5); {@link Long#MAX_VALUE} where it never does.
     */
    private long lambdaReachesFloorAt() {
        double base = config.headParams().lambda();
        double min = config.lambdaMin();
        double gamma = config.lambdaGammaInForce();
        if (!(base > min)) {
            return 0;
        }
        if (!(min > 0) || !(gamma > 0) || !(config.lambdaPower() > 0)) {
            return Long.MAX_VALUE;
        }
        double n = (Math.pow(base / min, 1 / config.lambdaPower()) - 1) / gamma;
        // the first whole iteration at the floor, forgiving the rounding of a γ derived from lambda_anneal
        return (long) Math.ceil(n - 1e-6);
    }

    /**
     * The head parameters in force at a snapshot: as recorded, or for runs written before they were
     * recorded, the run's schedule at that iteration. Null without either.
     */
    public HeadParams paramsAt(IterationSnapshot s) {
        if (s.headParams() != null) {
            return s.headParams();
        }
        // a config not yet fixed to a run (automatic warm-up) cannot say; runs on disk always are
        return config == null || config.marginWarmup() < 0 ? null : new MarginSchedule(config.head(), config.headParams(), config.lambdaMin(),
                config.lambdaGammaInForce(), config.lambdaPower(), config.marginWarmup()).at(s.iteration());
    }

    /**
     * The head with the parameters it reads at a snapshot, each scheduled one with where it is heading and
     * the schedule named once at the end (short enough for a Compare cell's title), e.g.
     * {@code "ArcFace s = 6.6 → 16, m = 0.19 → 0.2 (warm-up)"} or {@code "SphereFace m = 4, λ = 53.5 → 5
     * (annealing)"}. Null without a head.
     */
    public String paramsLabel(IterationSnapshot s) {
        HeadParams live = paramsAt(s);
        if (config == null || live == null) {
            return null;
        }
        HeadKind k = config.head();
        HeadParams target = configAt(s.iteration()).headParams();
        boolean annealed = k == HeadKind.SPHEREFACE || k == HeadKind.LSOFTMAX;
        List<String> parts = new java.util.ArrayList<>();
        java.util.Set<String> moving = new java.util.LinkedHashSet<>();
        for (String name : HeadParams.usedBy(k)) {
            switch (name) {
                case "s" -> parts.add(scheduled("s", live.s(), target.s(), "warm-up", moving));
                case "m" -> parts.add(scheduled("m", live.m(), target.m(), "warm-up", moving));
                case "lambda" -> parts.add(annealed ? scheduled("λ", live.lambda(), config.lambdaMin(), "annealing", moving)
                        : "λ = " + Fmt.num(live.lambda()));
                case "easy_margin" -> {
                    if (live.easyMargin()) {
                        parts.add("easy margin");
                    }
                }
                default -> { }
            }
        }
        return k.displayName() + (parts.isEmpty() ? "" : " " + String.join(", ", parts))
                + (moving.isEmpty() ? "" : " (" + String.join(", ", moving) + ")");
    }

    /** "s = 7", or "s = 6.6 → 7" while the value still moves towards its end (then {@code how} joins {@code moving}). */
    private static String scheduled(String name, double live, double end, String how, java.util.Set<String> moving) {
        String v = name + " = " + Fmt.num(threeDigits(live));
        if (Math.abs(live - end) <= 1e-9 * Math.max(1, Math.abs(end))) {
            return v;
        }
        moving.add(how);
        return v + " → " + Fmt.num(end);
    }

    private static double threeDigits(double v) {
        return v == 0 || !Double.isFinite(v) ? v
                : new java.math.BigDecimal(v).round(new java.math.MathContext(3)).doubleValue();
    }

    /** The Fashion-MNIST class of head class {@code j} (figures name and colour classes by it); j without a config. */
    public int datasetClass(int j) {
        return config == null ? j : config.datasetClass(j);
    }

    public IterationSnapshot lastIteration() {
        return iterations.isEmpty() ? null : iterations.get(iterations.size() - 1);
    }

    public EpochSnapshot lastEpoch() {
        return epochs.isEmpty() ? null : epochs.get(epochs.size() - 1);
    }
}
