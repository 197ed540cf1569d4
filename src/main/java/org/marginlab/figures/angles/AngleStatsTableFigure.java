package org.marginlab.figures.angles;

import java.awt.Dimension;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.marginlab.figures.AngleAxes;
import org.marginlab.figures.AngleUnit;
import org.marginlab.figures.FigureStyle;
import org.marginlab.figures.Fmt;
import org.marginlab.figures.RunData;
import org.marginlab.figures.RunFigure;
import org.marginlab.run.EpochSnapshot;

/**
 * Angular-loss paper Tables 2–3: the final test accuracy and angle statistics of each run as a table
 * (one row per run, values of its last epoch).
 */
public final class AngleStatsTableFigure implements AngleAxes, RunFigure {
    /** Stable id: the export file name stem and the {@code --only} name; {@code FigureKind} lists it. */
    public static final String ID = "angle-stats-table";


    private List<RunData> runs = List.of();
    private AngleUnit unit = AngleUnit.RADIANS; // as the window's default and the papers'

    @Override
    public void setRun(RunData r) {
        setRuns(r == null ? List.of() : List.of(r));
    }

    /** Runs side by side, one row each (legend = {@link RunData#label()}). */
    public void setRuns(List<RunData> rs) {
        runs = List.copyOf(rs);
    }

    @Override
    public void setAngleUnit(AngleUnit u) {
        unit = u;
    }

    @Override
    public boolean hasData() {
        return runs.stream().anyMatch(r -> !r.epochs().isEmpty());
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Final angle statistics per run";
    }

    @Override
    public Dimension preferredSize() {
        return new Dimension(900, Math.max(220, 130 + 30 * runs.size()));
    }

    @Override
    public Map<String, String> viewState() {
        return Map.of("angle_unit", unit.name());
    }

    /** Header and one row per run with epochs: the table's cells as displayed. */
    public List<String[]> table() {
        String u = unit == AngleUnit.DEGREES ? "°" : " rad";
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"run", "epochs", "iterations", "test accuracy (%)", "WC-Intra (" + u.trim() + ")",
            "W-Inter (" + u.trim() + ")", "C-Inter (" + u.trim() + ")"});
        int dec = unit == AngleUnit.DEGREES ? 2 : 4;
        for (RunData r : runs) {
            EpochSnapshot e = r.lastEpoch();
            if (e == null) {
                continue;
            }
            rows.add(new String[] {r.labelAtEnd(), r.epochCount(e), Long.toString(e.iteration()),
                Fmt.fixed(100 * e.testAccuracy(), 2), Fmt.fixed(unit.of(e.wcIntra()), dec),
                Fmt.fixed(unit.of(e.wInter()), dec), Fmt.fixed(unit.of(e.cInter()), dec)});
        }
        return rows;
    }

    @Override
    public void draw(Graphics2D g, Rectangle2D area) {
        if (!hasData()) {
            FigureStyle.noData(g, area, title(), "no finished epoch yet");
            return;
        }
        Rectangle2D body = FigureStyle.header(g, area, title(),
                "each run's end (last epoch, or where it stopped), test set; head values then in force (angular-loss paper Tables 2–3)");
        List<String[]> t = table();
        double x0 = body.getX() + 24;
        double width = body.getWidth() - 48;
        // Columns as wide as their widest cell; type shrinks (to 60 % at most) when the panel is narrower.
        java.awt.Font header = FigureStyle.labelFont().deriveFont(java.awt.Font.BOLD);
        java.awt.Font cells = FigureStyle.labelFont();
        double[] widths = columnWidths(g, t, header, cells);
        double need = java.util.Arrays.stream(widths).sum();
        if (need > width) {
            float shrink = (float) Math.max(0.6, width / need);
            header = header.deriveFont(header.getSize2D() * shrink);
            cells = cells.deriveFont(cells.getSize2D() * shrink);
            widths = columnWidths(g, t, header, cells);
            need = java.util.Arrays.stream(widths).sum();
        }
        double spare = Math.max(0, width - need) / widths.length;
        double rowH = g.getFontMetrics(cells).getHeight() + 12;
        double y = body.getY() + 8;
        for (int r = 0; r < t.size(); r++) {
            String[] row = t.get(r);
            g.setFont(r == 0 ? header : cells);
            if (r > 0) {
                g.setColor(FigureStyle.seriesColor(r - 1));
                g.fill(new Rectangle2D.Double(x0, y + 7, 5, rowH - 14));
            }
            double x = x0;
            for (int c = 0; c < row.length; c++) {
                double w = widths[c] + spare;
                g.setColor(FigureStyle.ink());
                if (c == 0) {
                    g.drawString(row[c], (float) (x + 12), (float) (y + rowH - 9));
                } else {
                    FigureStyle.drawRight(g, row[c], x + w - 6, y + rowH - 9);
                }
                x += w;
            }
            y += rowH;
            g.setColor(r == 0 ? FigureStyle.ink() : FigureStyle.grid());
            g.draw(new Line2D.Double(x0, y, x0 + width, y));
        }
    }

    @Override
    public List<String[]> csv() {
        return table();
    }

    private static double[] columnWidths(Graphics2D g, List<String[]> t, java.awt.Font header, java.awt.Font cells) {
        double[] w = new double[t.get(0).length];
        for (int r = 0; r < t.size(); r++) {
            var fm = g.getFontMetrics(r == 0 ? header : cells);
            for (int c = 0; c < w.length; c++) {
                w[c] = Math.max(w[c], fm.getStringBounds(t.get(r)[c], g).getWidth() + (c == 0 ? 12 : 0) + 14);
            }
        }
        return w;
    }
}
