package org.marginlab.ui.views;

import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import org.marginlab.figures.Figure;
import org.marginlab.figures.FigureStyle;
import org.marginlab.figures.openset.RocFigure;
import org.marginlab.metrics.openset.OpenSetMetrics;
import org.marginlab.metrics.openset.Verification;
import org.marginlab.train.EvaluationSet;
import org.marginlab.run.EpochSnapshot;
import org.marginlab.ui.BackgroundExecutor;
import org.marginlab.ui.WorkbenchViewModel;
import org.marginlab.ui.run.RunModel;

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
 */
public final class OpenSetView extends FigureView {

    /** A finished evaluation: which run and checkpoint, and what it measured. */
    private record Result(Path runDir, long iteration, String label, OpenSetMetrics metrics) {
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

    public OpenSetView(WorkbenchViewModel model, BackgroundExecutor executor) {
        super(model, executor);
        metricsText.getStyleClass().add("open-set-metrics");
        addTools(compared, metricsText);
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

    /** Shows the compared heads (true) or the run (false); as the check box in the tab's tools. */
    public void showCompared(boolean v) {
        compared.setSelected(v);
    }

    @Override
    public String name() {
        return "Open set";
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
        String subtitle = held.isEmpty()
                ? "this run holds no class out; train with held-out classes (marginlab train --holdout-classes 8,9)"
                : "held out: " + heldNames(held)
                  + (current ? "; model at iteration " + result.iteration() : "; measured after the first epoch");
        shown = new RocFigure(subtitle, current ? List.of(new RocFigure.Curve(result.label(), result.metrics().verification())) : List.of());
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
                curves.add(new RocFigure.Curve(r.label(), r.metrics().verification()));
            }
        }
        String subtitle = held.isEmpty()
                ? "the comparison holds no class out; compare with held-out classes (Settings → held-out classes)"
                : runs.size() + " compared heads; held out: " + heldNames(held)
                  + (curves.size() < runs.size() ? "; each measured after its first epoch" : "");
        shown = new RocFigure(subtitle, curves);
        return shown;
    }

    private static String heldNames(List<Integer> held) {
        return held.stream().map(y -> y + " " + FigureStyle.className(y)).collect(Collectors.joining(", "));
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
        inFlight = true;
        String label = run.title();
        executor.submit(() -> {
            return measure(dir, label);
        }, r -> {
            inFlight = false;
            result = r;
            shown = null;
            refresh();
        }, failure -> {
            inFlight = false;
            model.notify(WorkbenchViewModel.describe("Open-set evaluation failed", failure));
        });
    }

    /** The run's latest checkpoint, embedded and measured (on a worker thread). */
    private static Result measure(Path dir, String label) {
        EvaluationSet set = EvaluationSet.embed(dir, null);
        return new Result(dir, set.iteration(), label, OpenSetMetrics.of(set.features(), set.labels()));
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
            inFlight = true;
            String label = run.title();
            executor.submit(() -> {
                return measure(dir, label);
            }, r -> {
                inFlight = false;
                if (model.compare().compareDirectories().contains(r.runDir())) {
                    comparedResults.put(r.runDir(), r);
                    shown = null;
                    refresh(); // measures the next head that needs it
                }
            }, failure -> {
                inFlight = false;
                model.notify(WorkbenchViewModel.describe("Open-set evaluation of " + label + " failed", failure));
            });
            return;
        }
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
