package org.marginlab.figures.training;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.marginlab.CsvNumbers;
import org.marginlab.figures.ColorMap;
import org.marginlab.figures.FigureStyle;
import org.marginlab.figures.Evaluation;
import org.marginlab.figures.RunData;

/**
 * Angular-loss paper Fig. 8 / Eq. 15: cosine similarities x_iᵀx_j of L2-normalised probe features, rows
 * and columns ordered by class, on a diverging map over [−1, 1] (blue −1, white 0, red +1), with lines
 * between classes, class names along both axes and a colour bar.
 */
public final class SimilarityMatrixFigure extends EpochMatrixFigure {
    /** Stable id: the export file name stem and the {@code --only} name; {@code FigureKind} lists it. */
    public static final String ID = "similarity-matrix";


    @Override
    boolean holdsMatrix(Evaluation e) {
        return e.similarity() != null && e.similarity().length > 0;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Cosine similarity of probe features";
    }

    @Override
    public void draw(Graphics2D g, Rectangle2D area) {
        Evaluation e = epoch();
        if (e == null) {
            FigureStyle.noData(g, area, title(), noDataNote());
            lastMatrix = null;
            lastBar = null;
            return;
        }
        float[][] s = e.similarity();
        int m = s.length;
        Rectangle2D body = FigureStyle.header(g, area, title(), source(e) + ": " + m
                + " features ordered by class; CM_ij = x_iᵀx_j of L2-normalised features (Eq. 15)");
        double left = 110;
        double bottom = 100;
        double side = Math.max(40, Math.min(body.getWidth() - left - 130, body.getHeight() - bottom - 10));
        Rectangle2D mat = new Rectangle2D.Double(body.getX() + left, body.getY() + 6, side, side);
        lastMatrix = mat;
        double cell = side / m;
        ColorMap map = ColorMap.DIVERGING;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                g.setColor(map.color(s[i][j]));
                // slight overlap hides hairline seams between cells when anti-aliased
                g.fill(new Rectangle2D.Double(mat.getX() + j * cell, mat.getY() + i * cell, cell + 0.5, cell + 0.5));
            }
        }
        drawClassAxes(g, mat, java.util.Arrays.stream(e.similarityLabels()).map(this::datasetClass).toArray(), cell, "feature (ordered by class)", "feature (ordered by class)", run);
        lastBar = new Rectangle2D.Double(mat.getMaxX() + 22, mat.getY(), 18, side);
        ColorBar.draw(g, lastBar, map, new double[] {-1, -0.5, 0, 0.5, 1}, "cosine similarity (unitless)");
    }

    /**
     * Separators between classes and class names centred on each class block, on both axes; beyond
     * {@link FigureStyle#LABELLED_CLASSES} blocks, only the colour strips, no separators, and every k-th class id
     * (about ten), so a hundred classes stay readable (names in the CSV).
     */
    static void drawClassAxes(Graphics2D g, Rectangle2D mat, int[] labels, double cell, String xLabel, String yLabel,
                              RunData run) {
        int m = labels.length;
        int blocks = 0;
        for (int i = 0; i < m; i++) {
            blocks += i == 0 || labels[i] != labels[i - 1] ? 1 : 0;
        }
        boolean named = blocks <= FigureStyle.LABELLED_CLASSES;
        int every = named ? 1 : (int) Math.ceil(blocks / 10.0);
        g.setColor(FigureStyle.ink());
        g.setStroke(new BasicStroke(1.2f));
        g.draw(mat);
        g.setFont(FigureStyle.tickFont());
        int start = 0;
        int block = 0;
        for (int i = 1; i <= m; i++) {
            if (i == m || labels[i] != labels[i - 1]) {
                if (i < m && named) {
                    g.setColor(FigureStyle.ink());
                    g.draw(new Line2D.Double(mat.getX() + i * cell, mat.getY(), mat.getX() + i * cell, mat.getMaxY()));
                    g.draw(new Line2D.Double(mat.getX(), mat.getY() + i * cell, mat.getMaxX(), mat.getY() + i * cell));
                }
                double mid = (start + i) / 2.0 * cell;
                int y = labels[start];
                g.setColor(run == null ? FigureStyle.classColor(y) : run.classColor(y));
                g.fill(new Rectangle2D.Double(mat.getX() - 8, mat.getY() + start * cell, 5, (i - start) * cell + 0.4));
                g.fill(new Rectangle2D.Double(mat.getX() + start * cell, mat.getMaxY() + 3, (i - start) * cell + 0.4, 5));
                g.setColor(FigureStyle.ink());
                if (named) {
                    String name = run == null ? FigureStyle.className(y) : run.className(y);
                    FigureStyle.drawRight(g, name, mat.getX() - 12, mat.getY() + mid + 4);
                    var saved = g.getTransform();
                    g.translate(mat.getX() + mid + 4, mat.getMaxY() + 12);
                    g.rotate(-Math.PI / 4);
                    FigureStyle.drawRight(g, name, 0, 0);
                    g.setTransform(saved);
                } else if (block % every == 0) {
                    FigureStyle.drawRight(g, Integer.toString(y), mat.getX() - 12, mat.getY() + mid + 4);
                    FigureStyle.drawCentred(g, Integer.toString(y), mat.getX() + mid, mat.getMaxY() + 22);
                }
                start = i;
                block++;
            }
        }
        if (!named) {
            g.setColor(FigureStyle.muted());
            FigureStyle.drawCentred(g, blocks + " classes by id; their names are in the CSV", mat.getCenterX(), mat.getMaxY() + 40);
        }
        g.setFont(FigureStyle.labelFont());
        FigureStyle.drawCentred(g, xLabel, mat.getCenterX(), mat.getMaxY() + 92);
        FigureStyle.drawVertical(g, yLabel, mat.getX() - 100, mat.getCenterY());
    }

    @Override
    public List<String[]> csv() {
        List<String[]> rows = new ArrayList<>();
        Evaluation e = epoch();
        rows.add(new String[] {"row", "row_class", "col", "col_class", "cosine"});
        if (e == null) {
            return rows;
        }
        for (int i = 0; i < e.similarity().length; i++) {
            for (int j = 0; j < e.similarity().length; j++) {
                rows.add(new String[] {Integer.toString(i), Integer.toString(e.similarityLabels()[i]), Integer.toString(j),
                    Integer.toString(e.similarityLabels()[j]), CsvNumbers.of(e.similarity()[i][j])});
            }
        }
        return rows;
    }
}
