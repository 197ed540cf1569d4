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
import org.marginlab.figures.ChartFigure;
import org.marginlab.figures.FigureIds;
import org.marginlab.figures.FigureStyle;
import org.marginlab.figures.Fmt;
import org.marginlab.figures.RunData;
import org.marginlab.figures.RunFigure;
import org.marginlab.run.EpochSnapshot;
import org.marginlab.run.IterationSnapshot;

/**
 * Loss, training and test accuracy, and learning rate against the iteration, in three stacked panels
 * sharing the iteration axis. Training values are running means between snapshots; test accuracy is
 * measured at the end of each epoch on the full test set.
 */
public final class TrainingCurvesFigure extends ChartFigure implements RunFigure {

    private RunData run;

    @Override
    public void setRun(RunData r) {
        run = r;
        invalidate();
    }

    @Override
    public boolean hasData() {
        return run != null && !run.iterations().isEmpty();
    }

    @Override
    public String id() {
        return FigureIds.TRAINING_CURVES;
    }

    @Override
    public String title() {
        return "Training curves";
    }

    @Override
    public Dimension preferredSize() {
        return new Dimension(900, 760);
    }

    XYSeries loss() {
        XYSeries s = new XYSeries("training loss (running mean)", false, true);
        if (run != null) {
            for (IterationSnapshot it : run.iterations()) {
                if (Double.isFinite(it.loss())) { // the iteration-0 snapshot precedes any training loss
                    s.add(it.iteration(), it.loss());
                }
            }
        }
        return s;
    }

    XYSeries trainAcc() {
        XYSeries s = new XYSeries("training accuracy (running)", false, true);
        if (run != null) {
            for (IterationSnapshot it : run.iterations()) {
                if (Double.isFinite(it.trainAccuracy())) {
                    s.add(it.iteration(), 100 * it.trainAccuracy());
                }
            }
        }
        return s;
    }

    XYSeries testAcc() {
        XYSeries s = new XYSeries("test accuracy (end of epoch)", false, true);
        if (run != null) {
            for (EpochSnapshot e : run.epochs()) {
                s.add(e.iteration(), 100 * e.testAccuracy());
            }
        }
        return s;
    }

    XYSeries lr() {
        XYSeries s = new XYSeries("learning rate", false, true);
        if (run != null) {
            for (IterationSnapshot it : run.iterations()) {
                s.add(it.iteration(), it.learningRate());
            }
        }
        return s;
    }

    @Override
    protected JFreeChart buildChart() {
        NumberAxis x = new NumberAxis("iteration (optimizer steps)");
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(x);
        plot.setGap(12);
        plot.add(panel(new XYSeriesCollection(loss()), new NumberAxis("loss (nats)"), FigureStyle.seriesColor(0)), 3);
        XYSeriesCollection acc = new XYSeriesCollection();
        acc.addSeries(trainAcc());
        acc.addSeries(testAcc());
        NumberAxis accAxis = new NumberAxis("accuracy (%)");
        XYPlot accPlot = panel(acc, accAxis, FigureStyle.seriesColor(2));
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) accPlot.getRenderer();
        r.setSeriesPaint(1, FigureStyle.seriesColor(1));
        r.setSeriesShapesVisible(1, true);
        r.setSeriesShape(1, new Ellipse2D.Double(-4, -4, 8, 8));
        r.setSeriesStroke(1, new BasicStroke(2.2f));
        plot.add(accPlot, 3);
        XYSeries lr = lr();
        double lo = lr.getItemCount() == 0 ? 1 : lr.getMinY();
        double hi = lr.getItemCount() == 0 ? 1 : lr.getMaxY();
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
        plot.add(panel(new XYSeriesCollection(lr), lrAxis, FigureStyle.seriesColor(5)), 2);
        JFreeChart c = new JFreeChart(title(), FigureStyle.TITLE_FONT, plot, true);
        String sub = run == null ? "" : run.label() + (run.config() == null ? "" : ", " + run.config().optimizer()
                + ", " + run.config().schedule() + " schedule, batch " + run.config().batchSize()
                + (run.scheduleNote().isEmpty() ? "" : "; " + run.scheduleNote()));
        c.addSubtitle(0, new TextTitle(sub));
        return c;
    }

    private static XYPlot panel(XYSeriesCollection d, ValueAxis y, java.awt.Color color) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        r.setSeriesPaint(0, color);
        r.setSeriesStroke(0, new BasicStroke(1.8f));
        if (y instanceof NumberAxis n) {
            n.setAutoRangeIncludesZero(false);
        }
        return new XYPlot(d, null, y, r);
    }

    @Override
    public List<String[]> csv() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"series", "iteration", "value"});
        String[] names = {"loss", "train_accuracy_percent", "test_accuracy_percent", "learning_rate"};
        XYSeries[] all = {loss(), trainAcc(), testAcc(), lr()};
        for (int i = 0; i < all.length; i++) {
            for (int k = 0; k < all[i].getItemCount(); k++) {
                rows.add(new String[] {names[i], Fmt.csv(all[i].getX(k).doubleValue()), Fmt.csv(all[i].getY(k).doubleValue())});
            }
        }
        return rows;
    }
}
