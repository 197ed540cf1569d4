package org.marginlab.cli;

import java.awt.Dimension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.marginlab.UserException;
import org.marginlab.figures.catalog.FigureKind;
import org.marginlab.figures.AngleAxes;
import org.marginlab.figures.AngleUnit;
import org.marginlab.figures.Figure;
import org.marginlab.figures.catalog.FigureSet;
import org.marginlab.figures.FigureStyle;
import org.marginlab.figures.RunData;
import org.marginlab.figures.angles.AngleHistogramFigure;
import org.marginlab.figures.angles.AngleStatsFigure;
import org.marginlab.figures.angles.AngleStatsTableFigure;
import org.marginlab.figures.embedding.EmbeddingCircleFigure;
import org.marginlab.figures.embedding.EmbeddingSphereFigure;
import org.marginlab.figures.export.ExportFormat;
import org.marginlab.figures.export.ExportPlan;
import org.marginlab.figures.export.SizedFigure;
import org.marginlab.figures.openset.RocFigure;
import org.marginlab.figures.training.TrainingCurvesFigure;
import org.marginlab.figures.web.WebPage;
import org.marginlab.run.RunFiles;
import org.marginlab.run.RunReader;
import org.marginlab.train.OpenSetEvaluation;
import org.marginlab.run.LiveChange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code marginlab figures RUN_DIR}: every figure a run has data for, as PNG, SVG or CSV, with the view
 * options the window has; {@code marginlab figures RUN_DIR RUN_DIR…}: the runs' training curves, angle
 * statistics and open-set ROC overlaid in one figure each. The ROC is measured from each run's final model
 * as {@code marginlab evaluate} measures it.
 */
@Command(name = "figures", mixinStandardHelpOptions = true,
        description = {"Render every figure a run directory has data for (embedding, angle histograms and statistics, "
                + "gradient check, similarity and confusion matrices, training curves).",
            "With a run that holds classes out (or --only open-set-roc): the verification ROC of its final model, as marginlab evaluate measures it.",
            "With several run directories: their training curves, angle statistics and open-set ROC overlaid, one colour per run.",
            "A damaged file is skipped, named in one line, and what is intact is drawn; the exit status is then 1 "
                + "(0: every file read whole), after a last line counting the skipped files."})
final class FiguresCommand implements Callable<Integer> {

    /** The figures that overlay several runs. */
    static final List<String> OVERLAY = List.of(FigureKind.TRAINING_CURVES.id(), FigureKind.ANGLE_STATS.id(),
            FigureKind.ANGLE_STATS_TABLE.id(), FigureKind.OPEN_SET_ROC.id());

