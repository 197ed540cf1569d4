package org.marginlab.ui.views;

import org.marginlab.config.ConfigField;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;

import org.marginlab.figures.Figure;
import org.marginlab.figures.catalog.FigureKind;
import org.marginlab.figures.RunData;
import org.marginlab.figures.embedding.EmbeddingCircleFigure;
import org.marginlab.figures.embedding.EmbeddingSphereFigure;
import org.marginlab.ui.viewmodel.BackgroundExecutor;
import org.marginlab.ui.viewmodel.WorkbenchViewModel;

/**
 * The embedding: a circle for d = 2, a sphere (drag to rotate, also while training runs) for d ≥ 3,
 * following the timeline's snapshot when the user scrubs back.
 */
public final class EmbeddingView extends FigureView {
    private final CheckBox normalised = new CheckBox("normalised (unit circle)");
    private double dragX;
    private double dragY;
    private final ProbeHover probes;

    public EmbeddingView(WorkbenchViewModel model, BackgroundExecutor executor) {
        super(model, executor);
        sayWhereAComparisonIs();
        normalised.setSelected(true);
        normalised.selectedProperty().addListener(o -> refresh());
        Label hint = caption("drag to rotate the sphere");
        addTools(normalised, hint);
        foldToolsInPresentation();
        normalised.managedProperty().bind(normalised.visibleProperty());
        hint.managedProperty().bind(hint.visibleProperty());
        hint.visibleProperty().bind(normalised.visibleProperty().not());
        canvas.setOnMousePressed(e -> {
            dragX = e.getX();
            dragY = e.getY();
        });
        canvas.setOnMouseDragged(e -> {
            rotateBy(e.getX() - dragX, e.getY() - dragY);
            dragX = e.getX();
            dragY = e.getY();
        });
        model.timeline().timelineIndexProperty().addListener(o -> refresh());
        probes = new ProbeHover(this, model, executor, () -> RunFigureView.currentRun(model));
    }

    /** See {@link ProbeHover#hover}. */
    public void hover(double x, double y, double screenX, double screenY) {
        probes.hover(x, y, screenX, screenY);
    }

    /** The card's content (the last one shown), for tests; null before the first. */
    public javafx.scene.Node cardContent() {
        return probes.cardContent();
    }

    /** Turns the sphere as a mouse drag of (dx, dy) pixels would; repaints on the next pulse. */
    public void rotateBy(double dx, double dy) {
        if (liveFigure() instanceof EmbeddingSphereFigure sphere) {
            sphere.rotateBy(dx, dy);
            canvas.markDirty();
        }
    }

    /** Each frame shows its own last snapshot, wherever the timeline stands. */
    @Override
    public Figure replayFrame(RunData upTo) {
        Figure f = super.replayFrame(upTo);
        switch (f) {
            case EmbeddingCircleFigure c -> c.setSnapshotIndex(-1);
            case EmbeddingSphereFigure s -> s.setSnapshotIndex(-1);
            default -> { }
        }
        return f;
    }

    @Override
    public String name() {
        return FigureKind.EMBEDDING_CIRCLE.label();
    }

    private int dim() {
        RunData d = model.control().runData();
        if (d != null && d.config() != null) {
            return d.config().dim();
        }
        try {
            return Integer.parseInt(model.settings().textProperty(ConfigField.DIM).get().trim());
        } catch (NumberFormatException e) {
            return 3;
        }
    }

    @Override
    protected boolean needsNewFigure(Figure current) {
        return (dim() == 2) != (current instanceof EmbeddingCircleFigure);
    }

    @Override
    protected Figure createFigure() {
        return dim() == 2 ? new EmbeddingCircleFigure() : new EmbeddingSphereFigure();
    }

    @Override
    protected void configure(Figure f) {
        RunData run = RunFigureView.currentRun(model);
        int index = model.timeline().timelineIndexProperty().get();
        if (f == liveFigure()) {
            normalised.setVisible(f instanceof EmbeddingCircleFigure);
        }
        switch (f) {
            case EmbeddingCircleFigure c -> {
                c.setRun(run);
                c.setSnapshotIndex(index);
                c.setNormalised(normalised.isSelected());
            }
            case EmbeddingSphereFigure s -> {
                s.setRun(run);
                s.setSnapshotIndex(index);
                if (f != liveFigure() && liveFigure() instanceof EmbeddingSphereFigure shown) {
                    s.setYaw(shown.yaw());
                    s.setPitch(shown.pitch());
                }
            }
            default -> { }
        }
    }
}
