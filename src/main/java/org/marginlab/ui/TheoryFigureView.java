package org.marginlab.ui;

import java.util.function.Supplier;

import org.marginlab.figures.DecisionBoundaryFigure;
import org.marginlab.figures.Figure;
import org.marginlab.figures.theory.STradeoffFigure;
import org.marginlab.figures.theory.TheoryFigure;

/** One analytic figure of the theory tab, drawn from the theory view-model's head and sliders. */
public final class TheoryFigureView extends FigureView {
    private final String name;
    private final Supplier<Figure> factory;
    private final TheoryViewModel theory;

    public TheoryFigureView(String name, Supplier<Figure> factory, TheoryViewModel theory,
                            WorkbenchViewModel model, BackgroundExecutor executor) {
        super(model, executor);
        this.name = name;
        this.factory = factory;
        this.theory = theory;
        canvas.setMinSize(160, 120);
    }

    @Override
    public String name() {
        return name;
    }

    /** Analytic figures follow the sliders alone: a training run's snapshots leave them as they are. */
    @Override
    public void dataChanged() {
    }

    @Override
    protected Figure createFigure() {
        return factory.get();
    }

    @Override
    protected void configure(Figure f) {
        switch (f) {
            case STradeoffFigure t -> {
                t.setHead(theory.headProperty().get(), theory.paramsProperty().get());
                t.setClassCount(theory.classCountProperty().get());
            }
            case TheoryFigure t -> t.setHead(theory.headProperty().get(), theory.paramsProperty().get());
            case DecisionBoundaryFigure d -> d.setHead(theory.headProperty().get(), theory.paramsProperty().get());
            default -> { }
        }
    }
}
