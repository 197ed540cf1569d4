package org.marginlab.figures.angles;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.marginlab.CsvNumbers;
import org.marginlab.figures.AngleAxes;
import org.marginlab.figures.AngleUnit;
import org.marginlab.figures.FigureStyle;
import org.marginlab.figures.Fmt;
import org.marginlab.figures.PlotFrame;
import org.marginlab.figures.RunData;
import org.marginlab.figures.RunFigure;
import org.marginlab.figures.Evaluation;

/**
 * Angular-loss paper Fig. 7: the θ_y histogram of one class (or all classes) on the test set at the end
 * of every epoch, one ridge per epoch, epoch 1 at the back (top) and the latest at the front (bottom);
 * older ridges are darker. Before the first epoch ends, and between epoch ends, the front ridge is the
 * probe set of the newest snapshot ({@link RunData#evaluations}), so the margin's main picture moves from
 * the first second. Ridges count different numbers of images, so their heights are each ridge's share of
 * its images per bin, on one scale for all ridges, read on the axis beside the front ridge. The x axis spans only the range the selected data occupies, and the run's fine bins
 * (0.1° when recorded by this version) are merged into at most {@link #DISPLAY_BINS} over that range, so a
 * class within a few thousandths of a radian of its weight still shows its shape.
 */
public final class AngleHistogramFigure implements AngleAxes, RunFigure {
    /** Stable id: the export file name stem and the {@code --only} name; {@code FigureKind} lists it. */
    public static final String ID = "angle-histograms";

    /** Most bars per ridge. */
    static final int DISPLAY_BINS = 40;

    private RunData run;
    /** The run's evaluations, worked out once per run given. */
    private List<Evaluation> evals = List.of();
    private int selectedClass = 0;
    private AngleUnit unit = AngleUnit.RADIANS;
    private PlotFrame lastFrame;
    private double[] lastBaselines = new double[0];

    @Override
    public void setRun(RunData r) {
        run = r;
        evals = r == null ? List.of() : r.evaluations();
    }

    /** A class index, or −1 for all classes together. */
    public void setSelectedClass(int c) {
        selectedClass = c;
    }

    @Override
    public void setAngleUnit(AngleUnit u) {
        unit = u;
    }

    public AngleUnit angleUnit() {
        return unit;
    }

    /** Pixel y of each drawn ridge's baseline in the last draw, oldest epoch first. */
    public double[] lastBaselines() {
        return lastBaselines.clone();
    }

