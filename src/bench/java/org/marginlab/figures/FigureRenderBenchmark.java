package org.marginlab.figures;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.marginlab.figures.catalog.FigureSet;
import org.marginlab.figures.export.ExportFormat;
import org.marginlab.figures.export.FigureExporter;
import org.marginlab.loss.HeadKind;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Every figure of a synthetic run (10 epochs of 5 snapshots, 1000 probes): drawn into images at 1×, and
 * exported as {@code marginlab figures} does (PNG at 1× and 2×, SVG, CSV; encoded in parallel).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class FigureRenderBenchmark {

    @Param({"2", "3"})
    int dim;

    @Param({"PNG", "SVG", "CSV"})
    ExportFormat format;

    private RunData run;
    private Path out;

    @Setup
    public void setUp() throws Exception {
        run = SyntheticRun.build(HeadKind.ARCFACE, dim, 10, 5, 1000, 7);
        out = Files.createTempDirectory("figure-bench");
    }

    /** Drawing alone: each figure into a 1× image (what the window's canvases cost, less the FX hand-over). */
    @Benchmark
    public void drawEveryFigure(Blackhole bh) {
        for (Figure f : FigureSet.forRun(run).figures()) {
            BufferedImage img = FigureExporter.image(f, 1);
            bh.consume(img.getRGB(img.getWidth() / 2, img.getHeight() / 2));
        }
    }

    /** The export of {@code marginlab figures}: every figure in {@link #format} (PNG at 1×). */
    @Benchmark
    public List<Path> exportEveryFigure() {
        return FigureSet.forRun(run).exportAll(out, format, 1);
    }
}
