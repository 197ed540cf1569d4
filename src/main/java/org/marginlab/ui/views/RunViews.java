package org.marginlab.ui.views;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.marginlab.figures.catalog.FigureKind;
import org.marginlab.ui.viewmodel.BackgroundExecutor;
import org.marginlab.ui.viewmodel.WorkbenchViewModel;

/**
 * The run tabs, derived from {@link FigureKind}: one tab per label of the run figures that have one, in
 * FigureKind's order. A figure with view options of its own has its own view; any other run figure gets a
 * {@link RunFigureView}, so a new run figure is a tab without touching the window.
 */
public final class RunViews {

    private RunViews() {
    }

    public static List<FigureView> create(WorkbenchViewModel model, BackgroundExecutor executor, OverlayRuns overlays) {
        List<FigureView> views = new ArrayList<>();
        Set<String> labels = new LinkedHashSet<>();
        for (FigureKind kind : FigureKind.of(FigureKind.Source.RUN)) {
            if (kind.hasTab() && labels.add(kind.label())) {
                views.add(viewOf(kind, model, executor, overlays));
            }
        }
        return List.copyOf(views);
    }

    private static FigureView viewOf(FigureKind kind, WorkbenchViewModel model, BackgroundExecutor executor,
                                     OverlayRuns overlays) {
        return switch (kind) {
            case EMBEDDING_CIRCLE, EMBEDDING_SPHERE -> new EmbeddingView(model, executor);
            case ANGLE_HISTOGRAMS -> new AngleHistogramView(model, executor);
            case ANGLE_STATS -> new AngleStatsView(model, executor, overlays);
            case TRAINING_CURVES -> new TrainingCurvesView(model, executor, overlays);
            default -> new RunFigureView(kind, model, executor);
        };
    }
}
