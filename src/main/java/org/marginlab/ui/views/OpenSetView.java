package org.marginlab.ui.views;

import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import org.marginlab.figures.Figure;
import org.marginlab.figures.catalog.FigureKind;
import org.marginlab.figures.FigureStyle;
import org.marginlab.figures.openset.RocFigure;
import org.marginlab.metrics.openset.OpenSetMetrics;
import org.marginlab.metrics.openset.Verification;
import org.marginlab.run.EpochSnapshot;
import org.marginlab.ui.viewmodel.BackgroundExecutor;
import org.marginlab.ui.viewmodel.TrainingBackend;
import org.marginlab.ui.viewmodel.WorkbenchViewModel;
import org.marginlab.ui.viewmodel.RunModel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The Open-set tab: for a run with held-out classes, the verification ROC and the metrics of
 * {@code marginlab evaluate} on those classes, recomputed after every epoch from the checkpoint the run
 * has just written (the model at that epoch), on a worker thread: the FX thread only swaps in the result.
 * With "Compared heads" it shows the heads of the last comparison side by side instead: one curve and one
 * metrics line per head; a comparison turns it on, a single run started or opened turns it off.
 * "Overlay runs…" adds the final model of each picked run, measured on a worker thread, as a further curve.
 */
public final class OpenSetView extends FigureView {

    /** A finished evaluation: which run and checkpoint, and what it measured. */
    private record Result(Path runDir, long iteration, String label, OpenSetMetrics metrics) {
    }

    /** The overlaid runs measured: the overlay's directories, the results, and why any run was left out. */
    private record Overlay(List<Path> dirs, List<Result> results, List<String> leftOut) {
    }

    private final Label metricsText = new Label();
    private final CheckBox compared = new CheckBox("Compared heads");
    private Result result;
    /** The latest result of each compared run, by directory. */
    private final Map<Path, Result> comparedResults = new HashMap<>();
    /** "directory@iteration" of each compared run's epoch already measured or being measured (failures too, once). */
    private final Set<String> comparedRequested = new HashSet<>();
    private Figure shown;
    private String requested;
    private boolean inFlight;
    private final OverlayRuns overlays;
    private final TrainingBackend backend;
    /** The overlay measured, or being measured (its results empty until then). */
    private Overlay overlay = new Overlay(List.of(), List.of(), List.of());