    @Parameters(arity = "1..*", paramLabel = "RUN_DIR",
            description = "A run directory written by train, the window or reproduce; several: overlay figures.")
    List<Path> runDirs;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: RUN_DIR/figures; needed with several runs).")
    Path out;

    @Option(names = "--format", paramLabel = "FMT", defaultValue = "png",
            description = "png, svg, csv, or html: one self-contained interactive web page of the run(s), RUN.html (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--scale", paramLabel = "N", defaultValue = "1",
            description = "PNG scale 1, 2 or 3: pixels per figure unit, DPI 96 × N (default: ${DEFAULT-VALUE}).")
    int scale;

    @Option(names = "--size", paramLabel = "WxH",
            description = "Figure size in figure units (pixels at --scale 1), e.g. 1200x800 (default: each figure's own).")
    String size;

    @Option(names = "--only", paramLabel = "NAME", split = ",", arity = "1..*",
            description = "Only these figures (ids as in the file names, e.g. embedding-sphere,angle-stats).")
    List<String> only;

    @Option(names = "--histogram-class", paramLabel = "C", split = ",", arity = "1..*",
            description = "θ_y histograms of these Fashion-MNIST classes (0-9 but held-out ones, or all), one file each, e.g. angle-histograms-class3.png, "
                    + "angle-histograms-all.png (default: class 0 as angle-histograms.png).")
    List<String> histogramClasses;

    @Option(names = "--view", paramLabel = "VIEW", defaultValue = "normalised",
            description = "2-D embedding: normalised (unit circle, as the window's default) or raw (feature plane) (default: ${DEFAULT-VALUE}).")
    String view;

    @Option(names = "--yaw", paramLabel = "DEG", description = "Sphere camera yaw in degrees (default: the window's starting view).")
    Double yaw;

    @Option(names = "--pitch", paramLabel = "DEG", description = "Sphere camera pitch in degrees, -90 to 90 (default: the window's starting view).")
    Double pitch;

    @Option(names = "--angle-unit", paramLabel = "UNIT",
            description = "deg or rad for the angle axes of histograms, angle statistics and the gradient check (default: each figure's, as in the window).")
    String angleUnit;

    @Option(names = "--force", description = "Replace figure files that exist (without it, an existing file stops the command).")
    boolean force;

    @Option(names = "--data", paramLabel = "DIR", description = "Fashion-MNIST folder for open-set-roc (default: each run's, else search the usual places)")
    Path dataDir;

    @Mixin
    ThreadsOption threads;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (scale < 1 || scale > 3) {
            throw new UserException("--scale " + scale + " must be 1, 2 or 3");
        }
        if (format != null && format.strip().equalsIgnoreCase("html")) {
            return webPage();
        }
        ExportFormat fmt;
        try {
            fmt = ExportFormat.parse(format);
        } catch (UserException e) {
            throw new UserException("--format '" + format + "' is not supported; use png, svg, csv or html");
        }
        Dimension dims = size == null ? null : parseSize(size);
        boolean normalised = switch (view.strip().toLowerCase(Locale.ROOT)) {
            case "normalised", "normalized" -> true;
            case "raw" -> false;
            default -> throw new UserException("--view '" + view + "' must be normalised or raw");
        };
        if (pitch != null && !(pitch >= -90 && pitch <= 90)) {
            throw new UserException("--pitch " + pitch + " must be between -90 and 90 degrees");
        }
        if (yaw != null && !Double.isFinite(yaw)) {
            throw new UserException("--yaw " + yaw + " must be a finite angle in degrees");
        }
        threads.apply();
        long t0 = System.nanoTime();
        ExportPlan plan = runDirs.size() == 1 ? single(runDirs.getFirst(), fmt, dims, normalised) : overlay(fmt, dims);
        plan.refuseOverwrite(force);
        List<Path> written = plan.write();
        double seconds = (System.nanoTime() - t0) / 1e9;
        for (Path w : written) {
            spec.commandLine().getOut().println(w);
        }
        spec.commandLine().getErr().printf("%d figures in %.2f s%n", written.size(), seconds);
        return damageStatus(written.size() + " figure" + (written.size() == 1 ? "" : "s"));
    }

    /** The runs that had damaged files, and how many files each: said once at the end, and in the exit status. */
    private final java.util.Map<Path, Integer> damaged = new java.util.LinkedHashMap<>();

    /**
     * 0 when every file read whole; else 1, after a last line saying what was drawn and how many damaged files
     * were skipped (each named above, as it was read).
     */
    private int damageStatus(String drew) {
        if (damaged.isEmpty()) {
            return 0;
        }
        int files = damaged.values().stream().mapToInt(Integer::intValue).sum();
        spec.commandLine().getErr().println("marginlab: drew " + drew + "; skipped " + files + " damaged file"
                + (files == 1 ? "" : "s") + " (see above); " + damaged.keySet().stream().map(d -> "`marginlab check " + d + "`")
                .collect(Collectors.joining(", ")) + " list" + (damaged.size() == 1 ? "s" : "") + " them");
        spec.commandLine().getErr().flush();
        return 1;
    }

    /**
     * {@code --format html}: the run (or the runs side by side) as one self-contained web page, named after
     * the run's directory ({@code compare-<first>-and-N.html} for several).
     */
    private int webPage() {
        if (only != null || size != null || histogramClasses != null || yaw != null || pitch != null || angleUnit != null || scale != 1) {
            throw new UserException("--format html takes no --only, --size, --scale, --histogram-class, --yaw, --pitch or --angle-unit: "
                    + "the page holds every figure and turns, zooms and picks classes itself");
        }
        if (runDirs.size() > 1 && out == null) {
            throw new UserException("--out DIR is needed with several run directories (the page belongs to no one run)");
        }
        threads.apply();
        long t0 = System.nanoTime();
        List<RunReader.Run> read = runDirs.stream().map(this::read).toList();
        List<String> names = read.stream().map(r -> r.directory().toAbsolutePath().normalize().getFileName().toString()).toList();
        List<RunData> runs = RunData.labelledApart(read.stream().map(r -> RunData.of(null, r.config(), r.iterations(), r.epochs())
                .withChanges(LiveChange.ofRun(r.directory()))).toList(), names);
        Path dir = out != null ? out : runDirs.getFirst().resolve("figures");
        Path file = dir.resolve((runs.size() == 1 ? names.getFirst() : "compare-" + names.getFirst() + "-and-" + (runs.size() - 1)) + ".html");
        if (!force && java.nio.file.Files.exists(file)) {
            throw new UserException(file + " exists; add --force to replace it");
        }
        WebPage.Written w = WebPage.write(file, runs, names, f -> { });
        for (String n : w.notices()) {
            spec.commandLine().getErr().println("marginlab: " + n);
        }
        spec.commandLine().getOut().println(w.file());
        spec.commandLine().getErr().printf("web page of %d run%s, %.1f MB, in %.2f s%n", runs.size(), runs.size() == 1 ? "" : "s",
                w.bytes() / 1e6, (System.nanoTime() - t0) / 1e9);
        return damageStatus("the web page");
    }

    private ExportPlan single(Path runDir, ExportFormat fmt, Dimension dims, boolean normalised) {
        RunReader.Run run = read(runDir);
        Path dir = out != null ? out : runDir.resolve("figures");
        RunData data = RunData.of(null, run.config(), run.iterations(), run.epochs())
                .withChanges(LiveChange.ofRun(runDir));
        FigureSet set = FigureSet.forRun(data).only(only);
        List<Integer> classes = histogramClasses(runDir, run);
        ExportPlan plan = new ExportPlan(dir);
        for (Figure f : set.figures()) {
            applyView(f, normalised);
            if (f instanceof AngleHistogramFigure && !classes.isEmpty()) {
                continue;
            }
            plan.add(sized(f, dims), f.id(), fmt, scale);
        }
        for (int c : classes) {
            // one figure per class: they are written in parallel, so each needs its own instance
            AngleHistogramFigure h = new AngleHistogramFigure();
            h.setRun(data);
            applyView(h, normalised);
            h.setSelectedClass(c < 0 ? -1 : run.config().headClass(c));
            plan.add(sized(h, dims), FigureKind.ANGLE_HISTOGRAMS.id() + (c < 0 ? "-all" : "-class" + c), fmt, scale);
        }
        boolean roc = only == null || only.isEmpty() ? !run.config().holdoutClasses().isEmpty() : only.contains(FigureKind.OPEN_SET_ROC.id());
        if (roc) {
            addRoc(plan, List.of(runDir), List.of(data.label()), dims, fmt);
        }
        return plan;
    }

    private ExportPlan overlay(ExportFormat fmt, Dimension dims) {
        if (out == null) {
            throw new UserException("--out DIR is needed with several run directories (the overlay figures belong to no one run)");
        }
        if (histogramClasses != null || yaw != null || pitch != null) {
            throw new UserException("--histogram-class, --yaw and --pitch apply to one run's figures; give one RUN_DIR for them");
        }
        List<String> wanted = only == null || only.isEmpty() ? OVERLAY : only;
        for (String id : wanted) {
            if (!OVERLAY.contains(id)) {
                throw new UserException("--only '" + id + "' does not overlay several runs; use " + String.join(", ", OVERLAY));
            }
        }
        List<RunData> runs = overlayRuns();
        ExportPlan plan = new ExportPlan(out);
        for (String id : OVERLAY) {
            if (!wanted.contains(id)) {
                continue;
            }
            if (id.equals(FigureKind.OPEN_SET_ROC.id())) {
                addRoc(plan, runDirs, runs.stream().map(RunData::label).toList(), dims, fmt);
                continue;
            }
            Figure f = switch (FigureKind.byId(id)) {
                case TRAINING_CURVES -> {
                    TrainingCurvesFigure t = new TrainingCurvesFigure();
                    t.setRuns(runs);
                    yield t;
                }
                case ANGLE_STATS -> {
                    AngleStatsFigure a = new AngleStatsFigure();
                    a.setRuns(runs);
                    yield a;
                }
                default -> {
                    AngleStatsTableFigure a = new AngleStatsTableFigure();
                    a.setRuns(runs);
                    yield a;
                }
            };
            applyView(f, true);
            if (f.hasData()) {
                plan.add(sized(f, dims), id, fmt, scale);
            }
        }
        return plan;
    }

    /** Each run under its head's label, told apart by its directory's name where two would read the same. */
    private List<RunData> overlayRuns() {
        List<RunReader.Run> read = runDirs.stream().map(this::read).toList();
        return RunData.labelledApart(read.stream().map(r -> RunData.of(null, r.config(), r.iterations(), r.epochs())).toList(),
                read.stream().map(r -> r.directory().getFileName().toString()).toList());
    }

    /**
     * The open-set ROC of these runs, one curve per run under its label, each measured from the run's final
     * model like {@code marginlab evaluate}; a run without a model file, or one that cannot be measured (no
     * data set here, a collapsed model), is left out with a line saying so unless the ROC was asked for by name.
     */
    private void addRoc(ExportPlan plan, List<Path> dirs, List<String> labels, Dimension dims, ExportFormat fmt) {
        List<RocFigure.Curve> curves = new ArrayList<>();
        List<List<Integer>> held = new ArrayList<>();
        org.marginlab.config.TrainConfig namedBy = null;
        for (int i = 0; i < dirs.size(); i++) {
            Path dir = dirs.get(i);
            if (!OpenSetEvaluation.hasModel(dir)) {
                spec.commandLine().getErr().println("marginlab: " + dir + ": no model file (" + RunFiles.CHECKPOINT
                        + "), so no open-set ROC for it; it stopped before its first snapshot");
                continue;
            }
            OpenSetEvaluation e;
            try {
                e = OpenSetEvaluation.of(dir, dataDir);
            } catch (UserException x) {
                if (only != null && only.contains(FigureKind.OPEN_SET_ROC.id())) {
                    throw x; // asked for by name: the command fails, naming why
                }
                // a run's other figures need no data set or model: they are still written
                spec.commandLine().getErr().println("marginlab: " + dir + ": no open-set ROC: " + x.getMessage());
                continue;
            }
            if (e.set().notice() != null) {
                spec.commandLine().getErr().println("marginlab: " + e.set().notice());
            }
            curves.add(new RocFigure.Curve(labels.get(i), e.metrics()));
            held.add(e.set().config().holdoutClasses());
            namedBy = e.set().config();
        }
        if (!curves.isEmpty()) {
            plan.add(sized(new RocFigure(rocSubtitle(held, namedBy), curves), dims), FigureKind.OPEN_SET_ROC.id(), fmt, scale);
        }
    }

    /** What the curves were measured on: the held-out classes when the runs share them. */
    private static String rocSubtitle(List<List<Integer>> held, org.marginlab.config.TrainConfig namedBy) {
        String model = held.size() == 1 ? "the run's final model" : "each run's final model";
        if (held.stream().distinct().count() > 1) {
            return "each run on the test images of its own held-out classes (all when none); " + model;
        }
        List<Integer> h = held.getFirst();
        return (h.isEmpty() ? "no class held out: every test image" : "held out: "
                + h.stream().map(y -> y + " " + namedBy.className(y)).collect(Collectors.joining(", "))
                + ", their test images") + "; " + model;
    }

    private RunReader.Run read(Path runDir) {
        RunReader.Run run = RunReader.read(runDir);
        java.io.PrintWriter err = spec.commandLine().getErr();
        for (String line : run.skipped()) {
            err.println(runDir + ": " + line);
        }
        err.flush();
        if (!run.skipped().isEmpty()) {
            damaged.merge(runDir, run.skipped().size(), Integer::sum); // one line per damaged file
        }
        if (run.iterations().isEmpty() && run.epochs().isEmpty()) {
            throw new UserException(runDir + (run.skipped().isEmpty() ? ": the run has no snapshots yet; train it longer (see --snapshot-every)"
                    : ": no intact snapshot to draw; `marginlab check " + runDir + "` says what is damaged"));
        }
        return run;
    }

    /** The window's view options, as given on the command line. */
    private void applyView(Figure f, boolean normalised) {
        AngleUnit unit = angleUnit();
        switch (f) {
            case EmbeddingCircleFigure c -> c.setNormalised(normalised);
            case EmbeddingSphereFigure s -> {
                if (yaw != null) {
                    s.setYaw(yaw);
                }
                if (pitch != null) {
                    s.setPitch(pitch);
                }
            }
            case AngleAxes a when unit != null -> a.setAngleUnit(unit);
            default -> { }
        }
    }

    /** The unit of --angle-unit, null without the flag. */
    private AngleUnit angleUnit() {
        if (angleUnit == null) {
            return null;
        }
        return switch (angleUnit.strip().toLowerCase(Locale.ROOT)) {
            case "deg", "degrees" -> AngleUnit.DEGREES;
            case "rad", "radians" -> AngleUnit.RADIANS;
            default -> throw new UserException("--angle-unit '" + angleUnit + "' must be deg or rad");
        };
    }

    private static Figure sized(Figure f, Dimension dims) {
        return dims == null ? f : new SizedFigure(f, dims);
    }

    /** {@code WxH}, each 100 to 10 000 figure units. */
    static Dimension parseSize(String s) {
        String[] p = s.strip().toLowerCase(Locale.ROOT).split("x");
        try {
            if (p.length == 2) {
                int w = Integer.parseInt(p[0].strip());
                int h = Integer.parseInt(p[1].strip());
                if (w >= 100 && h >= 100 && w <= 10_000 && h <= 10_000) {
                    return new Dimension(w, h);
                }
            }
        } catch (NumberFormatException e) {
            // the message below says what is expected
        }
        throw new UserException("--size '" + s + "' must be WIDTHxHEIGHT with each from 100 to 10000, e.g. 1200x800");
    }

    /** The Fashion-MNIST classes of --histogram-class, −1 for all; empty without the flag. */
    private List<Integer> histogramClasses(Path runDir, RunReader.Run run) {
        List<Integer> out = new ArrayList<>();
        if (histogramClasses == null) {
            return out;
        }
        if (run.epochs().isEmpty() && run.iterations().isEmpty()) {
            throw new UserException("--histogram-class: " + runDir + " has no snapshot, so no θ_y histograms yet");
        }
        int count = run.epochs().isEmpty() ? run.iterations().getLast().classCount()
                : run.epochs().getLast().thetaHistograms().length;
        List<Integer> trained = new ArrayList<>();
        for (int j = 0; j < count; j++) {
            trained.add(run.config().datasetClass(j));
        }
        for (String v : histogramClasses) {
            String t = v.strip();
            try {
                int c = t.equals("all") ? -1 : Integer.parseInt(t);
                if (c != -1 && !trained.contains(c)) {
                    throw new NumberFormatException();
                }
                out.add(c);
            } catch (NumberFormatException e) {
                throw new UserException("--histogram-class '" + v + "' must be "
                        + (run.config().holdoutClasses().isEmpty() ? "a class from 0 to " + (count - 1)
                        : "a trained class (" + trained.stream().map(String::valueOf).collect(Collectors.joining(",")) + ")")
                        + " or all");
            }
        }
        return out;
    }
}
