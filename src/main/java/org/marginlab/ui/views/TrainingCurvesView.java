package org.marginlab.ui.views;

import java.util.ArrayList;
import java.util.List;

import org.marginlab.figures.Figure;
import org.marginlab.figures.catalog.FigureKind;
import org.marginlab.figures.RunData;
import org.marginlab.figures.training.TrainingCurvesFigure;
import org.marginlab.ui.viewmodel.BackgroundExecutor;
import org.marginlab.ui.viewmodel.WorkbenchViewModel;

/** Loss, accuracy and learning rate of the current run, with picked runs overlaid. */
public final class TrainingCurvesView extends FigureView {
    private final OverlayRuns overlays;

    public TrainingCurvesView(WorkbenchViewModel model, BackgroundExecutor executor, OverlayRuns overlays) {
        super(model, executor);
        sayWhereAComparisonIs();
        this.overlays = overlays;
        addTools(overlays.tools(this));
    }

    @Override
    public String name() {
        return FigureKind.TRAINING_CURVES.label();
    }

    @Override
    protected Figure createFigure() {
        return FigureKind.TRAINING_CURVES.create();
    }

    @Override
    protected void configure(Figure f) {
        List<RunData> runs = new ArrayList<>();
        if (model.control().runData() != null || overlays.runs().isEmpty()) {
            runs.add(RunFigureView.currentRun(model));
        }
        runs.addAll(overlays.runs());
        ((TrainingCurvesFigure) f).setRuns(runs);
    }
}
