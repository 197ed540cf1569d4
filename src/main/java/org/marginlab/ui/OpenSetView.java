package org.marginlab.ui;

import javafx.scene.control.Label;
import org.marginlab.figures.Figure;
import org.marginlab.figures.FigureStyle;
import org.marginlab.figures.openset.RocFigure;
import org.marginlab.metrics.openset.OpenSetMetrics;
import org.marginlab.metrics.openset.Verification;
import org.marginlab.train.EvaluationSet;
import org.marginlab.run.EpochSnapshot;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The Open-set tab: for a run with held-out classes, the verification ROC and the metrics of
 * {@code marginlab evaluate} on those classes, recomputed after every epoch from the checkpoint the run
 * has just written (the model at that epoch), on a worker thread: the FX thread only swaps in the result.
 */
public final class OpenSetView extends FigureView {

    /** A finished evaluation: which run and checkpoint, and what it measured. */
    private record Result(Path runDir, long iteration, String label, OpenSetMetrics metrics) {
    }

    private final Label metricsText = new Label();
    private Result result;
    private Figure shown;
    private String requested;
    private boolean inFlight;

    public OpenSetView(WorkbenchViewModel model, BackgroundExecutor executor) {
        super(model, executor);
        addTools(metricsText);
        // a new run leaves the last one's curve at once; an opened run gets its directory after the run
        // itself and brings no later data to trigger on
        model.runProperty().addListener(o -> rebind());
        model.runDirectoryProperty().addListener(o -> refresh());
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
        RunModel run = model.runProperty().get();
        List<Integer> held = run == null ? List.of() : run.config().holdoutClasses();
        Path dir = model.runDirectoryProperty().get();
        boolean current = result != null && result.runDir().equals(dir);
        String subtitle = held.isEmpty()
                ? "this run holds no class out; train with held-out classes (marginlab train --holdout-classes 8,9)"
                : "held out: " + held.stream().map(y -> y + " " + FigureStyle.className(y)).collect(Collectors.joining(", "))
                  + (current ? "; model at iteration " + result.iteration() : "; measured after the first epoch");
        shown = new RocFigure(subtitle, current ? List.of(new RocFigure.Curve(result.label(), result.metrics().verification())) : List.of());
        return shown;
    }

    @Override
    protected void configure(Figure f) {
        RunModel run = model.runProperty().get();
        Path dir = model.runDirectoryProperty().get();
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
            EvaluationSet set = EvaluationSet.embed(dir, null);
            return new Result(dir, set.iteration(), label, OpenSetMetrics.of(set.features(), set.labels()));
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
