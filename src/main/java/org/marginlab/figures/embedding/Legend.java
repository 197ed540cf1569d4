package org.marginlab.figures.embedding;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import org.marginlab.figures.FigureStyle;
import org.marginlab.figures.RunData;

/**
 * The class legend both embedding figures draw at their right: colour dot and class name per class, or, beyond
 * {@link FigureStyle#LABELLED_CLASSES} classes, one strip of the class colours in id order (names on hover and in the CSV).
 */
final class Legend {
    private Legend() {
    }

    private static final double STRIP_W = 130;

    private static boolean strip(int classCount, RunData run) {
        return classCount > FigureStyle.LABELLED_CLASSES || (run != null && !run.labelsEachClass());
    }

    private static int datasetClass(RunData run, int j) {
        return run == null ? j : run.datasetClass(j);
    }

    /** Room the legend takes at the right: its widest entry (at the current look's type size) and the swatch. */
    static double width(Graphics2D g, int classCount, RunData run, String... entries) {
        var fm = g.getFontMetrics(FigureStyle.legendFont());
        double w = 0;
        if (strip(classCount, run)) {
            w = Math.max(STRIP_W - 16, fm.getStringBounds(stripCaption(classCount, run), g).getWidth());
        } else {
            for (int j = 0; j < classCount; j++) {
                w = Math.max(w, fm.getStringBounds(entry(run, datasetClass(run, j)), g).getWidth());
            }
        }
        for (String e : entries) {
            w = Math.max(w, fm.getStringBounds(e, g).getWidth());
        }
        return w + 16 + 10;
    }

    private static String stripCaption(int classCount, RunData run) {
        return classCount + " classes, names on hover";
    }

    /** Draws the entries of head classes 0..classCount−1 top-down from {@code y}; returns the y after the last one. */
    static double classes(Graphics2D g, double x, double y, int classCount, RunData run) {
        g.setFont(FigureStyle.legendFont());
        var fm = g.getFontMetrics();
        double row = fm.getHeight() + 3;
        if (strip(classCount, run)) {
            double slice = STRIP_W / classCount;
            for (int j = 0; j < classCount; j++) {
                int c = datasetClass(run, j);
                g.setColor(run == null ? FigureStyle.classColor(c, classCount) : run.classColor(c));
                g.fill(new Rectangle2D.Double(x + j * slice, y + 2, slice + 0.4, 10));
            }
            g.setFont(FigureStyle.tickFont());
            var tf = g.getFontMetrics();
            g.setColor(FigureStyle.ink());
            g.drawString(Integer.toString(datasetClass(run, 0)), (float) x, (float) (y + 14 + tf.getAscent()));
            String last = Integer.toString(datasetClass(run, classCount - 1));
            g.drawString(last, (float) (x + STRIP_W - tf.stringWidth(last)), (float) (y + 14 + tf.getAscent()));
            y += 16 + tf.getHeight();
            g.setFont(FigureStyle.legendFont());
            g.drawString(stripCaption(classCount, run), (float) x, (float) (y + (fm.getAscent() - fm.getDescent()) / 2.0 + row / 2));
            return y + row;
        }
        for (int j = 0; j < classCount; j++) {
            int c = datasetClass(run, j);
            g.setColor(run == null ? FigureStyle.classColor(c) : run.classColor(c));
            double d = FigureStyle.point(10);
            g.fill(new Ellipse2D.Double(x + 5 - d / 2, y + row / 2 - d / 2, d, d));
            g.setColor(FigureStyle.ink());
            g.drawString(entry(run, c), (float) (x + 16),
                    (float) (y + row / 2 + (fm.getAscent() - fm.getDescent()) / 2.0));
            y += row;
        }
        return y;
    }

    private static String entry(RunData run, int datasetClass) {
        return datasetClass + " " + (run == null ? FigureStyle.className(datasetClass) : run.className(datasetClass));
    }

    static double lineEntry(Graphics2D g, double x, double y, Color c, java.awt.Stroke stroke, String text) {
        var fm = g.getFontMetrics(FigureStyle.legendFont());
        double row = fm.getHeight() + 3;
        g.setColor(c);
        g.setStroke(stroke);
        g.draw(new Line2D.Double(x - 2, y + row / 2, x + 12, y + row / 2));
        g.setFont(FigureStyle.legendFont());
        g.setColor(FigureStyle.ink());
        g.drawString(text, (float) (x + 16), (float) (y + row / 2 + (fm.getAscent() - fm.getDescent()) / 2.0));
        return y + row;
    }

    static double boxEntry(Graphics2D g, double x, double y, Color c, String text) {
        var fm = g.getFontMetrics(FigureStyle.legendFont());
        double row = fm.getHeight() + 3;
        g.setColor(c);
        g.fill(new Rectangle2D.Double(x - 1, y + row / 2 - 5, 12, 10));
        g.setFont(FigureStyle.legendFont());
        g.setColor(FigureStyle.ink());
        g.drawString(text, (float) (x + 16), (float) (y + row / 2 + (fm.getAscent() - fm.getDescent()) / 2.0));
        return y + row;
    }

    static double crossEntry(Graphics2D g, double x, double y, String text) {
        var fm = g.getFontMetrics(FigureStyle.legendFont());
        double row = fm.getHeight() + 3;
        Marker.cross(g, x + 5, y + row / 2, 5, FigureStyle.ink());
        g.setFont(FigureStyle.legendFont());
        g.setColor(FigureStyle.ink());
        g.drawString(text, (float) (x + 16), (float) (y + row / 2 + (fm.getAscent() - fm.getDescent()) / 2.0));
        return y + row;
    }

    /** A hollow ring in ink: the entry for the sub-centers other than each class's dominant one. */
    static double ringEntry(Graphics2D g, double x, double y, String text) {
        var fm = g.getFontMetrics(FigureStyle.legendFont());
        double row = fm.getHeight() + 3;
        g.setColor(FigureStyle.ink());
        g.setStroke(new java.awt.BasicStroke(1.4f));
        double d = FigureStyle.point(8);
        g.draw(new Ellipse2D.Double(x + 5 - d / 2, y + row / 2 - d / 2, d, d));
        g.setFont(FigureStyle.legendFont());
        g.drawString(text, (float) (x + 16), (float) (y + row / 2 + (fm.getAscent() - fm.getDescent()) / 2.0));
        return y + row;
    }
}
