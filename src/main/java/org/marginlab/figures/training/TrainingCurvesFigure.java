package org.marginlab.figures.training;

import java.awt.BasicStroke;
import java.awt.Dimension;
import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.marginlab.CsvNumbers;
import org.marginlab.figures.ChartFigure;
import org.marginlab.figures.FigureStyle;
import org.marginlab.figures.RunData;
import org.marginlab.figures.RunFigure;
import org.marginlab.run.EpochSnapshot;
import org.marginlab.run.IterationSnapshot;

/**
 * Loss, training and test accuracy, and learning rate against the iteration, in three stacked panels
 * sharing the iteration axis. Training values are running means between snapshots; test accuracy is
 * measured at the end of each epoch on the full test set. Several runs overlay in colour, one colour per
 * run, with the runs' labels ({@link RunData#label()}) in the legend.
 */
public final class TrainingCurvesFigure extends ChartFigure implements RunFigure {
    /** Stable id: the export file name stem and the {@code --only} name; {@code FigureKind} lists it. */
    public static final String ID = "training-curves";


    private List<RunData> runs = List.of();

    @Override
    public void setRun(RunData r) {
        setRuns(r == null ? List.of() : List.of(r));
    }

    /** Runs to overlay, e.g. the heads of a comparison or the seeds of a sweep. */
    public void setRuns(List<RunData> rs) {
        runs = List.copyOf(rs);
        invalidate();
    }

    @Override
    public boolean hasData() {
        return runs.stream().anyMatch(r -> !r.iterations().isEmpty());
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return runs.size() > 1 ? "Training curves of " + runs.size() + " runs" : "Training curves";
    }

    @Override
    public Dimension preferredSize() {
        return new Dimension(900, 760);
    }

    private boolean overlay() {
        return runs.size() > 1;
    }

    XYSeries loss(RunData run) {
        XYSeries s = new XYSeries(overlay() ? run.label() : "training loss (running mean)", false, true);
        for (IterationSnapshot it : run.iterations()) {
            if (Double.isFinite(it.loss())) { // the iteration-0 snapshot precedes any training loss
                s.add(it.iteration(), it.loss());
            }
        }
        return s;
    }

    XYSeries trainAcc(RunData run) {
        XYSeries s = new XYSeries(overlay() ? run.label() + ", training" : "training accuracy (running)", false, true);
        for (IterationSnapshot it : run.iterations()) {
            if (Double.isFinite(it.trainAccuracy())) {
                s.add(it.iteration(), 100 * it.trainAccuracy());
            }
        }
        return s;
    }

    XYSeries testAcc(RunData run) {
        XYSeries s = new XYSeries(overlay() ? run.label() + ", test" : "test accuracy (end of epoch)", false, true);
        for (EpochSnapshot e : run.epochs()) {
            s.add(e.iteration(), 100 * e.testAccuracy());
        }
        return s;
    }

    XYSeries lr(RunData run) {
        XYSeries s = new XYSeries(overlay() ? run.label() : "learning rate", false, true);
        for (IterationSnapshot it : run.iterations()) {
            s.add(it.iteration(), it.learningRate());
        }
        return s;
    }

