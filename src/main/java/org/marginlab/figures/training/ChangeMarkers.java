package org.marginlab.figures.training;

import java.awt.BasicStroke;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.marginlab.CsvNumbers;
import org.marginlab.figures.FigureStyle;
import org.marginlab.figures.Fmt;
import org.marginlab.run.LiveChange;

/**
 * Settings changed while a run trained, as dashed vertical lines across every panel of an iteration
 * chart, labelled in the top panel ("m 0.2→0.5"); changes at the same iteration share one line.
 */
final class ChangeMarkers {

    private ChangeMarkers() {
    }

    static void mark(CombinedDomainXYPlot plot, List<LiveChange> changes) {
        List<XYPlot> panels = plot.getSubplots();
        for (int i = 0; i < changes.size(); i++) {
            LiveChange c = changes.get(i);
            StringBuilder label = new StringBuilder(text(c));
            while (i + 1 < changes.size() && changes.get(i + 1).iteration() == c.iteration()) {
                label.append(", ").append(text(changes.get(++i)));
            }
            for (int p = 0; p < panels.size(); p++) {
                ValueMarker m = new ValueMarker(c.iteration(), FigureStyle.muted(), new BasicStroke(1.2f,
                        BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {5, 4}, 0));
                if (p == 0) {
                    m.setLabel(label.toString());
                    m.setLabelFont(FigureStyle.tickFont());
                    m.setLabelPaint(FigureStyle.ink());
                    m.setLabelBackgroundColor(FigureStyle.background());
                    m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
                    m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
                }
                panels.get(p).addDomainMarker(m);
            }
        }
    }

    /** "m 0.2→0.5" */
    static String text(LiveChange c) {
        return c.field().label() + " " + Fmt.num(c.from()) + "→" + Fmt.num(c.to());
    }

    /** CSV rows of the markers: the run, series {@code change:<field>}, the iteration, the new value. */
    static List<String[]> csv(String run, List<LiveChange> changes) {
        List<String[]> rows = new ArrayList<>();
        for (LiveChange c : changes) {
            rows.add(new String[] {run, "change:" + c.field().id(), CsvNumbers.of(c.iteration()), CsvNumbers.of(c.to())});
        }
        return rows;
    }
}
