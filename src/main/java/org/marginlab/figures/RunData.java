package org.marginlab.figures;

import java.util.List;
import org.marginlab.loss.HeadKind;
import org.marginlab.loss.HeadParam;
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
     * What moves during the run besides the learning rate, for figures that span it, e.g.
     * {@code "s from 1 and m from 0 warmed up over the first 312 iterations"}; empty when nothing does.
     */
    public String scheduleNote() {
        if (config == null) {
            return "";
        }
        List<String> moving = new java.util.ArrayList<>();
        for (HeadParam q : config.head().type().params()) {
            switch (q.schedule()) {
                case WARM_FROM_ONE -> moving.add(q.symbol() + " from 1");
                case WARM_FROM_ZERO -> moving.add(q.symbol() + " from 0");
                case ANNEALED -> {
                    return q.symbol() + " annealed from " + Fmt.num(config.headParams().value(q.name())) + " to "
                            + Fmt.num(config.lambdaMin());
                }
                case ADAPTIVE -> {
                    if (config.head().type().adaptsScale(config.headParams())) {
                        return q.symbol() + " set from each batch";
                    }
                }
                case NONE -> { }
            }
        }
        if (moving.isEmpty() || config.marginWarmup() == 0) {
            return "";
        }
        return String.join(" and ", moving) + " warmed up over the first "
                + (config.marginWarmup() < 0 ? "third of the" : config.marginWarmup()) + " iterations";
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
        HeadParams scheduled = config == null || config.marginWarmup() < 0 ? null : new MarginSchedule(config.head(),
                config.headParams(), config.lambdaMin(), config.lambdaGamma(), config.lambdaPower(),
                config.marginWarmup()).at(s.iteration());
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
