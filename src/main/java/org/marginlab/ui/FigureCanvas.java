package org.marginlab.ui;

import java.awt.geom.Rectangle2D;

import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;

import org.jfree.fx.FXGraphics2D;
import org.marginlab.figures.Figure;

/**
 * A resizable canvas that paints one {@link Figure} through FXGraphics2D. It only repaints when
 * marked dirty and visible, and counts its repaints so the frame rate can be measured.
 */
public final class FigureCanvas extends Region {
    private final Canvas canvas = new Canvas();
    private final FXGraphics2D g2;
    private Figure figure;
    private boolean dirty = true;
    private long paints;
    private long paintNanos;

    public FigureCanvas() {
        getChildren().add(canvas);
        g2 = new FXGraphics2D(canvas.getGraphicsContext2D());
        widthProperty().addListener(o -> dirty = true);
        heightProperty().addListener(o -> dirty = true);
        setMinSize(200, 150);
        getStyleClass().add("figure-canvas");
    }

    public Canvas canvas() {
        return canvas;
    }

    public void setFigure(Figure f) {
        figure = f;
        dirty = true;
    }

    public Figure figure() {
        return figure;
    }

    public void markDirty() {
        dirty = true;
    }

    public boolean isDirty() {
        return dirty;
    }

    /** Paints now if the figure changed since the last paint and the canvas is on screen. */
    public boolean paintIfDirty() {
        if (!dirty || figure == null || !isShowing()) {
            return false;
        }
        paint();
        return true;
    }

    private boolean isShowing() {
        return getScene() != null && isVisible() && getWidth() > 0 && getHeight() > 0
                && (getParent() == null || getParent().isVisible());
    }

    /** Paints unconditionally, e.g. right before a window snapshot. */
    public void paint() {
        if (figure == null) {
            return;
        }
        long t0 = System.nanoTime();
        double w = Math.floor(getWidth());
        double h = Math.floor(getHeight());
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
        }
        GraphicsContext gc = canvas.getGraphicsContext2D();
        gc.clearRect(0, 0, w, h);
        figure.draw(g2, new Rectangle2D.Double(0, 0, w, h));
        dirty = false;
        paints++;
        paintNanos += System.nanoTime() - t0;
    }

    @Override
    protected void layoutChildren() {
        canvas.relocate(0, 0);
    }

    @Override
    protected double computePrefWidth(double height) {
        return 640;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 440;
    }

    /** Repaints since creation, for the frame-rate measurement. */
    public long paints() {
        return paints;
    }

    /** Total time spent painting, in nanoseconds. */
    public long paintNanos() {
        return paintNanos;
    }
}