    public PlotFrame lastFrame() {
        return lastFrame;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Target angle θ_y: " + (selectedClass < 0 ? "all classes"
                : "class " + datasetClass() + " (" + (run == null ? FigureStyle.className(datasetClass()) : run.className(datasetClass())) + ")");
    }

    /** The Fashion-MNIST class of the selected head class, by which the title and colour name it. */
    private int datasetClass() {
        return run == null ? selectedClass : run.datasetClass(selectedClass);
    }

    @Override
    public boolean hasData() {
        return !evals.isEmpty();
    }

    @Override
    public Map<String, String> viewState() {
        return Map.of("class", Integer.toString(selectedClass), "angle_unit", unit.name());
    }

    /** Counts per bin of the selected class (or the sum over classes) for one evaluation. */
    int[] counts(Evaluation e) {
        int bins = e.histogramEdges().length - 1;
        int[] out = new int[bins];
        for (int c = 0; c < e.thetaHistograms().length; c++) {
            if (selectedClass < 0 || c == selectedClass) {
                for (int b = 0; b < bins; b++) {
                    out[b] += e.thetaHistograms()[c][b];
                }
            }
        }
        return out;
    }

    /**
     * The selected counts of every epoch over the shared display bins: the fine bins from the first to the
     * last one any epoch fills, merged in groups of equal size. {@code edges} are in radians.
     */
    record Binned(double[] edges, int[][] counts) {
    }

    Binned binned() {
        List<Evaluation> eps = evals;
        double[] fine = eps.get(eps.size() - 1).histogramEdges();
        int bins = fine.length - 1;
        int[][] raw = new int[eps.size()][];
        int first = bins;
        int last = -1;
        for (int e = 0; e < raw.length; e++) {
            raw[e] = counts(eps.get(e));
            for (int b = 0; b < Math.min(bins, raw[e].length); b++) {
                if (raw[e][b] > 0) {
                    first = Math.min(first, b);
                    last = Math.max(last, b);
                }
            }
        }
        if (last < 0) {
            first = 0;
            last = bins - 1;
        }
        int group = (int) Math.ceil((last - first + 1) / (double) DISPLAY_BINS);
        int k = (int) Math.ceil((last - first + 1) / (double) group);
        double[] edges = new double[k + 1];
        for (int i = 0; i <= k; i++) {
            edges[i] = fine[Math.min(bins, first + i * group)];
        }
        int[][] out = new int[raw.length][k];
        for (int e = 0; e < raw.length; e++) {
            for (int b = first; b < Math.min(first + k * group, raw[e].length); b++) {
                out[e][(b - first) / group] += raw[e][b];
            }
        }
        return new Binned(edges, out);
    }

    /** A ridge's name: "epoch 2", "0.26 epoch" where the run stopped inside one, "it. 30" for probes. */
    private String shortName(Evaluation e) {
        return run.shortNameOf(e);
    }

    static double[] fractions(int[] counts) {
        double total = 0;
        for (int v : counts) {
            total += v;
        }
        double[] f = new double[counts.length];
        for (int b = 0; b < counts.length; b++) {
            f[b] = total > 0 ? counts[b] / total : 0;
        }
        return f;
    }

    @Override
    public void draw(Graphics2D g, Rectangle2D area) {
        if (!hasData()) {
            FigureStyle.noData(g, area, title(), "no snapshot yet");
            lastFrame = null;
            lastBaselines = new double[0];
            return;
        }
        List<Evaluation> eps = evals;
        int n = eps.size();
        Binned bd = binned();
        double[] ed = bd.edges();
        double[][] shares = new double[n][];
        double maxShare = 0;
        for (int e = 0; e < n; e++) {
            shares[e] = fractions(bd.counts()[e]);
            for (double v : shares[e]) {
                maxShare = Math.max(maxShare, v);
            }
        }
        int samples = 0;
        for (int v : bd.counts()[n - 1]) {
            samples += v;
        }
        Evaluation front = eps.get(n - 1);
        double width = unit.of(ed[1] - ed[0]);
        String set = (front.testSet() ? "test set, " : "probe set, ") + run.evaluatedAt(front);
        Rectangle2D body = FigureStyle.header(g, area, title(),
                "front (bottom): " + set + ", " + samples + " images" + (n > 1 ? "; back (top): " + shortName(eps.get(0)) : "")
                        + "; bins " + Fmt.num(round3(width)) + (unit == AngleUnit.DEGREES ? "°" : " rad") + " wide");
        double lo = unit.of(ed[0]);
        double hi = unit.of(ed[ed.length - 1]);
        g.setFont(FigureStyle.tickFont());
        double labelWidth = 0;
        for (Evaluation e : eps) {
            labelWidth = Math.max(labelWidth, g.getFontMetrics().getStringBounds(shortName(e), g).getWidth());
        }
        double left = Math.max(90, labelWidth + 20);
        Rectangle2D plot = new Rectangle2D.Double(body.getX() + left, body.getY() + 6, body.getWidth() - left - 70,
                body.getHeight() - 56);
        lastFrame = new PlotFrame(plot, lo, hi, 0, 1);
        drawFrame(g, plot, PlotFrame.niceTicks(lo, hi, 6));
        // the first (back) ridge may rise 3.2 spacings above its baseline and must stay inside the plot
        double spacing = plot.getHeight() / (n - 1 + 3.2);
        double height = spacing * 3.2;
        Color base = selectedClass < 0 ? new Color(0x4477AA) : (run == null ? FigureStyle.classColor(datasetClass()) : run.classColor(datasetClass()));
        lastBaselines = new double[n];
        int labelEvery = Math.max(1, (int) Math.ceil(n / Math.max(1.0, plot.getHeight() / 16)));
        for (int e = 0; e < n; e++) {
            double y0 = plot.getY() + height + spacing * e;
            lastBaselines[e] = y0;
            double[] c = shares[e];
            Path2D.Double path = new Path2D.Double();
            path.moveTo(lastFrame.x(unit.of(ed[0])), y0);
            for (int b = 0; b < c.length; b++) {
                double h = maxShare > 0 ? c[b] / maxShare * height : 0;
                // step outline: the bins are what was counted
                path.lineTo(lastFrame.x(unit.of(ed[b])), y0 - h);
                path.lineTo(lastFrame.x(unit.of(ed[b + 1])), y0 - h);
            }
            path.lineTo(lastFrame.x(unit.of(ed[ed.length - 1])), y0);
            path.closePath();
            double age = n == 1 ? 0 : 1 - e / (double) (n - 1);
            Color fill = FigureStyle.mix(FigureStyle.mix(base, Color.WHITE, 0.25), Color.BLACK, 0.6 * age);
            g.setColor(fill);
            g.fill(path);
            g.setColor(FigureStyle.mix(fill, Color.WHITE, 0.75));
            g.setStroke(new BasicStroke(1.1f));
            g.draw(path);
            g.setColor(FigureStyle.ink());
            g.setStroke(new BasicStroke(1f));
            g.draw(new java.awt.geom.Line2D.Double(plot.getX(), y0, plot.getMaxX(), y0));
            if (e % labelEvery == 0 || e == n - 1) {
                g.setFont(FigureStyle.tickFont());
                FigureStyle.drawRight(g, shortName(eps.get(e)), plot.getX() - 8, y0 + 4);
            }
        }
        drawShareAxis(g, plot.getMaxX() + 10, lastBaselines[n - 1], height, 100 * maxShare);
    }

    /** The scale of every ridge in % of its images per bin, drawn beside the front one (all ridges share it). */
    private static void drawShareAxis(Graphics2D g, double x, double y0, double height, double maxPercent) {
        g.setColor(FigureStyle.ink());
        g.setStroke(new BasicStroke(0.8f));
        g.draw(new java.awt.geom.Line2D.Double(x, y0, x, y0 - height));
        g.setFont(FigureStyle.tickFont());
        double top = maxPercent > 0 ? maxPercent : 1;
        for (double t : PlotFrame.niceTicks(0, top, 4)) {
            if (t > top + 1e-9) {
                continue;
            }
            double y = y0 - t / top * height;
            g.draw(new java.awt.geom.Line2D.Double(x, y, x + 4, y));
            g.drawString(Fmt.num(t), (float) (x + 7), (float) (y + 4));
        }
        java.awt.geom.AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2, x + 52, y0 - height / 2);
        FigureStyle.drawCentred(g, "% of images per bin", x + 52, y0 - height / 2);
        g.setTransform(saved);
    }

    private static double round3(double v) {
        return v == 0 ? 0 : new java.math.BigDecimal(v).round(new java.math.MathContext(3)).doubleValue();
    }

    private void drawFrame(Graphics2D g, Rectangle2D plot, double[] xTicks) {
        g.setStroke(new BasicStroke(0.8f));
        for (double t : xTicks) {
            double x = lastFrame.x(t);
            g.setColor(FigureStyle.grid());
            g.draw(new java.awt.geom.Line2D.Double(x, plot.getY(), x, plot.getMaxY()));
            g.setColor(FigureStyle.ink());
            g.draw(new java.awt.geom.Line2D.Double(x, plot.getMaxY(), x, plot.getMaxY() + 4));
            g.setFont(FigureStyle.tickFont());
            FigureStyle.drawCentred(g, tickLabel(t), x, plot.getMaxY() + 18);
        }
        g.setColor(FigureStyle.muted());
        g.draw(new java.awt.geom.Line2D.Double(plot.getX(), plot.getMaxY(), plot.getMaxX(), plot.getMaxY()));
        g.setFont(FigureStyle.labelFont());
        g.setColor(FigureStyle.ink());
        FigureStyle.drawCentred(g, unit.label("angle θ_y between feature and its class weight W_y"),
                plot.getCenterX(), plot.getMaxY() + 40);
    }

    private String tickLabel(double t) {
        return Fmt.num(t) + (unit == AngleUnit.DEGREES ? "°" : "");
    }

    @Override
    public List<String[]> csv() {
        List<String[]> rows = new ArrayList<>();
        String u = unit == AngleUnit.DEGREES ? "deg" : "rad";
        rows.add(new String[] {"epoch", "class", "bin_lo_" + u, "bin_hi_" + u, "count", "fraction", "set", "iteration"});
        if (!hasData()) {
            return rows;
        }
        Binned bd = binned();
        double[] ed = bd.edges();
        for (int e = 0; e < evals.size(); e++) {
            int[] c = bd.counts()[e];
            double[] f = fractions(c);
            Evaluation ev = evals.get(e);
            for (int b = 0; b < c.length; b++) {
                rows.add(new String[] {Integer.toString(ev.epoch() + 1),
                    selectedClass < 0 ? "all" : Integer.toString(selectedClass),
                    CsvNumbers.of(unit.of(ed[b])), CsvNumbers.of(unit.of(ed[b + 1])), Integer.toString(c[b]), CsvNumbers.of(f[b]),
                    ev.testSet() ? "test" : "probe", Long.toString(ev.iteration())});
            }
        }
        return rows;
    }
}