    @Override
    protected JFreeChart buildChart() {
        NumberAxis x = new NumberAxis("iteration (optimizer steps)");
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(x);
        plot.setGap(12);
        XYSeriesCollection loss = new XYSeriesCollection();
        XYSeriesCollection acc = new XYSeriesCollection();
        XYSeriesCollection lrs = new XYSeriesCollection();
        for (RunData r : runs) {
            loss.addSeries(loss(r));
            // per run: training accuracy (series 2i, thin), test accuracy (2i + 1, dots)
            acc.addSeries(trainAcc(r));
            acc.addSeries(testAcc(r));
            lrs.addSeries(lr(r));
        }
        XYPlot lossPlot = panel(loss, new NumberAxis("loss (nats)"), 0);
        plot.add(lossPlot, 3);
        XYPlot accPlot = panel(acc, new NumberAxis("accuracy (%)"), 2);
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) accPlot.getRenderer();
        for (int i = 0; i < runs.size(); i++) {
            r.setSeriesPaint(2 * i, overlay() ? FigureStyle.seriesColor(i) : FigureStyle.seriesColor(2));
            r.setSeriesStroke(2 * i, overlay() ? new BasicStroke(1f) : new BasicStroke(1.8f));
            r.setSeriesPaint(2 * i + 1, overlay() ? FigureStyle.seriesColor(i) : FigureStyle.seriesColor(1));
            r.setSeriesShapesVisible(2 * i + 1, true);
            r.setSeriesShape(2 * i + 1, new Ellipse2D.Double(-4, -4, 8, 8));
            r.setSeriesStroke(2 * i + 1, new BasicStroke(2.2f));
        }
        plot.add(accPlot, 3);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < lrs.getSeriesCount(); i++) {
            if (lrs.getSeries(i).getItemCount() > 0) {
                lo = Math.min(lo, lrs.getSeries(i).getMinY());
                hi = Math.max(hi, lrs.getSeries(i).getMaxY());
            }
        }
        if (lo > hi) {
            lo = 1;
            hi = 1;
        }
        ValueAxis lrAxis;
        if (lo > 0 && hi / lo > 10) {
            LogAxis la = new LogAxis("learning rate (log scale)");
            la.setSmallestValue(lo / 2);
            lrAxis = la;
        } else {
            NumberAxis na = new NumberAxis("learning rate");
            na.setNumberFormatOverride(new java.text.DecimalFormat("0.0##E0",
                    java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT)));
            // a constant rate must not zoom into float noise (every tick reading 3.0E-3)
            na.setAutoRangeMinimumSize(Math.max(Math.abs(hi) * 0.5, 1e-12));
            lrAxis = na;
        }
        plot.add(panel(lrs, lrAxis, 5), 2);
        if (overlay()) {
            // one legend of the runs: the colours are the same in every panel
            plot.setFixedLegendItems(lossPlot.getLegendItems());
        } else if (!runs.isEmpty()) {
            ChangeMarkers.mark(plot, runs.getFirst().changes());
        }
        JFreeChart c = new JFreeChart(title(), FigureStyle.titleFont(), plot, true);
        c.addSubtitle(0, new TextTitle(subtitle()));
        return c;
    }

    private String subtitle() {
        if (runs.isEmpty()) {
            return "";
        }
        if (overlay()) {
            return "accuracy: test set at the end of each epoch (dots), running training accuracy (thin line)";
        }
        RunData run = runs.getFirst();
        return run.label() + (run.config() == null ? "" : ", " + run.config().optimizer()
                + ", " + run.config().schedule() + " schedule, batch " + run.config().batchSize()
                + (run.scheduleNote().isEmpty() ? "" : "; " + run.scheduleNote()));
    }

    /** A panel whose series i is drawn in run i's colour, or in colour {@code single} for one run. */
    private XYPlot panel(XYSeriesCollection d, ValueAxis y, int single) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < d.getSeriesCount(); i++) {
            r.setSeriesPaint(i, overlay() ? FigureStyle.seriesColor(i) : FigureStyle.seriesColor(single));
            r.setSeriesStroke(i, new BasicStroke(1.8f));
        }
        if (y instanceof NumberAxis n) {
            n.setAutoRangeIncludesZero(false);
        }
        return new XYPlot(d, null, y, r);
    }

    @Override
    public List<String[]> csv() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"run", "series", "iteration", "value"});
        String[] names = {"loss", "train_accuracy_percent", "test_accuracy_percent", "learning_rate"};
        for (RunData run : runs) {
            XYSeries[] all = {loss(run), trainAcc(run), testAcc(run), lr(run)};
            for (int i = 0; i < all.length; i++) {
                for (int k = 0; k < all[i].getItemCount(); k++) {
                    rows.add(new String[] {run.label(), names[i], CsvNumbers.of(all[i].getX(k).doubleValue()),
                        CsvNumbers.of(all[i].getY(k).doubleValue())});
                }
            }
            rows.addAll(ChangeMarkers.csv(run.label(), run.changes()));
        }
        return rows;
    }
}
