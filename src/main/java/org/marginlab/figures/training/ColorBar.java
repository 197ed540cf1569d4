package org.marginlab.figures.training;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import org.marginlab.figures.ColorMap;
import org.marginlab.figures.FigureStyle;
import org.marginlab.figures.Fmt;
import org.marginlab.figures.PlotFrame;

/** A vertical colour bar: the map's hi end at the top, lo at the bottom, with ticks and a label. */
final class ColorBar {
    private ColorBar() {
    }

    static void draw(Graphics2D g, Rectangle2D bar, ColorMap map, double[] ticks, String label) {
        int steps = (int) Math.max(2, Math.round(bar.getHeight()));
        double h = bar.getHeight() / steps;
        for (int k = 0; k < steps; k++) {
            // cell k spans [top + k h, top + (k+1) h]; its value is taken at the cell centre
            double v = map.hi() - (k + 0.5) / steps * (map.hi() - map.lo());
            g.setColor(map.color(v));
            g.fill(new Rectangle2D.Double(bar.getX(), bar.getY() + k * h, bar.getWidth(), h + 0.6));
        }
        g.setColor(FigureStyle.muted());
        g.setStroke(new BasicStroke(0.8f));
        g.draw(bar);
        g.setFont(FigureStyle.tickFont());
        var fm = g.getFontMetrics();
        double maxW = 0;
        for (double t : ticks) {
            double y = bar.getMaxY() - (t - map.lo()) / (map.hi() - map.lo()) * bar.getHeight();
            g.setColor(FigureStyle.ink());
            g.draw(new Line2D.Double(bar.getMaxX(), y, bar.getMaxX() + 4, y));
            String s = Fmt.num(t);
            maxW = Math.max(maxW, fm.getStringBounds(s, g).getWidth());
            g.drawString(s, (float) (bar.getMaxX() + 7), (float) (y + (fm.getAscent() - fm.getDescent()) / 2.0));
        }
        g.setFont(FigureStyle.labelFont());
        FigureStyle.drawVertical(g, label, bar.getMaxX() + 16 + maxW, bar.getCenterY());
    }

    static double[] ticks(ColorMap map) {
        return PlotFrame.niceTicks(map.lo(), map.hi(), 5);
    }
}
