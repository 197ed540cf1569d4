package org.marginlab.figures;

import java.util.List;
import org.marginlab.loss.HeadKind;
import org.marginlab.loss.HeadParam;
import org.marginlab.loss.HeadParams;
import org.marginlab.loss.HeadType;
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
        HeadParams p = c.headParams();
        for (HeadParam q : c.head().type().params()) {
            switch (q.kind()) {
                case NUMBER -> {
                    if (q.schedule() != HeadParam.Schedule.ADAPTIVE) {
                        // an annealed λ runs from its configured start down to λ_min
                        b.append(' ').append(q.symbol()).append('=').append(Fmt.num(p.value(q.name())))
                                .append(q.schedule() == HeadParam.Schedule.ANNEALED ? "→" + Fmt.num(c.lambdaMin()) : "");
                    }
                }
                case FLAG -> { } // variants show in the window's parameter line, not in a run's short label
                case TEXT -> b.append(' ').append(q.symbol()).append('=').append(c.head().type().text(p, q.name()));
            }
        }
        return b.toString();
    }

    /**
     * What moved during the run besides the learning rate, from its start to its last snapshot, for figures
     * that span it, e.g. {@code "s 1 → 16 and m 0 → 0.2 over the first 312 iterations"}, {@code "λ 1000 → 5
     * over the first 80 iterations"}, or for a run that ended first {@code "λ 1000 → 33.6 over the 240
     * iterations (annealing to 5 unfinished)"}; empty when nothing moves. Without snapshots, the course the
     * schedule sets for the run's iteration limit (or, without one, over the schedule's own length).
     */
    public String scheduleNote() {
        if (config == null) {
            return "";
        }
        HeadType type = config.head().type();
        for (HeadParam q : type.params()) {
            if (q.schedule() == HeadParam.Schedule.ADAPTIVE && type.adaptsScale(config.headParams())) {
                return q.symbol() + " set from each batch";
            }
        }
        if (config.marginWarmup() < 0) {
            return ""; // a warm-up not yet fixed to a run's length has no course to state
        }
        MarginSchedule sched = config.marginSchedule();
        long horizon = sched.settledAt(); // iterations over which the schedule moves the values
        IterationSnapshot last = lastIteration();
        if (horizon == Long.MAX_VALUE && last == null && config.iterations() <= 0) {
            return ""; // an annealed value never reaches its floor and the run's length is unknown: no course to state
        }
        long end = last != null ? last.iteration() : config.iterations() > 0 ? config.iterations() : horizon;
        if (horizon <= 0 || end <= 0) {
            return "";
        }
        HeadParams from = sched.at(0);
        HeadParams to = last != null ? paramsAt(last) : sched.at(Math.min(end, horizon));
        HeadParams goal = sched.at(horizon);
        List<String> moved = new java.util.ArrayList<>();
        String unfinished = null;
        for (HeadParam q : type.params()) {
            if (!q.numeric() || q.schedule() == HeadParam.Schedule.NONE || q.schedule() == HeadParam.Schedule.ADAPTIVE) {
                continue;
            }
            double a = from.value(q.name());
            double g = goal.value(q.name());
            if (Math.abs(a - g) <= 1e-9 * Math.max(1, Math.abs(g))) {
                continue; // this value does not move (s of a head at s ≤ 1, a margin of 0)
            }
            moved.add(q.symbol() + " " + Fmt.num(threeDigits(a)) + " → " + Fmt.num(threeDigits(to.value(q.name()))));
            if (end < horizon && unfinished == null) {
                unfinished = (q.schedule() == HeadParam.Schedule.ANNEALED ? "annealing to " : "warm-up to ") + q.symbol()
                        + " = " + Fmt.num(threeDigits(g));
            }
        }
        if (moved.isEmpty()) {
            return "";
        }
        return String.join(" and ", moved) + (end < horizon ? " over the " + iterations(end) + " (" + unfinished + " unfinished)"
                : " over the first " + iterations(horizon));
    }

    private static String iterations(long n) {
        return n == 1 ? "iteration" : n + " iterations";
    }

    /**
     * The head parameters in force at a snapshot: as recorded, or for runs written before they were
     * recorded, the run's schedule at that iteration. Null without either. The one place that completes
     * an older snapshot's parameters: runs recorded before every parameter was kept (only s, m, λ and the
     * easy margin) take m1–m3, k, ψ and the dynamic flag from the config and its schedule.
     */
    public HeadParams paramsAt(IterationSnapshot s) {
        if (s.headParams() != null && s.paramsComplete()) {
            return s.headParams();
        }
        // a config not yet fixed to a run (automatic warm-up) cannot say; runs on disk always are
        HeadParams scheduled = config == null || config.marginWarmup() < 0 ? null : config.marginSchedule().at(s.iteration());
        HeadParams r = s.headParams();
        if (r == null) {
            return scheduled;
        }
        // a snapshot records s, m, λ and the easy margin; the others (m1–m3, k, ψ) follow from the config
        HeadParams base = scheduled != null ? scheduled : config != null ? config.headParams() : r;
        return base.withS(r.s()).withM(r.m()).withLambda(r.lambda()).withEasyMargin(r.easyMargin());
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
        List<String> parts = new java.util.ArrayList<>();
        java.util.Set<String> moving = new java.util.LinkedHashSet<>();
        for (HeadParam q : k.type().params()) {
            switch (q.kind()) {
                case NUMBER -> {
                    double v = live.value(q.name());
                    parts.add(switch (q.schedule()) {
                        case WARM_FROM_ONE, WARM_FROM_ZERO -> scheduled(q.symbol(), v, target.value(q.name()), "warm-up", moving);
                        case ANNEALED -> scheduled(q.symbol(), v, config.lambdaMin(), "annealing", moving);
                        case ADAPTIVE -> {
                            if (k.type().adaptsScale(live)) {
                                moving.add("adaptive");
                            }
                            yield q.symbol() + " = " + Fmt.num(threeDigits(v));
                        }
                        case NONE -> q.symbol() + " = " + Fmt.num(v);
                    });
                }
                case FLAG -> {
                    if (k.type().flagOn(live, q.name()) && q.schedule() == HeadParam.Schedule.NONE) {
                        parts.add(q.name().replace('_', ' '));
                    }
                }
                case TEXT -> parts.add(q.symbol() + " = " + k.type().text(live, q.name()));
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

    /** The data set's class of head class {@code j} (figures name and colour classes by it); j without a config. */
    public int datasetClass(int j) {
        return config == null ? j : config.datasetClass(j);
    }

    /**
     * Iterations in one epoch of this run: from an epoch snapshot that a later one shows complete, else the
     * training images of the data set config.json records (runs before it did: 60 000 Fashion-MNIST images),
     * less the held-out classes' share, over the batch. 0 when unknown (no config).
     */
    public long iterationsPerEpoch() {
        if (epochs.size() >= 2) {
            EpochSnapshot first = epochs.getFirst();
            return first.iteration() / (first.epoch() + 1);
        }
        if (config == null) {
            return 0;
        }
        var d = config.dataset();
        long images = d != null && d.train() > 0 && d.classes() > 0
                // balanced classes (Fashion-MNIST, CIFAR): the held-out ones take their share
                ? d.train() - (long) d.train() * config.holdoutClasses().size() / d.classes()
                : TRAIN_IMAGES - (long) IMAGES_PER_CLASS * config.holdoutClasses().size();
        return images / config.batchSize();
    }

    private static final long TRAIN_IMAGES = 60_000;
    private static final int IMAGES_PER_CLASS = 6_000;

    /** Whether the run's last epoch snapshot was taken inside an epoch. */
    public boolean endsInsideEpoch() {
        return !epochs.isEmpty() && partial(epochs.getLast());
    }

    /** Whether this epoch snapshot was taken before its epoch ended (a run that stopped at an iteration limit). */
    public boolean partial(EpochSnapshot e) {
        return partial(e.epoch(), e.iteration());
    }

    private boolean partial(int epoch, long iteration) {
        long per = iterationsPerEpoch();
        return per > 0 && iteration < per * (epoch + 1L);
    }

    /**
     * The snapshot's place in the run: "epoch 3", or where the run stopped inside an epoch "iteration 120 of 468
     * (0.26 epoch)" (the first epoch) or "iteration 500 of epoch 2 (1.07 epochs)". A 120-iteration run must not
     * read "epoch 1".
     */
    public String epochName(EpochSnapshot e) {
        return epochName(e.epoch(), e.iteration());
    }

    private String epochName(int epoch, long iteration) {
        if (!partial(epoch, iteration)) {
            return "epoch " + (epoch + 1);
        }
        long per = iterationsPerEpoch();
        return epoch == 0 ? "iteration " + iteration + " of " + per + " (" + epochFraction(iteration) + ")"
                : "iteration " + iteration + ", in epoch " + (epoch + 1) + " (" + epochFraction(iteration) + ")";
    }

    /**
     * Where an iteration snapshot sits in the run, for an embedding's subtitle: "iteration 468, epoch 1" at an
     * epoch's end, else "iteration 240 of 468 (0.51 epoch)" or "iteration 500, in epoch 2 (1.07 epochs)", so a
     * 240-iteration run is not read as a whole epoch.
     */
    public String placeOf(IterationSnapshot s) {
        return partial(s.epoch(), s.iteration()) ? epochName(s.epoch(), s.iteration())
                : "iteration " + s.iteration() + ", epoch " + (s.epoch() + 1);
    }

    /** The short form for a ridge or column: "epoch 3", or "0.26 epoch" for a partial one. */
    public String epochShortName(EpochSnapshot e) {
        return partial(e) ? epochFraction(e.iteration()) : "epoch " + (e.epoch() + 1);
    }

    /**
     * When an evaluation was taken: "end of epoch 2", "at 0.26 epoch" for a test set the run took where it stopped
     * inside an epoch (no longer than the whole epoch's words, so a header that fits one fits the other), or
     * "iteration 30" for a snapshot's probe set.
     */
    public String evaluatedAt(Evaluation e) {
        if (!e.testSet()) {
            return "iteration " + e.iteration();
        }
        return partial(e.epoch(), e.iteration()) ? "at " + epochFraction(e.iteration()) : "end of epoch " + (e.epoch() + 1);
    }

    /** {@link Evaluation#source} with a partial epoch named: "test set (100 images), at 0.26 epoch". */
    public String sourceOf(Evaluation e) {
        return (e.testSet() ? "test set (" : "probe set (") + e.samples() + " images), " + evaluatedAt(e);
    }

    /** {@link Evaluation#shortName} with a partial epoch named by its fraction: "epoch 2", "0.26 epoch", "it. 30". */
    public String shortNameOf(Evaluation e) {
        return e.testSet() && partial(e.epoch(), e.iteration()) ? epochFraction(e.iteration()) : e.shortName();
    }

    private String epochFraction(long iteration) {
        double f = iteration / (double) iterationsPerEpoch();
        return Fmt.fixed(f, 2) + (f < 1 ? " epoch" : " epochs");
    }

    /** Epochs as a number: whole for a finished epoch, e.g. 0.26 for a run that stopped inside its first. */
    public String epochCount(EpochSnapshot e) {
        return partial(e) ? Fmt.fixed(e.iteration() / (double) iterationsPerEpoch(), 2) : Integer.toString(e.epoch() + 1);
    }

    /**
     * The label of a run with the head values in force at its last snapshot rather than the configured ones,
     * e.g. "arcface s=5.5 m=0.06" for a run that stopped inside its warm-up; {@link #label} itself when they
     * are the same or unknown. For summary figures (tables, legends) of what the run reached.
     */
    public String labelAtEnd() {
        IterationSnapshot last = lastIteration();
        HeadParams live = last == null ? null : paramsAt(last);
        if (config == null || live == null || !label.equals(defaultLabel(config))) {
            return live == null || config == null ? label : label + endValues(live, config.headParams());
        }
        StringBuilder b = new StringBuilder(config.head().id());
        for (HeadParam q : config.head().type().params()) {
            switch (q.kind()) {
                case NUMBER -> b.append(' ').append(q.symbol()).append('=').append(Fmt.num(threeDigits(live.value(q.name()))));
                case FLAG -> { } // as in the run's label
                case TEXT -> b.append(' ').append(q.symbol()).append('=').append(config.head().type().text(live, q.name()));
            }
        }
        return b.toString();
    }

    /** " (at the end s=5.5 m=0.06)" for a custom label whose values moved; "" when they ended as configured. */
    private String endValues(HeadParams live, HeadParams configured) {
        List<String> parts = new java.util.ArrayList<>();
        for (HeadParam q : config.head().type().params()) {
            if (!q.numeric()) {
                continue;
            }
            double a = live.value(q.name());
            double c = configured.value(q.name());
            if (Math.abs(a - c) > 1e-9 * Math.max(1, Math.abs(c))) {
                parts.add(q.symbol() + "=" + Fmt.num(threeDigits(a)));
            }
        }
        return parts.isEmpty() ? "" : " (at the end " + String.join(" ", parts) + ")";
    }

    /** Classes in the data set the run trained on (before any were held out); Fashion-MNIST's ten without a config. */
    public int classCount() {
        return config == null ? FigureStyle.CLASS_NAMES.size() : config.datasetClasses();
    }

    /** The name of dataset class {@code y}, from the data set the run trained on. */
    public String className(int y) {
        return config == null ? FigureStyle.className(y) : config.className(y);
    }

    /** The colour of dataset class {@code y} among the data set's classes. */
    public java.awt.Color classColor(int y) {
        return FigureStyle.classColor(y, classCount());
    }

    /** Whether figures write a label per class; beyond {@link FigureStyle#LABELLED_CLASSES} names come on hover and in the CSV. */
    public boolean labelsEachClass() {
        return classCount() <= FigureStyle.LABELLED_CLASSES;
    }

    public IterationSnapshot lastIteration() {
        return iterations.isEmpty() ? null : iterations.get(iterations.size() - 1);
    }

    /**
     * What the θ_y histograms and the similarity and confusion matrices draw, oldest first: the test set at
     * every epoch's end, then, where the newest snapshot is later than the last epoch's end (or no epoch has
     * ended yet), its probe set. Cut at a timeline position with {@link #upTo}, so scrubbing goes through both.
     */
    public List<Evaluation> evaluations() {
        List<Evaluation> out = new java.util.ArrayList<>(epochs.stream().map(Evaluation::of).toList());
        IterationSnapshot s = lastIteration();
        EpochSnapshot e = lastEpoch();
        if (s != null && (e == null || s.iteration() > e.iteration())) {
            out.add(Evaluation.ofProbes(s, config == null ? null : config.head(), paramsAt(s)));
        }
        return out;
    }

    public EpochSnapshot lastEpoch() {
        return epochs.isEmpty() ? null : epochs.get(epochs.size() - 1);
    }
}
