package org.marginlab.ui.theory;

import org.marginlab.figures.Figure;
import org.marginlab.figures.catalog.FigureKind;
import org.marginlab.figures.theory.HeadFigure;
import org.marginlab.figures.export.ExportPlan;
import org.marginlab.figures.theory.STradeoffFigure;
import org.marginlab.figures.theory.TheoryFigure;
import org.marginlab.ui.viewmodel.BackgroundExecutor;
import org.marginlab.ui.viewmodel.WorkbenchViewModel;
import org.marginlab.ui.views.FigureView;

/** One analytic figure of the theory tab, drawn from the theory view-model's head and sliders. */
public final class TheoryFigureView extends FigureView {
    private final FigureKind kind;
    private final TheoryViewModel theory;

    public TheoryFigureView(FigureKind kind, TheoryViewModel theory, WorkbenchViewModel model,
                            BackgroundExecutor executor) {
        super(model, executor);
        this.kind = kind;
        this.theory = theory;
        canvas.setMinSize(160, 120);
    }

    @Override
    public String name() {
        return kind.label();
    }

    /** Analytic figures follow the sliders alone: a training run's snapshots leave them as they are. */
    @Override
    public void dataChanged() {
    }

    /** Theory figures belong to no run: named after the theory tab's head. */
    @Override
    public String exportStem(Figure f) {
        return ExportPlan.stem("theory", theory.headProperty().get().id(), f.id());
    }

    @Override
    protected Figure createFigure() {
        return kind.create();
    }

    @Override
    protected void configure(Figure f) {
        switch (f) {
            case TheoryFigure t -> {
                t.setHead(theory.headProperty().get(), theory.paramsProperty().get());
                t.setClassCount(theory.classCountProperty().get());
            }
            case HeadFigure t -> t.setHead(theory.headProperty().get(), theory.paramsProperty().get());
            default -> { }
        }
    }
}
