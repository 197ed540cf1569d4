package org.marginlab.ui.compare;

import org.marginlab.figures.Figure;
import org.marginlab.figures.RunData;
import org.marginlab.figures.export.ExportPlan;
import org.marginlab.figures.embedding.EmbeddingCircleFigure;
import org.marginlab.figures.embedding.EmbeddingSphereFigure;
import org.marginlab.ui.viewmodel.BackgroundExecutor;
import org.marginlab.ui.viewmodel.WorkbenchViewModel;
import org.marginlab.ui.viewmodel.RunModel;
import org.marginlab.ui.views.FigureView;

/** One cell of the compare grid: the embedding of one of the compared runs. */
public final class CompareCellView extends FigureView {
    private final RunModel run;
    private final org.marginlab.ui.views.ProbeHover probes;
    private double dragX;
    private double dragY;
    private boolean alone;

    /**
     * @param rotateAll turns every cell's sphere by a drag in pixels, so the compared spheres are seen
     *                  from one camera
     * @param showAlone shows this cell alone at full size, or the grid again (a double-click)
     */
    public CompareCellView(RunModel run, WorkbenchViewModel model, BackgroundExecutor executor,
                           java.util.function.BiConsumer<Double, Double> rotateAll, Runnable showAlone) {
        super(model, executor);
        this.run = run;
        hideTools(); // the room goes to the picture; the compare bar says what dragging does
        probes = new org.marginlab.ui.views.ProbeHover(this, model, executor, run::toRunData);
        canvas.setOnMousePressed(e -> {
            dragX = e.getX();
            dragY = e.getY();
        });
        canvas.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && e.getButton() == javafx.scene.input.MouseButton.PRIMARY) {
                showAlone.run();
            }
        });
        canvas.setOnMouseDragged(e -> {
            rotateAll.accept(e.getX() - dragX, e.getY() - dragY);
            dragX = e.getX();
            dragY = e.getY();
        });
    }

    /**
     * Shown alone, the cell draws as the Embedding tab does, with its own class key and full title (the shared
     * key folds away); in the grid, compact. Exports of the grid stay compact panels.
     */
    public void setAlone(boolean on) {
        if (alone != on) {
            alone = on;
            if (liveFigure() != null) {
                configure(liveFigure());
            }
            canvas.markDirty();
        }
    }

    /** Turns this cell's sphere (a circle stays as it is). */
    public void rotateBy(double dx, double dy) {
        if (liveFigure() instanceof EmbeddingSphereFigure s) {
            s.rotateBy(dx, dy);
            canvas.markDirty();
        }
    }

    /** Hovering a point of this cell shows its card, as on the Embedding tab. */
    public void hover(double x, double y, double screenX, double screenY) {
        probes.hover(x, y, screenX, screenY);
    }

    /** The hover card's content, for tests; null before the first. */
    public javafx.scene.Node cardContent() {
        return probes.cardContent();
    }

    public RunModel run() {
        return run;
    }

    @Override
    public String name() {
        return "Compare: " + run.title();
    }

    @Override
    public String exportStem(Figure f) {
        return ExportPlan.stem("compare", run.config().head().id(), f.id());
    }

    @Override
    protected Figure createFigure() {
        if (run.config().dim() == 2) {
            EmbeddingCircleFigure c = new EmbeddingCircleFigure();
            c.setCompact(true);
            return c;
        }
        EmbeddingSphereFigure s = new EmbeddingSphereFigure();
        s.setCompact(true);
        return s;
    }

    @Override
    protected void configure(Figure f) {
        RunData data = run.toRunData();
        boolean compact = !(alone && f == liveFigure());
        switch (f) {
            case EmbeddingCircleFigure c -> {
                c.setCompact(compact);
                c.setRun(data);
            }
            case EmbeddingSphereFigure s -> {
                s.setCompact(compact);
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