    public OpenSetView(WorkbenchViewModel model, BackgroundExecutor executor, OverlayRuns overlays) {
        super(model, executor);
        sayWhereAComparisonIs();
        this.overlays = overlays;
        this.backend = model.backend();
        metricsText.getStyleClass().add("open-set-metrics");
        javafx.scene.Node[] overlayTools = overlays.tools(this);
        addTools(compared, overlayTools[0], overlayTools[1], metricsText);
        compared.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(model.compare().compareRuns()));
        compared.selectedProperty().addListener(o -> rebind());
        model.compare().compareRuns().addListener((javafx.collections.ListChangeListener<RunModel>) c -> {
            comparedResults.clear();
            comparedRequested.clear();
            compared.setSelected(!model.compare().compareRuns().isEmpty());
            rebind();
        });
        // a new run leaves the last one's curve at once; an opened run gets its directory after the run
        // itself and brings no later data to trigger on
        model.control().runProperty().addListener(o -> {
            compared.setSelected(false);
            rebind();
        });
        model.control().runDirectoryProperty().addListener(o -> refresh());
    }

    /** Measures a changed overlay first: only when this tab is refreshed, so overlaying runs on another tab costs nothing here. */
    @Override
    public void refresh() {
        measureOverlay();
        super.refresh();
    }

    @Override
    public String name() {
        return FigureKind.OPEN_SET_ROC.label();
    }

    @Override
    protected boolean needsNewFigure(Figure current) {
        return current != shown;
    }

    @Override
    protected Figure createFigure() {
        if (compared.isSelected()) {
            return createComparedFigure();
        }
        RunModel run = model.control().runProperty().get();
        List<Integer> held = run == null ? List.of() : run.config().holdoutClasses();
        Path dir = model.control().runDirectoryProperty().get();
        boolean current = result != null && result.runDir().equals(dir);
        int n = overlay.results().size();
        if (run == null) {
            shown = new RocFigure(n == 0 ? "no run yet: start or open one with held-out classes, or overlay runs"
                    : n + " overlaid run" + (n == 1 ? "" : "s") + ", each its final model on its own held-out classes",
                    withOverlay(new ArrayList<>()));
            return shown;
        }
        String subtitle = held.isEmpty()
                ? "this run holds no class out: set " + org.marginlab.config.ConfigField.HOLDOUT_CLASSES.label()
                        + " (e.g. 8, 9) in the settings and press Start"
                : "held out: " + heldNames(run.config(), held)
                  + (current ? "; model at iteration " + result.iteration() : "; measured after the first epoch");
        List<RocFigure.Curve> curves = new ArrayList<>();
        if (current) {
            curves.add(new RocFigure.Curve(result.label(), result.metrics()));
        }
        shown = new RocFigure(subtitle + overlaid(), withOverlay(curves));
        return shown;
    }

    /** One curve per compared head that has been measured, in the comparison's order. */
    private Figure createComparedFigure() {
        List<RunModel> runs = List.copyOf(model.compare().compareRuns());
        List<Integer> held = runs.isEmpty() ? List.of() : runs.get(0).config().holdoutClasses();
        List<RocFigure.Curve> curves = new ArrayList<>();
        for (Path dir : model.compare().compareDirectories()) {
            Result r = comparedResults.get(dir);
            if (r != null) {
                curves.add(new RocFigure.Curve(r.label(), r.metrics()));
            }
        }
        String subtitle = held.isEmpty()
                ? "the comparison holds no class out; compare with held-out classes (Settings → held-out classes)"
                : runs.size() + " compared heads; held out: " + heldNames(runs.get(0).config(), held)
                  + (curves.size() < runs.size() ? "; each measured after its first epoch" : "");
        shown = new RocFigure(subtitle + overlaid(), withOverlay(curves));
        return shown;
    }

    /** {@code curves} and then the overlaid runs' curves. */
    private List<RocFigure.Curve> withOverlay(List<RocFigure.Curve> curves) {
        overlay.results().forEach(r -> curves.add(new RocFigure.Curve(r.label(), r.metrics())));
        return curves;
    }

    /** The subtitle's note on the overlaid runs, empty without any. */
    private String overlaid() {
        int n = overlay.results().size();
        return n == 0 ? "" : "; + " + n + " overlaid run" + (n == 1 ? "" : "s") + " (final model, own held-out classes)";
    }

    /**
     * Measures the overlaid runs when the overlay has changed since the last measurement: all of them, one
     * after the other, on one worker task; the figure shows them when the task is done.
     */
    private void measureOverlay() {
        List<Path> dirs = overlays.directories();
        if (dirs.equals(overlay.dirs())) {
            return;
        }
        overlay = new Overlay(dirs, List.of(), List.of());
        shown = null;
        if (dirs.isEmpty()) {
            return;
        }
        List<String> labels = overlays.runs().stream().map(org.marginlab.figures.RunData::label).toList();
        executor.submit(() -> {
            List<Result> results = new ArrayList<>();
            List<String> leftOut = new ArrayList<>();
            for (int i = 0; i < dirs.size(); i++) {
                Path d = dirs.get(i);
                try {
                    if (backend.hasModel(d)) {
                        results.add(measure(d, labels.get(i)));
                    } else {
                        leftOut.add(d.getFileName() + " has no model file");
                    }
                } catch (org.marginlab.UserException e) { // e.g. a collapsed model: the other runs still count
                    leftOut.add(e.getMessage());
                }
            }
            return new Overlay(dirs, results, leftOut);
        }, measured -> {
            if (!measured.dirs().equals(overlay.dirs())) {
                return; // another overlay was picked meanwhile
            }
            overlay = measured;
            shown = null;
            if (!measured.leftOut().isEmpty()) {
                model.notify("Open set: left out of the ROC: " + String.join("; ", measured.leftOut()));
            }
            refresh();
        }, failure -> {
            if (dirs.equals(overlay.dirs())) {
                overlay = new Overlay(List.of(), List.of(), List.of()); // picking the same runs again retries
            }
            model.notify(WorkbenchViewModel.describe("Open-set evaluation of the overlaid runs failed", failure));
        });
    }

    private static String heldNames(org.marginlab.config.TrainConfig config, List<Integer> held) {
        return held.stream().map(y -> y + " " + config.className(y)).collect(Collectors.joining(", "));
    }

    @Override
    protected void configure(Figure f) {
        if (compared.isSelected()) {
            configureCompared();
            return;
        }
        RunModel run = model.control().runProperty().get();
        Path dir = model.control().runDirectoryProperty().get();
        metricsText.setText(result != null && result.runDir().equals(dir) ? text(result.metrics()) : "");
        if (run == null || dir == null || run.config().holdoutClasses().isEmpty() || run.epochs().isEmpty()) {
            return;
        }
        EpochSnapshot last = run.epochs().get(run.epochs().size() - 1);
        String key = dir + "@" + last.iteration();
        if (inFlight || key.equals(requested)) {
            return;
        }
        requested = key;
        measureOnce(dir, run.title(), "Open-set evaluation failed", r -> {
            result = r;
            shown = null;
            refresh();
        });
    }

    /** Measures one run on a worker thread, one at a time ({@code inFlight}); {@code use} takes the result on the FX thread. */
    private void measureOnce(Path dir, String label, String failed, java.util.function.Consumer<Result> use) {
        inFlight = true;
        executor.submit(() -> measure(dir, label), r -> {
            inFlight = false;
            use.accept(r);
        }, failure -> {
            inFlight = false;
            model.notify(WorkbenchViewModel.describe(failed, failure));
        });
    }

    /** The run's latest checkpoint, embedded and measured (on a worker thread). */
    private Result measure(Path dir, String label) {
        TrainingBackend.OpenSetMeasurement m = backend.measureOpenSet(dir);
        return new Result(dir, m.iteration(), label, m.metrics());
    }

    /**
     * Measures each compared run whose latest epoch has no result yet, one after the other on one worker
     * task, and shows what it has so far after each.
     */
    private void configureCompared() {
        List<RunModel> runs = List.copyOf(model.compare().compareRuns());
        List<Path> dirs = List.copyOf(model.compare().compareDirectories());
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < dirs.size() && i < runs.size(); i++) {
            Result r = comparedResults.get(dirs.get(i));
            if (r != null) {
                lines.append(lines.isEmpty() ? "" : "\n").append(r.label()).append(": ").append(text(r.metrics()));
            }
        }
        metricsText.setText(lines.toString());
        if (inFlight || dirs.size() != runs.size() || runs.isEmpty() || runs.get(0).config().holdoutClasses().isEmpty()) {
            return;
        }
        for (int i = 0; i < runs.size(); i++) {
            RunModel run = runs.get(i);
            Path dir = dirs.get(i);
            if (run.epochs().isEmpty()) {
                continue;
            }
            if (!comparedRequested.add(dir + "@" + run.epochs().get(run.epochs().size() - 1).iteration())) {
                continue;
            }
            measureOnce(dir, run.title(), "Open-set evaluation of " + run.title() + " failed", r -> {
                if (model.compare().compareDirectories().contains(r.runDir())) {
                    comparedResults.put(r.runDir(), r);
                    shown = null;
                    refresh(); // measures the next head that needs it
                }
            });
            return;
        }
    }

    /** The runs overlaid on this tab (shared with the training-curves and angle-statistics tabs). */
    OverlayRuns overlays() {
        return overlays;
    }

    /** The iteration of the model the run's curve shows; −1 before the first measurement. */
    long measuredIteration() {
        return result == null ? -1 : result.iteration();
    }

    /** The compared heads measured so far: label → the iteration of the model its curve shows. */
    Map<String, Long> comparedIterations() {
        Map<String, Long> out = new java.util.TreeMap<>();
        comparedResults.values().forEach(r -> out.put(r.label(), r.iteration()));
        return out;
    }

    private static String text(OpenSetMetrics m) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "P@1 %.3f  MAP@R %.3f  EER %.3f  TAR@FAR",
                m.retrieval().precisionAt1(), m.retrieval().mapAtR(), m.verification().eer()));
        for (int i = 0; i < Verification.FAR_EXPONENTS.length; i++) {
            Double t = m.verification().tarAtFar()[i];
            sb.append(' ').append(OpenSetMetrics.farKey(Verification.FAR_EXPONENTS[i])).append(' ')
                    .append(t == null ? "n/a" : String.format(Locale.ROOT, "%.3f", t));
        }
        return sb.toString();
    }
}
