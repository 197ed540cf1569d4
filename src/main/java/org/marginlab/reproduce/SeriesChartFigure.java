package org.marginlab.reproduce;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeriesCollection;
import org.marginlab.figures.ChartFigure;
import org.marginlab.figures.Charts;
import org.marginlab.figures.FigureStyle;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.List;

/** A line chart of a few series with markers, in the figures' style (e.g. Fig. 5's WC-Intra per s). */
public final class SeriesChartFigure extends ChartFigure {

    private final String id;
    private final String title;
    private final String subtitle;
    private final String xLabel;
    private final String yLabel;
    private final XYSeriesCollection data;

    public SeriesChartFigure(String id, String title, String subtitle, String xLabel, String yLabel, XYSeriesCollection data) {
        this.id = id;
        this.title = title;
        this.subtitle = subtitle;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.data = data;
    }

    /** The line under the title: what was measured and what moved over the runs. */
    String subtitle() {
        return subtitle;
    }

    @Override
    protected JFreeChart buildChart() {
        List<Color> colors = new ArrayList<>();
        List<Stroke> strokes = new ArrayList<>();
        for (int i = 0; i < data.getSeriesCount(); i++) {
            colors.add(FigureStyle.seriesColor(i));
            strokes.add(new BasicStroke(2f));
        }
        JFreeChart c = Charts.lines(title, subtitle, xLabel, yLabel, data, colors, strokes);
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) ((XYPlot) c.getPlot()).getRenderer();
        r.setDefaultShapesVisible(true);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            r.setSeriesShape(i, new Ellipse2D.Double(-3, -3, 6, 6));
            r.setSeriesShapesVisible(i, true);
        }
        return c;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public List<String[]> csv() {
        return Charts.longForm("series", xLabel, yLabel, data);
    }
}
