package org.marginlab.reproduce;

import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.marginlab.figures.Figure;
import org.marginlab.figures.RunData;
import org.marginlab.figures.embedding.EmbeddingCircleFigure;
import org.marginlab.figures.embedding.EmbeddingSphereFigure;
import org.marginlab.run.MetricsRow;

import java.awt.Dimension;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The figures of a preset's report, drawn by the figure library from the runs' outcomes. */
public final class ReportFigures {

    private ReportFigures() {
    }

    public static List<Figure> build(Plan plan, List<RunOutcome> outcomes) {
        List<Figure> out = new ArrayList<>();
        switch (plan.preset()) {
            case "angles" -> {
                XYSeriesCollection c = new XYSeriesCollection();
                for (Fig5Sweep point : Fig5Sweep.of(outcomes)) {
                    List<double[]> mean = point.meanCurve();
                    if (mean.isEmpty()) {
                        continue;
                    }
                    XYSeries s = new XYSeries("s = " + Presets.fmt(point.s())
                            + (point.runs().size() > 1 ? " (mean of " + point.runs().size() + " seeds)" : ""), false, true);
                    for (double[] p : mean) {
                        s.add(p[0], p[1]);
                    }
                    c.addSeries(s);
                }
                int every = plan.runs().get(0).config().snapshotEvery();
                out.add(new SeriesChartFigure("fig5-wc-intra-vs-iteration", "WC-Intra vs. iteration, angular loss (cf. Fig. 5)",
                        "Fashion-MNIST, every " + every + " iterations, class centres of a probe of "
                                + plan.runs().get(0).config().probePerClass() + " test images per class"
                                + (plan.quick() ? "; QUICK form" : ""), "iteration", "WC-Intra (rad)", c));
            }
            case "error-vs-epochs" -> {
                XYSeriesCollection c = new XYSeriesCollection();
                long ipe = (plan.trainSubset() > 0 ? plan.trainSubset() : 60000) / plan.runs().get(0).config().batchSize();
                for (String h : PaperNumbers.PAPER_HEADS) {
                    XYSeries s = new XYSeries(PaperNumbers.paperName(h), true, true);
                    for (RunOutcome o : outcomes) {
                        if (!o.run().group().equals(h)) {
                            continue;
                        }
                        if (plan.quick()) {
                            for (MetricsRow r : o.metrics()) {
                                if (!Double.isNaN(r.testAccuracy()) && r.iteration() % ipe == 0) {
                                    s.add(r.iteration() / (double) ipe, 100 * (1 - r.testAccuracy()));
                                }
                            }
                        } else if (o.finished()) {
                            s.add(o.run().config().epochs(), o.finalTestError());
                        }
                    }
                    c.addSeries(s);
                }
                out.add(new SeriesChartFigure("error-vs-epochs", "Test error vs. epochs (cf. Table 4)",
                        plan.quick() ? String.format(Locale.ROOT, "QUICK form: one run per head, read at each epoch end; an epoch = %d images",
                                plan.trainSubset()) : "one run per head and epoch count", "epochs", "test error (%)", c));
            }
            case "figure6", "sphere" -> {
                List<PanelGridFigure.Panel> panels = new ArrayList<>();
                for (RunOutcome o : outcomes) {
                    if (o.last() == null) {
                        continue;
                    }
                    RunData rd = RunData.of(o.run().label(), o.run().config(), List.of(o.last()), List.of());
                    Figure f;
                    if ("figure6".equals(plan.preset())) {
                        EmbeddingCircleFigure e = new EmbeddingCircleFigure();
                        e.setRun(rd);
                        e.setNormalised(false);
                        f = e;
                    } else {
                        EmbeddingSphereFigure e = new EmbeddingSphereFigure();
                        e.setRun(rd);
                        f = e;
                    }
                    String err = Double.isFinite(o.finalTestError()) ? String.format(Locale.ROOT, " — test error %.1f %%", o.finalTestError()) : "";
                    panels.add(new PanelGridFigure.Panel(f, o.run().label() + err));
                }
                boolean flat = "figure6".equals(plan.preset());
                out.add(new PanelGridFigure(flat ? "figure6-embeddings" : "sphere-embeddings",
                        flat ? "2-D features of test images per loss (cf. angular-loss paper Fig. 6)" + (plan.quick() ? ", QUICK form" : "")
                                : "3-D features on the unit sphere per loss (cf. AM-Softmax Fig. 4)" + (plan.quick() ? ", QUICK form" : ""),
                        panels, 4, flat ? new Dimension(440, 340) : new Dimension(400, 400)));
            }
            default -> {
            }
        }
        return out;
    }
}
