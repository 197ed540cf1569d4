package org.marginlab.figures;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * A data rectangle mapped onto a pixel rectangle, with ticks, grid and axis labels, for the figures
 * JFreeChart has no plot type for (circle, sphere, ridges).
 */
public final class PlotFrame {

    private final Rectangle2D px;
    private final double x0;
    private final double x1;
    private final double y0;
    private final double y1;

    public PlotFrame(Rectangle2D px, double x0, double x1, double y0, double y1) {
        this.px = px;
        this.x0 = x0;
        this.x1 = x1;
        this.y0 = y0;
        this.y1 = y1;
    }

    public Rectangle2D pixels() {
        return px;
    }

    double xMin() {
        return x0;
    }

    public double x(double v) {
        return px.getX() + (v - x0) / (x1 - x0) * px.getWidth();
    }

    public double y(double v) {
        return px.getMaxY() - (v - y0) / (y1 - y0) * px.getHeight();
    }

    /** "Nice" tick values (1, 2, 2.5, 5 × 10^k steps) covering [lo, hi]. */
    public static double[] niceTicks(double lo, double hi, int target) {
        double span = hi - lo;
        if (!(span > 0)) {
            return new double[] {lo};
        }
        double raw = span / Math.max(1, target);
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = mag;
        for (double f : new double[] {1, 2, 2.5, 5, 10}) {
            if (f * mag >= raw) {
                step = f * mag;
                break;
            }
        }
        List<Double> t = new ArrayList<>();
        for (double v = Math.ceil(lo / step - 1e-9) * step; v <= hi + 1e-9 * step; v += step) {
            t.add(Math.abs(v) < 1e-12 * step ? 0 : v);
        }
        return t.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Grid lines, frame, tick labels and axis labels; {@code xTicks}/{@code yTicks} null → nice ticks. */
    public void drawAxes(Graphics2D g, double[] xTicks, double[] yTicks, DoubleFunction<String> xFmt,
                         DoubleFunction<String> yFmt, String xLabel, String yLabel) {
        if (xTicks == null) {
            xTicks = niceTicks(x0, x1, Math.max(3, (int) (px.getWidth() / 90)));
        }
        if (yTicks == null) {
            yTicks = niceTicks(y0, y1, Math.max(3, (int) (px.getHeight() / 60)));
        }
        g.setStroke(new BasicStroke(0.8f));
        g.setColor(FigureStyle.grid());
        for (double t : xTicks) {
            g.draw(new Line2D.Double(x(t), px.getY(), x(t), px.getMaxY()));
        }
        for (double t : yTicks) {
            g.draw(new Line2D.Double(px.getX(), y(t), px.getMaxX(), y(t)));
        }
        g.setColor(FigureStyle.muted());
        g.draw(px);
        g.setFont(FigureStyle.tickFont());
        g.setColor(FigureStyle.ink());
        var fm = g.getFontMetrics();
        for (double t : xTicks) {
            g.draw(new Line2D.Double(x(t), px.getMaxY(), x(t), px.getMaxY() + 4));
            FigureStyle.drawCentred(g, xFmt.apply(t), x(t), px.getMaxY() + 6 + fm.getAscent());
        }
        double maxW = 0;
        for (double t : yTicks) {
            g.draw(new Line2D.Double(px.getX() - 4, y(t), px.getX(), y(t)));
            String s = yFmt.apply(t);
            maxW = Math.max(maxW, fm.getStringBounds(s, g).getWidth());
            FigureStyle.drawRight(g, s, px.getX() - 6, y(t) + (fm.getAscent() - fm.getDescent()) / 2.0);
        }
        g.setFont(FigureStyle.labelFont());
        var lm = g.getFontMetrics();
        if (xLabel != null) {
            fitFont(g, xLabel, px.getWidth());
            FigureStyle.drawCentred(g, xLabel, px.getCenterX(), px.getMaxY() + 8 + fm.getHeight() + lm.getAscent());
            g.setFont(FigureStyle.labelFont());
        }
        if (yLabel != null) {
            fitFont(g, yLabel, px.getHeight());
            FigureStyle.drawVertical(g, yLabel, px.getX() - 10 - maxW - lm.getHeight() / 2.0, px.getCenterY());
        }
    }

    /** Sets type small enough (down to 60 %) that an axis label spans no more than its side of the plot. */
    private static void fitFont(Graphics2D g, String text, double room) {
        double w = g.getFontMetrics().getStringBounds(text, g).getWidth();
        if (w > room && room > 0) {
            var f = g.getFont();
            g.setFont(f.deriveFont((float) (f.getSize2D() * Math.max(0.6, room / w))));
        }
    }
}
