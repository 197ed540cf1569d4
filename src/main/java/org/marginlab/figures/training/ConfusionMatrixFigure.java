package org.marginlab.figures.training;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.marginlab.CsvNumbers;
import org.marginlab.figures.ColorMap;
import org.marginlab.figures.FigureStyle;
import org.marginlab.figures.Fmt;
import org.marginlab.figures.Evaluation;

/**
 * The confusion matrix of the test set at an epoch's end, or of a later snapshot's probe set (the
 * subtitle says which): rows are true classes, columns predicted classes; each
 * cell's colour is the share of its row (recall per class), and it prints the count.
 */
public final class ConfusionMatrixFigure extends EpochMatrixFigure {
    /** Stable id: the export file name stem and the {@code --only} name; {@code FigureKind} lists it. */
    public static final String ID = "confusion-matrix";


    @Override
    boolean holdsMatrix(Evaluation e) {
        return e.confusion() != null && e.confusion().length > 0;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Confusion matrix";
    }

    static double[] rowShares(int[] row) {
        double total = 0;
        for (int v : row) {
            total += v;
        }
        double[] out = new double[row.length];
        for (int j = 0; j < row.length; j++) {
            out[j] = total > 0 ? row[j] / total : 0;
        }
        return out;
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
        int[][] cm = e.confusion();
        int c = cm.length;
        Rectangle2D body = FigureStyle.header(g, area, title(), source(e) + ", accuracy "
                + Fmt.fixed(100 * e.accuracy(), 2) + "%; colour = share of the true class's images");
        double left = 110;
        double bottom = 100;
        double side = Math.max(40, Math.min(body.getWidth() - left - 130, body.getHeight() - bottom - 10));
        Rectangle2D mat = new Rectangle2D.Double(body.getX() + left, body.getY() + 6, side, side);
        lastMatrix = mat;
        double cell = side / c;
        ColorMap map = ColorMap.SEQUENTIAL.over(0, 100);
        g.setFont(cell > 40 ? FigureStyle.legendFont() : FigureStyle.tickFont().deriveFont(9f));
        var fm = g.getFontMetrics();
        int[] labels = new int[c];
        for (int i = 0; i < c; i++) {
            labels[i] = datasetClass(i);
            double[] share = rowShares(cm[i]);
            for (int j = 0; j < c; j++) {
                java.awt.Color col = map.color(100 * share[j]);
                g.setColor(col);
                Rectangle2D r = new Rectangle2D.Double(mat.getX() + j * cell, mat.getY() + i * cell, cell + 0.5, cell + 0.5);
                g.fill(r);
                if (cell >= 18) {
                    g.setColor(ColorMap.textOn(col));
                    FigureStyle.drawCentred(g, Integer.toString(cm[i][j]), r.getCenterX(),
                            r.getCenterY() + (fm.getAscent() - fm.getDescent()) / 2.0);
                }
            }
        }
        SimilarityMatrixFigure.drawClassAxes(g, mat, labels, cell, "predicted class", "true class", run);
        lastBar = new Rectangle2D.Double(mat.getMaxX() + 22, mat.getY(), 18, side);
        ColorBar.draw(g, lastBar, map, new double[] {0, 25, 50, 75, 100}, "share of true class (%)");
    }

    @Override
    public List<String[]> csv() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"true_class", "true_name", "predicted_class", "predicted_name", "count", "row_share"});
        Evaluation e = epoch();
        if (e == null) {
            return rows;
        }
        for (int i = 0; i < e.confusion().length; i++) {
            double[] share = rowShares(e.confusion()[i]);
            for (int j = 0; j < e.confusion()[i].length; j++) {
                int yi = datasetClass(i);
                int yj = datasetClass(j);
                rows.add(new String[] {Integer.toString(yi), className(yi), Integer.toString(yj),
                    className(yj), Integer.toString(e.confusion()[i][j]), CsvNumbers.of(share[j])});
            }
        }
        return rows;
    }
}
