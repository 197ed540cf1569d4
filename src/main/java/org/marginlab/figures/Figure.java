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
 * Figure f = new EmbeddingSphereFigure();          // or FigureSet.forRun(...).get("embedding-sphere")
 * ((RunFigure) f).setRun(RunData.of(label, config, iterations, epochs));   // new lists → new RunData
 * f.draw(fxGraphics2D, new Rectangle2D.Double(0, 0, canvas.getWidth(), canvas.getHeight()));
 * f.csv();                                           // rows of exactly what is plotted, row 0 = header
 * }</pre>
 * Figures are not thread-safe: set data and view options and draw on one thread (the FX thread).
 * {@code draw} never mutates data; view options are plain setters, read at the next {@code draw}:
 * <ul>
 * <li>{@code EmbeddingCircleFigure}: {@code setNormalised(boolean)}, {@code setSnapshotIndex(int)} (−1 = latest),
 *     {@code setHead(HeadKind, HeadParams)} for decision boundaries / margin regions</li>
 * <li>{@code EmbeddingSphereFigure}: {@code setYaw/ setPitch(degrees)}, {@code rotateBy(dxPixels, dyPixels)} for
 *     drag-to-rotate, {@code setSnapshotIndex(int)}</li>
 * <li>{@code AngleHistogramFigure}: {@code setSelectedClass(int)} (−1 = all classes), {@code setAngleUnit(AngleUnit)}</li>
 * <li>{@code AngleStatsFigure} / {@code AngleStatsTableFigure}: {@code setRuns(List<RunData>)} overlays several runs,
 *     {@code setAngleUnit(AngleUnit)}</li>
 * <li>theory figures ({@code DzDthetaFigure}, {@code PsiCurvesFigure}, {@code STradeoffFigure}):
 *     {@code setHead(HeadKind, HeadParams)}, {@code setAngleUnit(AngleUnit)}; s trade-off also {@code setClassCount(int)}</li>
 * <li>{@code SimilarityMatrixFigure} / {@code ConfusionMatrixFigure}: {@code setEpochIndex(int)} (−1 = latest)</li>
 * </ul>
 * Figure ids (file names of exports): see {@link FigureIds}.
 *
 * <h2>Building and exporting</h2>
 * <pre>{@code
 * FigureSet set = FigureSet.forRun(iterations, epochs, config);   // the figures this run has data for
 * FigureSet th  = FigureSet.theory(HeadKind.COSFACE, params);      // dz-dtheta, psi-curves, s-tradeoff
 * set.get("embedding-circle");                                     // Optional<Figure>
 * set.exportAll(dir, ExportFormat.PNG, 2);                         // figures.export; atomic writes
 * FigureExporter.write(figure, dir, ExportFormat.SVG, 1);          // one figure → dir/id.svg
 * BufferedImage img = FigureExporter.image(figure, 3);             // in memory, e.g. for the clipboard
 * }</pre>
 * Class colours and names: {@link FigureStyle#classColor(int)}, {@link FigureStyle#className(int)}.
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
