package org.marginlab.ui.views;

import java.util.List;

import org.marginlab.figures.Figure;
import org.marginlab.figures.catalog.FigureKind;
import org.marginlab.figures.RunData;
import org.marginlab.figures.RunFigure;
import org.marginlab.ui.viewmodel.BackgroundExecutor;
import org.marginlab.ui.viewmodel.WorkbenchViewModel;

/** A live view of one run figure that needs no view options of its own (gradient, similarity, confusion). */
public class RunFigureView extends FigureView {
    private final FigureKind kind;

    public RunFigureView(FigureKind kind, WorkbenchViewModel model, BackgroundExecutor executor) {
        super(model, executor);
        sayWhereAComparisonIs();
        this.kind = kind;
        model.timeline().timelineIndexProperty().addListener(o -> refresh());
    }

    @Override
    public String name() {
        return kind.label();
    }

    @Override
    protected Figure createFigure() {
        return kind.create();
    }

    @Override
    protected void configure(Figure f) {
        if (f instanceof RunFigure rf) {
            rf.setRun(shownRun(model));
        }
    }

    /**
     * The current run as it stood at the timeline's pick (all of it when the timeline follows the live end),
     * so figures that draw the newest evaluation (histograms, similarity, confusion) scrub with the timeline.
     */
    static RunData shownRun(WorkbenchViewModel model) {
        RunData d = currentRun(model);
        var shown = model.timeline().shownProperty().get();
        return model.timeline().timelineIndexProperty().get() < 0 || shown == null ? d : d.upTo(shown.iteration());
    }

    /** The current run's data, or an empty run so figures draw their "no data yet" note. */
    static RunData currentRun(WorkbenchViewModel model) {
        RunData d = model.control().runData();
        return d != null ? d : RunData.of("no run yet", null, List.of(), List.of());
    }
}
