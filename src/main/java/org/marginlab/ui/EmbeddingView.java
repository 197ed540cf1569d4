package org.marginlab.ui;

import org.marginlab.config.ConfigField;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;

import org.marginlab.figures.Figure;
import org.marginlab.figures.FigureKind;
import org.marginlab.figures.RunData;
import org.marginlab.figures.embedding.EmbeddingCircleFigure;
import org.marginlab.figures.embedding.EmbeddingSphereFigure;

/**
 * The embedding: a circle for d = 2, a sphere (drag to rotate, also while training runs) for d ≥ 3,
 * following the timeline's snapshot when the user scrubs back.
 */
public final class EmbeddingView extends FigureView {
    private final CheckBox normalised = new CheckBox("normalised (unit circle)");
    private double dragX;
    private double dragY;

    public EmbeddingView(WorkbenchViewModel model, BackgroundExecutor executor) {
        super(model, executor);
        normalised.setSelected(true);
        normalised.selectedProperty().addListener(o -> refresh());
        Label hint = caption("drag to rotate the sphere");
        addTools(normalised, hint);
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
        model.timelineIndexProperty().addListener(o -> refresh());
    }

    /** Turns the sphere as a mouse drag of (dx, dy) pixels would; repaints on the next pulse. */
    public void rotateBy(double dx, double dy) {
        if (liveFigure() instanceof EmbeddingSphereFigure sphere) {
            sphere.rotateBy(dx, dy);
            canvas.markDirty();
        }
    }

    /**
     * One figure per replay frame, evenly spread over the stored snapshots (at most {@code max}),
     * seen from the current camera; built here on the FX thread, rendered by the caller anywhere.
     */
    public java.util.List<Figure> replayFrames(RunData data, int max) {
        int n = data.iterations().size();
        int count = Math.min(n, max);
        java.util.List<Figure> frames = new java.util.ArrayList<>();
        for (int k = 0; k < count; k++) {
            int index = count == 1 ? n - 1 : (int) Math.round(k * (n - 1.0) / (count - 1));
            Figure f = createFigure();
            configure(f);
            switch (f) {
                case EmbeddingCircleFigure c -> {
                    c.setRun(data);
                    c.setSnapshotIndex(index);
                }
                case EmbeddingSphereFigure s -> {
                    s.setRun(data);
                    s.setSnapshotIndex(index);
                }
                default -> { }
            }
            frames.add(f);
        }
        return frames;
    }

    @Override
    public String name() {
        return FigureKind.EMBEDDING_CIRCLE.label();
    }

    private int dim() {
        RunData d = model.runData();
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
        int index = model.timelineIndexProperty().get();
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
