package org.marginlab.ui;

import java.awt.AlphaComposite;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.nio.IntBuffer;

import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;

import org.jfree.fx.FXGraphics2D;
import org.marginlab.figures.Figure;

/**
 * Paints one {@link Figure} into the window, only when marked dirty and on screen, and counts its
 * repaints so the frame rate can be measured.
 *
 * <p>Two ways to paint. {@link Mode#VECTOR} (the default) records the drawing as Canvas commands
 * through FXGraphics2D, which JavaFX's renderer replays (on the GPU on a desktop). {@link Mode#RASTER}
 * ({@code -Dmarginlab.canvas=raster}) draws with Java2D into a BufferedImage that JavaFX shows without
 * a copy through a {@link PixelBuffer}. Measured with {@code marginlab ui-bench} on the software
 * pipeline, the sphere with 10 000 points: vector 18 redraws/s (11.7 ms to record a frame), raster
 * 4.6 redraws/s (196 ms of Java2D drawing a frame), so vector is the default.
 */
public final class FigureCanvas extends Region {

    public enum Mode { RASTER, VECTOR }

    private static final Mode DEFAULT_MODE =
            "raster".equalsIgnoreCase(System.getProperty("marginlab.canvas")) ? Mode.RASTER : Mode.VECTOR;

    private final Mode mode;
    private final Canvas canvas = new Canvas();
    private final ImageView view = new ImageView();
    private FXGraphics2D fxGraphics;
    private BufferedImage raster;
    private PixelBuffer<IntBuffer> pixels;
    private double rasterScale = 1;
    private Figure figure;
    private boolean dirty = true;
    private long paints;
    private long paintNanos;

    public FigureCanvas() {
        this(DEFAULT_MODE);
    }

    public FigureCanvas(Mode mode) {
        this.mode = mode;
        if (mode == Mode.VECTOR) {
            getChildren().add(canvas);
            fxGraphics = new FXGraphics2D(canvas.getGraphicsContext2D());
        } else {
            getChildren().add(view);
            view.setSmooth(false);
        }
        widthProperty().addListener(o -> dirty = true);
        heightProperty().addListener(o -> dirty = true);
        setMinSize(200, 150);
        getStyleClass().add("figure-canvas");
    }

    public Mode mode() {
        return mode;
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

    /** Whether the canvas is in a scene, visible up its whole parent chain, and has a size. */
    public boolean isOnScreen() {
        return isShowing();
    }

    private boolean isShowing() {
        if (getScene() == null || getWidth() <= 0 || getHeight() <= 0) {
            return false;
        }
        for (javafx.scene.Node n = this; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    /** Paints unconditionally, e.g. right before a window snapshot. */
    public void paint() {
        if (figure == null) {
            return;
        }
        long t0 = System.nanoTime();
        double w = Math.floor(getWidth());
        double h = Math.floor(getHeight());
        if (w < 1 || h < 1) {
            return;
        }
        if (mode == Mode.VECTOR) {
            if (canvas.getWidth() != w || canvas.getHeight() != h) {
                canvas.setWidth(w);
                canvas.setHeight(h);
            }
            GraphicsContext gc = canvas.getGraphicsContext2D();
            gc.clearRect(0, 0, w, h);
            figure.draw(fxGraphics, new Rectangle2D.Double(0, 0, w, h));
        } else {
            paintRaster(w, h);
        }
        dirty = false;
        paints++;
        paintNanos += System.nanoTime() - t0;
    }

    private void paintRaster(double w, double h) {
        // Draw at the screen's pixel density so text stays sharp on HiDPI displays.
        double scale = getScene().getWindow() == null ? 1 : Math.max(1, getScene().getWindow().getOutputScaleX());
        int pw = (int) Math.ceil(w * scale);
        int ph = (int) Math.ceil(h * scale);
        if (raster == null || raster.getWidth() != pw || raster.getHeight() != ph) {
            raster = new BufferedImage(pw, ph, BufferedImage.TYPE_INT_ARGB_PRE);
            int[] data = ((DataBufferInt) raster.getRaster().getDataBuffer()).getData();
            pixels = new PixelBuffer<>(pw, ph, IntBuffer.wrap(data), PixelFormat.getIntArgbPreInstance());
            view.setImage(new WritableImage(pixels));
            rasterScale = scale;
        }
        view.setFitWidth(pw / rasterScale);
        view.setFitHeight(ph / rasterScale);
        Graphics2D g = raster.createGraphics();
        try {
            g.setComposite(AlphaComposite.Clear);
            g.fillRect(0, 0, pw, ph);
            g.setComposite(AlphaComposite.SrcOver);
            g.scale(rasterScale, rasterScale);
            figure.draw(g, new Rectangle2D.Double(0, 0, w, h));
        } finally {
            g.dispose();
        }
        pixels.updateBuffer(b -> null);
    }

    @Override
    protected void layoutChildren() {
        canvas.relocate(0, 0);
        view.relocate(0, 0);
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
