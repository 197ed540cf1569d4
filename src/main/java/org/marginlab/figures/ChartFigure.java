package org.marginlab.figures;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;

/**
 * A figure JFreeChart can draw: subclasses build a {@link JFreeChart} from their data and view options;
 * the chart is rebuilt lazily after {@link #invalidate()}. The window may show {@link #chart()} in a
 * {@code ChartViewer} (zoom, pan) or call {@link #draw} on a canvas like any other figure.
 */
public abstract class ChartFigure implements Figure {

    private JFreeChart chart;
    private FigureStyle.Look styledWith;
    private ChartRenderingInfo lastInfo;

    /** Builds the chart from the current data and options. */
    protected abstract JFreeChart buildChart();

    /** Marks the chart stale; call after a setter changes what is plotted. */
    protected final void invalidate() {
        chart = null;
    }

    /** The chart for the current data and options, styled like every MarginLab figure in the current look. */
    public final JFreeChart chart() {
        if (chart == null) {
            chart = buildChart();
            styledWith = null;
        }
        if (styledWith != FigureStyle.look()) {
            style(chart);
            styledWith = FigureStyle.look();
        }
        return chart;
    }

    @Override
    public void draw(Graphics2D g, Rectangle2D area) {
        FigureStyle.prepare(g);
        lastInfo = new ChartRenderingInfo();
        chart().draw(g, area, lastInfo);
    }

    /** Where the last {@link #draw} put the plot, for mapping data to pixels (tests, hit testing). */
    public ChartRenderingInfo lastRenderingInfo() {
        return lastInfo;
    }

    /** Data → Java2D x in the last drawn (sub)plot's data area. */
    static double toX(XYPlot plot, Rectangle2D dataArea, double x) {
        return plot.getDomainAxis().valueToJava2D(x, dataArea, plot.getDomainAxisEdge());
    }

    static double toY(XYPlot plot, Rectangle2D dataArea, double y) {
        return plot.getRangeAxis().valueToJava2D(y, dataArea, plot.getRangeAxisEdge());
    }

    /** The MarginLab look ({@link FigureStyle#look()}): background, grid, DejaVu fonts sized for 1× screens and 3× print. */
    public static void style(JFreeChart c) {
        c.setBackgroundPaint(FigureStyle.background());
        c.setAntiAlias(true);
        c.setTextAntiAlias(true);
        c.setPadding(new RectangleInsets(6, 8, 6, 12));
        TextTitle t = c.getTitle();
        if (t != null) {
            t.setFont(FigureStyle.titleFont());
            t.setPaint(FigureStyle.ink());
        }
        for (int i = 0; i < c.getSubtitleCount(); i++) {
            if (c.getSubtitle(i) instanceof TextTitle st) {
                st.setFont(FigureStyle.subtitleFont());
                st.setPaint(FigureStyle.muted());
            } else if (c.getSubtitle(i) instanceof LegendTitle lt) {
                lt.setItemFont(FigureStyle.legendFont());
                lt.setItemPaint(FigureStyle.ink());
                lt.setBackgroundPaint(FigureStyle.background());
                lt.setFrame(org.jfree.chart.block.BlockBorder.NONE);
                lt.setPosition(RectangleEdge.BOTTOM);
            }
        }
        if (c.getPlot() instanceof XYPlot p) {
            stylePlot(p);
            if (p instanceof org.jfree.chart.plot.CombinedDomainXYPlot cp) {
                for (XYPlot sub : cp.getSubplots()) {
                    stylePlot(sub);
                }
            }
        }
    }

    private static void stylePlot(XYPlot p) {
        p.setBackgroundPaint(FigureStyle.background());
        p.setDomainGridlinePaint(FigureStyle.grid());
        p.setRangeGridlinePaint(FigureStyle.grid());
        p.setDomainGridlineStroke(new BasicStroke(0.8f));
        p.setRangeGridlineStroke(new BasicStroke(0.8f));
        p.setOutlinePaint(FigureStyle.muted());
        for (int i = 0; i < p.getDomainAxisCount(); i++) {
            styleAxis(p.getDomainAxis(i));
        }
        for (int i = 0; i < p.getRangeAxisCount(); i++) {
            styleAxis(p.getRangeAxis(i));
        }
    }

    private static void styleAxis(ValueAxis a) {
        if (a == null) {
            return;
        }
        a.setLabelFont(FigureStyle.labelFont());
        a.setTickLabelFont(FigureStyle.tickFont());
        a.setLabelPaint(FigureStyle.ink());
        a.setTickLabelPaint(FigureStyle.ink());
        a.setAxisLinePaint(FigureStyle.muted());
        if (a instanceof NumberAxis n) {
            n.setAutoRangeIncludesZero(false);
        }
    }
}
