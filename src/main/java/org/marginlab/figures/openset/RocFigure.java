package org.marginlab.figures.openset;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.marginlab.figures.ChartFigure;
import org.marginlab.figures.Charts;
import org.marginlab.figures.FigureStyle;
import org.marginlab.metrics.openset.Verification;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Stroke;
import java.util.ArrayList;
import java.util.List;

/**
 * Verification ROC of one or more runs on held-out classes: TAR against FAR on a log axis down to the
 * lowest FAR the impostor pairs can show (1/N), as the face-verification papers plot it. The curve is
 * drawn at the first pass's similarity bins (65 536 over [−1, 1]), thinned to visibly distinct points;
 * the exact TAR@FAR values are in the metrics.
 */
public final class RocFigure extends ChartFigure {

    /** A curve and its legend label. */
    public record Curve(String label, Verification verification) {
    }

    private final String subtitle;
    private final List<Curve> curves;

    public RocFigure(String subtitle, List<Curve> curves) {
        this.subtitle = subtitle;
        this.curves = List.copyOf(curves);
    }

    @Override
    protected JFreeChart buildChart() {
        XYSeriesCollection data = series();
        List<Color> colors = new ArrayList<>();
        List<Stroke> strokes = new ArrayList<>();
        for (int i = 0; i < data.getSeriesCount(); i++) {
            colors.add(FigureStyle.seriesColor(i));
            strokes.add(new BasicStroke(2f));
        }
        JFreeChart c = Charts.lines(title(), subtitle, "FAR", "TAR", data, colors, strokes);
        XYPlot plot = (XYPlot) c.getPlot();
        LogAxis x = new LogAxis("false accept rate (FAR)");
        x.setBase(10);
        x.setSmallestValue(1e-6);
        double lowest = 1e-4; // the lowest FAR reported, or 1/N when the pairs reach further
        for (Curve cv : curves) {
            if (cv.verification().impostorPairs() > 0) {
                lowest = Math.min(lowest, 1.0 / cv.verification().impostorPairs());
            }
        }
        x.setRange(Math.pow(10, Math.floor(Math.log10(lowest))), 1);
        // one tick per decade, written 1e-4 as in the metrics' keys
        java.text.DecimalFormatSymbols sym = java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT);
        sym.setExponentSeparator("e");
        x.setTickUnit(new NumberTickUnit(1.0));
        x.setNumberFormatOverride(new java.text.DecimalFormat("0E0", sym));
        plot.setDomainAxis(x);
        NumberAxis y = (NumberAxis) plot.getRangeAxis();
        y.setLabel("true accept rate (TAR)");
        y.setRange(0, 1.02);
        return c;
    }

    /** Points with FAR &gt; 0, thinned to a step of 0.005 in log10 FAR or 0.002 in TAR. */
    XYSeriesCollection series() {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Curve cv : curves) {
            XYSeries s = new XYSeries(cv.label(), false, true);
            double[] far = cv.verification().rocFar();
            double[] tar = cv.verification().rocTar();
            double lastLog = Double.NaN;
            double lastTar = Double.NaN;
            for (int i = far.length - 1; i >= 0; i--) {
                if (!(far[i] > 0)) {
                    continue;
                }
                double lg = Math.log10(far[i]);
                boolean last = i == 0;
                if (Double.isNaN(lastLog) || last || Math.abs(lg - lastLog) >= 0.005 || Math.abs(tar[i] - lastTar) >= 0.002) {
                    s.add(far[i], tar[i]);
                    lastLog = lg;
                    lastTar = tar[i];
                }
            }
            data.addSeries(s);
        }
        return data;
    }

    @Override
    public boolean hasData() {
        return !curves.isEmpty();
    }

    @Override
    public String id() {
        return "open-set-roc";
    }

    @Override
    public String title() {
        return "Verification ROC on held-out classes";
    }

    @Override
    public List<String[]> csv() {
        return Charts.longForm("run", "far", "tar", series());
    }
}
