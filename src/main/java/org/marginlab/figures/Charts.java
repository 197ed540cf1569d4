package org.marginlab.figures;

import java.awt.Color;
import java.awt.Stroke;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.marginlab.CsvNumbers;

/** Small builders for the line charts several figures share, and CSV from their series. */
public final class Charts {
    private Charts() {
    }

    /** A line chart with one renderer; colours and strokes per series, legend at the bottom. */
    public static JFreeChart lines(String title, String subtitle, String xLabel, String yLabel,
                                   XYSeriesCollection data, List<Color> colors, List<Stroke> strokes) {
        NumberAxis x = new NumberAxis(xLabel);
        NumberAxis y = new NumberAxis(yLabel);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            r.setSeriesPaint(i, colors.get(i));
            r.setSeriesStroke(i, strokes.get(i));
        }
        XYPlot plot = new XYPlot(data, x, y, r);
        plot.setSeriesRenderingOrder(org.jfree.chart.plot.SeriesRenderingOrder.FORWARD);
        JFreeChart c = new JFreeChart(title, FigureStyle.titleFont(), plot, data.getSeriesCount() > 1);
        if (subtitle != null) {
            c.addSubtitle(0, new TextTitle(subtitle));
        }
        return c;
    }

    /**
     * CSV of series that share x values: header {@code xName, series keys…}, one row per x index.
     * Series must have the same item count (the analytic figures sample them on one grid).
     */
    public static List<String[]> sharedX(String xName, XYSeriesCollection data) {
        List<String[]> rows = new ArrayList<>();
        int n = data.getSeriesCount();
        String[] head = new String[n + 1];
        head[0] = xName;
        for (int i = 0; i < n; i++) {
            head[i + 1] = String.valueOf(data.getSeriesKey(i));
        }
        rows.add(head);
        int items = n == 0 ? 0 : data.getItemCount(0);
        for (int k = 0; k < items; k++) {
            String[] row = new String[n + 1];
            row[0] = CsvNumbers.of(data.getXValue(0, k));
            for (int i = 0; i < n; i++) {
                Number v = data.getSeries(i).getY(k);
                row[i + 1] = v == null ? "" : CsvNumbers.of(v.doubleValue());
            }
            rows.add(row);
        }
        return rows;
    }

    /** CSV in long form: {@code series, x, y} — for series of different lengths. */
    public static List<String[]> longForm(String seriesName, String xName, String yName, XYSeriesCollection data) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {seriesName, xName, yName});
        for (int i = 0; i < data.getSeriesCount(); i++) {
            XYSeries s = data.getSeries(i);
            for (int k = 0; k < s.getItemCount(); k++) {
                Number v = s.getY(k);
                rows.add(new String[] {String.valueOf(s.getKey()), CsvNumbers.of(s.getX(k).doubleValue()),
                    v == null ? "" : CsvNumbers.of(v.doubleValue())});
            }
        }
        return rows;
    }
}
