package org.marginlab.ui;

import org.marginlab.figures.Figure;
import org.marginlab.figures.RunData;
import org.marginlab.figures.export.ExportPlan;
import org.marginlab.figures.embedding.EmbeddingCircleFigure;
import org.marginlab.figures.embedding.EmbeddingSphereFigure;

/** One cell of the compare grid: the embedding of one of the compared runs. */
public final class CompareCellView extends FigureView {
    private final RunModel run;
    private double dragX;
    private double dragY;

    public CompareCellView(RunModel run, WorkbenchViewModel model, BackgroundExecutor executor) {
        super(model, executor);
        this.run = run;
        addTools(caption(run.title()));
        canvas.setOnMousePressed(e -> {
            dragX = e.getX();
            dragY = e.getY();
        });
        canvas.setOnMouseDragged(e -> {
            if (liveFigure() instanceof EmbeddingSphereFigure s) {
                s.rotateBy(e.getX() - dragX, e.getY() - dragY);
                canvas.markDirty();
            }
            dragX = e.getX();
            dragY = e.getY();
        });
    }

    public RunModel run() {
        return run;
    }

    @Override
    public String name() {
        return "Compare: " + run.title();
    }

    @Override
    protected String exportStem(Figure f) {
        return ExportPlan.stem("compare", run.config().head().id(), f.id());
    }

    @Override
    protected Figure createFigure() {
        return run.config().dim() == 2 ? new EmbeddingCircleFigure() : new EmbeddingSphereFigure();
    }

    @Override
    protected void configure(Figure f) {
        RunData data = WorkbenchViewModel.toRunData(run);
        switch (f) {
            case EmbeddingCircleFigure c -> {
                c.setRun(data);
            }
            case EmbeddingSphereFigure s -> {
                s.setRun(data);
                if (f != liveFigure() && liveFigure() instanceof EmbeddingSphereFigure shown) {
                    s.setYaw(shown.yaw());
                    s.setPitch(shown.pitch());
                }
            }
            default -> { }
        }
    }
}
