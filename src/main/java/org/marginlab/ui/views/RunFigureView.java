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
        this.kind = kind;
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
            rf.setRun(currentRun(model));
        }
    }

    /** The current run's data, or an empty run so figures draw their "no data yet" note. */
    static RunData currentRun(WorkbenchViewModel model) {
        RunData d = model.control().runData();
        return d != null ? d : RunData.of("no run yet", null, List.of(), List.of());
    }
}
