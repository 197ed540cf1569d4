package org.marginlab.figures;

import java.awt.Dimension;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import java.util.Map;

/**
 * One plot of MarginLab, drawn from plain data into any {@link Graphics2D}: the window wraps it in a
 * Canvas through {@code org.jfree.fx.FXGraphics2D}, the exporter draws it into a {@code BufferedImage}
 * (PNG) or Batik's {@code SVGGraphics2D} (SVG), both headless.
 *
 * <h2>API for the window</h2>
 * <pre>{@code
 * EmbeddingSphereFigure f = new EmbeddingSphereFigure();
 * f.setRun(RunData.of(label, config, iterations, epochs));   // a new RunData whenever snapshots arrive
 * f.draw(fxGraphics2D, new Rectangle2D.Double(0, 0, canvas.getWidth(), canvas.getHeight()));
 * f.csv();                                                    // rows of exactly what is plotted, row 0 = header
 * }</pre>
 * Every figure has a no-argument constructor. Figures are not thread-safe: set data and view options and
 * draw on one thread (the FX thread); {@code draw} never mutates data. A run figure without data draws a
 * short note ({@link #hasData()} says which). Figures that extend {@link ChartFigure} also offer
 * {@code chart()}, a styled {@code JFreeChart} the window may show in a {@code ChartViewer} (zoom, pan).
 * View options are plain setters, read at the next {@code draw}:
 * <ul>
 * <li>{@code embedding.EmbeddingCircleFigure}: {@code setNormalised(boolean)} (unit circle / raw plane),
 *     {@code setSnapshotIndex(int)} (−1 = latest); the decision boundaries and margin regions are the run's
 *     head at the snapshot's own parameters ({@link RunData#paramsAt}); {@code lastFrame()} maps data to pixels</li>
 * <li>{@code embedding.EmbeddingSphereFigure}: {@code setYaw(deg)}, {@code setPitch(deg)},
 *     {@code rotateBy(dxPixels, dyPixels)} for drag-to-rotate, {@code setSnapshotIndex(int)};
 *     {@code viewState()} carries the camera angles into exports</li>
 * <li>{@code angles.AngleHistogramFigure}: {@code setSelectedClass(int)} (−1 = all classes),
 *     {@code setAngleUnit(AngleUnit)}</li>
 * <li>{@code angles.AngleStatsFigure} and {@code angles.AngleStatsTableFigure}: {@code setRuns(List<RunData>)}
 *     overlays several runs (legend = {@link RunData#label()}), {@code setAngleUnit(AngleUnit)}</li>
 * <li>{@code theory.DzDthetaFigure}, {@code theory.PsiCurvesFigure}, {@code theory.TargetProbabilityFigure},
 *     {@code theory.STradeoffFigure} (no run): {@code setHead(HeadKind, HeadParams)}, {@code setClassCount(int)},
 *     {@code setAngleUnit(AngleUnit)}; dz-dtheta also {@code setUnitScale(boolean)} (s = 1 as in the paper,
 *     or each head's s)</li>
 * <li>{@code embedding.EmbeddingCircleFigure}, {@code embedding.EmbeddingSphereFigure}: {@code setCompact(boolean)}
 *     (a comparison cell: one title line, no legend), {@code pointAt(x, y, reach)} (hover)</li>
 * <li>{@code training.GradientCheckFigure}: {@code setSnapshotIndex(int)}, {@code setAngleUnit(AngleUnit)};
 *     its curve and rings use the snapshot's own parameters (the live λ, warmed-up s and m)</li>
 * <li>{@code training.SimilarityMatrixFigure}, {@code training.ConfusionMatrixFigure}: {@code setEpochIndex(int)}
 *     (−1 = latest)</li>
 * <li>{@code training.TrainingCurvesFigure}: {@code setRuns(List<RunData>)} overlays several runs, one colour per
 *     run ({@link RunData#labelledApart} tells equal labels apart)</li>
 * </ul>
 * Class colours and names: {@link FigureStyle#classColor(int)}, {@link FigureStyle#className(int)}. Colours
 * and type sizes come from the thread's {@link FigureStyle#look()}: paper white outside
 * {@link FigureStyle#drawWith}, the window's theme and presentation mode inside it.
 * Every figure, its id (export file name) and where it is shown: {@link FigureKind}.
 *
 * <h2>Building and exporting</h2>
 * <pre>{@code
 * FigureSet set = FigureSet.forRun(iterations, epochs, config);   // figures this run has data for + theory
 * FigureSet th  = FigureSet.theory(HeadKind.COSFACE, params);      // FigureKind.of(Source.THEORY)
 * set.get("embedding-circle");                                     // Optional<Figure>
 * set.only(List.of("s-tradeoff")).exportAll(dir, ExportFormat.PNG, 2);   // atomic writes, dir/<id>.png
 * ExportPlan plan = set.plan(dir, ExportFormat.SVG, 1);              // names every file before writing:
 * plan.existing(); plan.refuseOverwrite(force); plan.write();      //   ask or refuse, then write
 * FigureExporter.write(figure, dir, ExportFormat.SVG, 1);          // one figure → dir/<id>.svg
 * new SizedFigure(figure, new Dimension(1200, 800));               // the same figure at another export size
 * BufferedImage img = FigureExporter.image(figure, 3);             // in memory, e.g. for the clipboard
 * }</pre>
 * PNGs are {@code preferredSize() × scale} pixels with pHYs = 96 × scale dpi; unwritable folders are a
 * one-line {@link org.marginlab.UserException}.
 */
public interface Figure {

    /** Stable id, also the export file name stem, e.g. {@code embedding-circle}. */
    String id();

    /** Human title, as drawn at the top of the figure. */
    String title();

    /** Paints the whole figure (background, title, axes, legend) into {@code area}, in user-space units. */
    void draw(Graphics2D g, Rectangle2D area);

    /** Exactly the data plotted, as CSV rows; row 0 is the header. */
    List<String[]> csv();

    /** Size in logical pixels at scale 1 that exports use; the window may draw at any size. */
    default Dimension preferredSize() {
        return new Dimension(900, 620);
    }

    /** View settings worth saving with an export (e.g. the sphere's camera angles); empty when none. */
    default Map<String, String> viewState() {
        return Map.of();
    }

    /** Whether there is anything to draw (a run figure without snapshots draws a "no data" note). */
    default boolean hasData() {
        return true;
    }
}
