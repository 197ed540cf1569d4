package org.marginlab.figures;

import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.marginlab.figures.export.FigureExporter;
import org.marginlab.figures.theory.DzDthetaFigure;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** A PNG export split into its two halves: drawing the figure into an image, and encoding that image (with pHYs). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PngEncodeBenchmark {

    @Param({"1", "3"})
    int scale;

    private final Figure figure = new DzDthetaFigure();
    private BufferedImage drawn;

    @Setup
    public void setUp() {
        drawn = FigureExporter.image(figure, scale);
    }

    @Benchmark
    public BufferedImage draw() {
        return FigureExporter.image(figure, scale);
    }

    @Benchmark
    public byte[] encode() {
        return FigureExporter.pngBytes(drawn, 96 * scale, "dz-dtheta", Map.of());
    }
}
