package org.marginlab.figures;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.concurrent.TimeUnit;
import org.marginlab.figures.embedding.EmbeddingSphereFigure;
import org.marginlab.loss.HeadKind;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One frame of the sphere with 10 000 points while it is dragged: the exact Java2D drawing (exports) against
 * the window's raster path that writes the points into the pixels ({@code drawOnScreen}). The camera turns 3
 * pixels per frame, as a drag does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SphereScreenBenchmark {

    private static final Rectangle2D AREA = new Rectangle2D.Double(0, 0, 1000, 640);

    private EmbeddingSphereFigure sphere;
    private BufferedImage image;
    private int[] pixels;

    @Setup
    public void setUp() {
        sphere = new EmbeddingSphereFigure();
        sphere.setRun(SyntheticRun.build(HeadKind.ARCFACE, 3, 1, 1, 10000, 7));
        image = new BufferedImage(1000, 640, BufferedImage.TYPE_INT_ARGB_PRE);
        pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    }

    @Benchmark
    public int exactJava2d() {
        Graphics2D g = image.createGraphics();
        sphere.rotateBy(3, 0);
        sphere.draw(g, AREA);
        g.dispose();
        return pixels[320 * 1000 + 500];
    }

    @Benchmark
    public int screenPath() {
        Graphics2D g = image.createGraphics();
        sphere.rotateBy(3, 0);
        sphere.drawOnScreen(g, AREA, pixels, 1000, 640);
        g.dispose();
        return pixels[320 * 1000 + 500];
    }
}
