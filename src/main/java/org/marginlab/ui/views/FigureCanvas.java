package org.marginlab.ui.views;

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
import org.marginlab.figures.FigureStyle;
import org.marginlab.figures.ScreenFigure;

/**
 * Paints one {@link Figure} into the window, only when marked dirty and on screen, and counts its
 * repaints so the frame rate can be measured.
 *
 * <p>Two ways to paint. Vector records the drawing as Canvas commands through FXGraphics2D, which
 * JavaFX's renderer replays (on the GPU on a desktop). Raster draws with Java2D into a BufferedImage
 * that JavaFX shows without a copy through a {@link PixelBuffer}; a {@link ScreenFigure} (the sphere)
 * then writes its thousands of points straight into the pixels. {@link Mode#AUTO} (the default) uses
 * raster for screen figures and vector for the rest; {@code -Dmarginlab.canvas=raster|vector} forces one.
 * Measured with {@code marginlab ui-bench} on the software pipeline (see docs/performance.md), the sphere with
 * 10 000 points redraws several times faster through the raster path than as 10 000 Canvas ovals.
 */
public final class FigureCanvas extends Region {

    public enum Mode { RASTER, VECTOR, AUTO }

    private static final Mode DEFAULT_MODE = switch (String.valueOf(System.getProperty("marginlab.canvas")).toLowerCase(java.util.Locale.ROOT)) {
        case "raster" -> Mode.RASTER;
        case "vector" -> Mode.VECTOR;
        default -> Mode.AUTO;
    };

    private final Mode mode;
    private final Canvas canvas = new Canvas();
    private final ImageView view = new ImageView();
    private FXGraphics2D fxGraphics;
    private BufferedImage raster;
    private int[] data;
    private PixelBuffer<IntBuffer> pixels;
    private double rasterScale = 1;
    private Figure figure;
    private FigureStyle.Look look = FigureStyle.PAPER;
    private boolean dirty = true;
    private long paints;
    private long paintNanos;
    private long paintCpuNanos;
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    public FigureCanvas() {
        this(DEFAULT_MODE);
    }

    public FigureCanvas(Mode mode) {
        this.mode = mode;
        getChildren().addAll(canvas, view);
        fxGraphics = new FXGraphics2D(canvas.getGraphicsContext2D());
        view.setSmooth(false);
        canvas.setVisible(false);
        view.setVisible(false);
        widthProperty().addListener(o -> dirty = true);
        heightProperty().addListener(o -> dirty = true);
        setMinSize(200, 150);
        // Opaque like the figures it shows: JavaFX then starts each repaint of this area here (its
        // occlusion culling) instead of re-rendering every ancestor's background underneath, which on
        // the software pipeline cost more than drawing the figure itself.
        setLook(look);
        getStyleClass().add("figure-canvas");
    }

    /** The window's theme and presentation mode, which every figure here is drawn in from now on. */
    public void setLook(FigureStyle.Look look) {
        this.look = look;
        java.awt.Color b = look.background();
        setBackground(new javafx.scene.layout.Background(new javafx.scene.layout.BackgroundFill(
                javafx.scene.paint.Color.rgb(b.getRed(), b.getGreen(), b.getBlue()), null, null)));
        markDirty();
    }

    public FigureStyle.Look look() {
        return look;
    }

    /** Whether the current figure is painted through the raster path. */
    public boolean paintsRaster() {
        return mode == Mode.RASTER || (mode == Mode.AUTO && figure instanceof ScreenFigure);
    }

    public void setFigure(Figure f) {
        figure = f;
        dirty = true;
    }

    public Figure figure() {
        return figure;
    }

    /** Asks for a repaint in the next pulse, and for that pulse: no animation keeps them coming. */
    public void markDirty() {
        if (!dirty) {
            dirty = true;
            javafx.application.Platform.requestNextPulse();
        }
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
        long c0 = THREADS.getCurrentThreadCpuTime();
        double w = Math.floor(getWidth());
        double h = Math.floor(getHeight());
        if (w < 1 || h < 1) {
            return;
        }
        boolean raster = paintsRaster();
        // the other path's node stays hidden: in the scene but not rendered
        canvas.setVisible(!raster);
        view.setVisible(raster);
        if (!raster) {
            if (canvas.getWidth() != w || canvas.getHeight() != h) {
                canvas.setWidth(w);
                canvas.setHeight(h);
            }
            GraphicsContext gc = canvas.getGraphicsContext2D();
            gc.clearRect(0, 0, w, h);
            FigureStyle.drawWith(look, () -> figure.draw(fxGraphics, new Rectangle2D.Double(0, 0, w, h)));
        } else {
            FigureStyle.drawWith(look, () -> paintRaster(w, h));
        }
        dirty = false;
        paints++;
        paintNanos += System.nanoTime() - t0;
        paintCpuNanos += THREADS.getCurrentThreadCpuTime() - c0;
    }

    private void paintRaster(double w, double h) {
        // Draw at the screen's pixel density so text stays sharp on HiDPI displays.
        double scale = getScene().getWindow() == null ? 1 : Math.max(1, getScene().getWindow().getOutputScaleX());
        int pw = (int) Math.ceil(w * scale);
        int ph = (int) Math.ceil(h * scale);
        if (raster == null || raster.getWidth() != pw || raster.getHeight() != ph) {
            raster = new BufferedImage(pw, ph, BufferedImage.TYPE_INT_ARGB_PRE);
            data = ((DataBufferInt) raster.getRaster().getDataBuffer()).getData();
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
            if (figure instanceof ScreenFigure sf) {
                sf.drawOnScreen(g, new Rectangle2D.Double(0, 0, w, h), data, pw, ph);
            } else {
                figure.draw(g, new Rectangle2D.Double(0, 0, w, h));
            }
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

    /** CPU time of the painting thread spent painting, in nanoseconds (unlike wall time, not inflated by other load). */
    public long paintCpuNanos() {
        return paintCpuNanos;
    }

    /** Total time spent painting, in nanoseconds. */
    public long paintNanos() {
        return paintNanos;
    }
}
