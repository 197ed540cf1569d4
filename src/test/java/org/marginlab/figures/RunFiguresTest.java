package org.marginlab.figures;

import org.marginlab.figures.catalog.FigureSet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.marginlab.UserException;
import org.marginlab.figures.angles.AngleHistogramFigure;
import org.marginlab.figures.angles.AngleStatsFigure;
import org.marginlab.figures.angles.AngleStatsTableFigure;
import org.marginlab.figures.training.ConfusionMatrixFigure;
import org.marginlab.figures.training.GradientCheckFigure;
import org.marginlab.figures.training.SimilarityMatrixFigure;
import org.marginlab.figures.training.TrainingCurvesFigure;
import org.marginlab.loss.HeadFunctions;
import org.marginlab.loss.HeadKind;
import org.marginlab.run.EpochSnapshot;

class RunFiguresTest {

    static final RunData RUN = SyntheticRun.build(HeadKind.COSFACE, 2, 7, 3, 200, 11);

    @Test
    void oneRidgePerEpoch() {
        AngleHistogramFigure f = new AngleHistogramFigure();
        f.setRun(RUN);
        f.setSelectedClass(-1);
        f.setAngleUnit(AngleUnit.DEGREES);
        BufferedImage img = Pixels.render(f);
        assertEquals(7, f.lastBaselines().length);
        // the x axis ends at the last filled bin; just left of it only the baselines cross a column of
        // the back ridges' empty bins: count dark runs down the column at the left edge instead
        double x = f.lastFrame().x(f.lastFrame().xMin()) + 1;
        int runs = 0;
        boolean in = false;
        for (int y = (int) f.lastFrame().pixels().getY(); y < f.lastFrame().pixels().getMaxY(); y++) {
            Color c = Pixels.at(img, x, y);
            boolean dark = c.getRed() + c.getGreen() + c.getBlue() < 3 * 140;
            if (dark && !in) {
                runs++;
            }
            in = dark;
        }
        assertTrue(runs >= 1);
        List<String[]> csv = f.csv();
        int bins = (csv.size() - 1) / 7;
        assertEquals(1 + 7 * bins, csv.size());
        // all-class counts are the per-class sums, and every sample of the epoch is in some displayed bin
        EpochSnapshot e = RUN.epochs().get(6);
        int total = 0;
        for (int[] h : e.thetaHistograms()) {
            for (int v : h) {
                total += v;
            }
        }
        int shown = 0;
        for (int b = 0; b < bins; b++) {
            shown += Integer.parseInt(csv.get(1 + 6 * bins + b)[4]);
        }
        assertEquals(total, shown);
    }

    @Test
    void histogramBinsResolveATightClass() {
        // 0.1° fine bins (as the engine records) with class 0 between 0.002 and 0.03 rad: its display bins
        // must span just that range, each one fine bin (0.0017 rad) wide, not one 10° bar
        int bins = 1800;
        double[] edges = new double[bins + 1];
        for (int b = 0; b <= bins; b++) {
            edges[b] = Math.PI * b / bins;
        }
        int[][] hist = new int[2][bins];
        double[] thetas = {0.002, 0.004, 0.011, 0.012, 0.029};
        for (double t : thetas) {
            hist[0][(int) (t / Math.PI * bins)]++;
        }
        hist[1][900] = 5; // another class far away does not widen class 0's axis
        EpochSnapshot e = new EpochSnapshot(0, 100, 0.5, 0.01, 1, 1, edges, hist, new float[0][], new int[0],
                new int[2][2]);
        AngleHistogramFigure f = new AngleHistogramFigure();
        f.setRun(RunData.of("t", null, List.of(), List.of(e)));
        f.setSelectedClass(0);
        List<String[]> csv = f.csv();
        assertEquals(1 + 16, csv.size(), "fine bins 1 to 16 hold class 0 (0.029·1800/π = 16.6)");
        assertEquals(Math.PI / bins, Double.parseDouble(csv.get(1)[2]), 1e-12);
        assertEquals(Math.PI * 17 / bins, Double.parseDouble(csv.get(16)[3]), 1e-12);
        int n = 0;
        for (String[] r : csv.subList(1, csv.size())) {
            n += Integer.parseInt(r[4]);
        }
        assertEquals(thetas.length, n);
        BufferedImage img = Pixels.render(f);
        assertEquals(Math.PI / bins, f.lastFrame().xMin(), 1e-12, "the axis starts at the data, in radians");
        assertTrue(img.getWidth() > 0);
    }

    @Test
    void similarityColourBarEndsAreTheMapEnds() {
        SimilarityMatrixFigure f = new SimilarityMatrixFigure();
        f.setRun(RUN);
        BufferedImage img = Pixels.render(f);
        Rectangle2D bar = f.lastColorBar();
        Color top = Pixels.at(img, bar.getCenterX(), bar.getY() + 2);
        Color bottom = Pixels.at(img, bar.getCenterX(), bar.getMaxY() - 2);
        assertTrue(Pixels.near(top, new Color(0xB2182B), 8), "top " + top);       // +1: Tol BuRd red end
        assertTrue(Pixels.near(bottom, new Color(0x2166AC), 8), "bottom " + bottom); // −1: blue end
        Color mid = Pixels.at(img, bar.getCenterX(), bar.getCenterY());
        assertTrue(Pixels.near(mid, new Color(0xF7F7F7), 10), "middle " + mid);
        // a cell shows its value's colour: the diagonal is cos 0 = 1
        Rectangle2D m = f.lastMatrix();
        int n = RUN.lastEpoch().similarity().length;
        double cell = m.getWidth() / n;
        Color diag = Pixels.at(img, m.getX() + 0.5 * cell, m.getY() + 0.5 * cell);
        assertTrue(Pixels.near(diag, ColorMap.DIVERGING.color(RUN.lastEpoch().similarity()[0][0]), 3), "diag " + diag);
        assertEquals(1 + n * n, f.csv().size());
    }

    @Test
    void confusionCellsAreRowSharesAndBarSpansZeroToHundred() {
        ConfusionMatrixFigure f = new ConfusionMatrixFigure();
        f.setRun(RUN);
        BufferedImage img = Pixels.render(f);
        Rectangle2D m = f.lastMatrix();
        double cell = m.getWidth() / 10;
        int[][] cm = RUN.lastEpoch().confusion();
        int row = 0;
        for (int v : cm[2]) {
            row += v;
        }
        // sample the cell away from its centred count label
        Color got = Pixels.at(img, m.getX() + 3.15 * cell, m.getY() + 2.15 * cell);
        Color want = ColorMap.SEQUENTIAL.over(0, 100).color(100.0 * cm[2][3] / row);
        assertTrue(Pixels.near(got, want, 3), got + " vs " + want);
        Rectangle2D bar = f.lastColorBar();
        assertTrue(Pixels.near(Pixels.at(img, bar.getCenterX(), bar.getMaxY() - 2), Color.WHITE, 4));
        assertTrue(Pixels.near(Pixels.at(img, bar.getCenterX(), bar.getY() + 2), new Color(0x053061), 8));
        assertEquals(1 + 100, f.csv().size());
    }

    @Test
    void gradientCheckAnalyticValuesAreCrossEntropyOfTheHead() {
        GradientCheckFigure f = new GradientCheckFigure();
        f.setRun(RUN);
        var s = RUN.lastIteration();
        HeadFunctions h = HeadFunctions.of(RUN.config().head(), RUN.config().headParams());
        double want = SyntheticRun.crossEntropySlope(h, s.embeddings()[5], s.weights(), s.probeLabels()[5]);
        assertEquals(want, GradientCheckFigure.analytic(h, s.embeddings()[5], s.weights(), s.probeLabels()[5]), 1e-9);
        List<String[]> csv = f.csv();
        long closed = csv.stream().filter(r -> r[0].equals("closed_form_theta_j_fixed")).count();
        assertEquals(s.thetaY().length, closed);
        // the synthetic run has no along-feature measurement, and the figure says so instead of inventing one
        assertEquals(0, csv.stream().filter(r -> r[0].equals("measured_along_feature")).count());
        assertTrue(subtitles(f).contains("dots: not recorded in this run"), subtitles(f));
        // the paper's curve at θ_y = 0 for cosface: P_y = 1/(1 + 9 e^{s(0 − (1 − m))}), slope −s sin 0 = 0
        assertEquals(0, GradientCheckFigure.curve(h, 0, 1, 1, 10), 1e-12);
        double t = 1.0;
        double sc = RUN.config().headParams().s();
        double m = RUN.config().headParams().m();
        double py = 1 / (1 + 9 * Math.exp(-sc * (Math.cos(t) - m)));
        assertEquals((py - 1) * (-sc * Math.sin(t)), GradientCheckFigure.curve(h, t, 1, 1, 10), 1e-12);
        assertTrue(Pixels.inked(Pixels.render(f)) > 0.02);
    }

    @Test
    void gradientCheckPlotsTheMeasuredAlongFeatureValuesBesideTheClosedForm() {
        var last = RUN.lastIteration();
        int n = last.thetaY().length;
        float[] along = new float[n];
        for (int i = 0; i < n; i++) {
            // a measurement 1.5 times the closed form on even probes and equal on odd ones; one undefined
            along[i] = (float) (last.dLdThetaY()[i] * (i % 2 == 0 ? 1.5 : 1.0));
        }
        along[1] = Float.NaN;
        var s = new org.marginlab.run.IterationSnapshot(last.iteration(), last.epoch(), last.embeddings(),
                last.probeLabels(), last.weights(), null, last.thetaY(), last.dLdThetaY(), last.loss(),
                last.trainAccuracy(), last.learningRate(), last.imagesPerSecond(), last.headParams(), along);
        GradientCheckFigure f = new GradientCheckFigure();
        f.setRun(RunData.of("g", RUN.config(), List.of(s), RUN.epochs()));
        f.setAngleUnit(AngleUnit.RADIANS);
        List<String[]> csv = f.csv();
        assertEquals(List.of("series", "theta_y_rad", "dL_dtheta_y"), List.of(csv.get(0)));
        List<String[]> measured = csv.stream().filter(r -> r[0].equals("measured_along_feature")).toList();
        assertEquals(n - 1, measured.size());
        assertEquals(s.thetaY()[0], Double.parseDouble(measured.get(0)[1]), 1e-6);
        assertEquals(along[0], Double.parseDouble(measured.get(0)[2]), 1e-6 * Math.abs(along[0]));
        assertEquals(along[2], Double.parseDouble(measured.get(1)[2]), 1e-6 * Math.abs(along[2]));
        assertEquals(n, csv.stream().filter(r -> r[0].equals("closed_form_theta_j_fixed")).count());
        String sub = subtitles(f);
        assertTrue(sub.contains("θ_j = π/2"), sub);
        assertTrue(sub.contains("θ_j (j ≠ y) held fixed"), sub);
        // of the n − 1 defined gaps, the even probes' 50 % are the majority when n − 1 is odd or ties go up
        int evens = 0;
        for (int i = 0; i < n; i++) {
            evens += i % 2 == 0 ? 1 : 0;
        }
        assertTrue(evens > (n - 1) / 2, "test setup: even probes must be the median");
        assertTrue(sub.contains("= 50 % of it"), sub);
        assertTrue(Pixels.inked(Pixels.render(f)) > 0.02);
    }

    private static String subtitles(GradientCheckFigure f) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < f.chart().getSubtitleCount(); i++) {
            if (f.chart().getSubtitle(i) instanceof org.jfree.chart.title.TextTitle t) {
                b.append(t.getText()).append('\n');
            }
        }
        return b.toString();
    }

    @Test
    void statsOverlayRunsAndTableHoldsFinalValues() {
        List<RunData> runs = new ArrayList<>();
        for (int s : new int[] {1, 7, 20}) {
            RunData r = SyntheticRun.build(HeadKind.ARC, 2, 4, 1, 50, s);
            runs.add(new RunData("arc s=" + s, r.config(), r.iterations(), r.epochs()));
        }
        AngleStatsFigure f = new AngleStatsFigure();
        f.setRuns(runs);
        // four epochs on the test set and every snapshot on the probe set, per run
        assertEquals(1 + 3 * 4 + 3 * runs.get(0).iterations().size(), f.csv().size());
        // per run a test-set and a probe-set entry, not one per panel
        assertEquals(6, f.chart().getPlot().getLegendItems().getItemCount());
        assertTrue(Pixels.colours(Pixels.render(f)) > 30);
        AngleStatsTableFigure t = new AngleStatsTableFigure();
        t.setRuns(runs);
        t.setAngleUnit(AngleUnit.DEGREES);
        List<String[]> table = t.table();
        assertEquals(4, table.size());
        EpochSnapshot last = runs.get(1).lastEpoch();
        assertEquals(Fmt.fixed(Math.toDegrees(last.wcIntra()), 2), table.get(2)[4]);
        assertEquals(Fmt.fixed(100 * last.testAccuracy(), 2), table.get(2)[3]);
        assertTrue(Pixels.inked(Pixels.render(t)) > 0.01);
    }

    @Test
    void trainingCurvesPlotEverySnapshot() {
        TrainingCurvesFigure f = new TrainingCurvesFigure();
        f.setRun(RUN);
        List<String[]> csv = f.csv();
        assertEquals(1 + 3 * RUN.iterations().size() + RUN.epochs().size(), csv.size());
        double loss = RUN.iterations().get(0).loss();
        // the loss is a double: its 15 significant digits
        assertEquals(loss, Double.parseDouble(csv.get(1)[3]), 1e-14 * loss);
        assertTrue(Pixels.inked(Pixels.render(f)) > 0.03);
    }

    @Test
    void setBuildsWhatTheRunHasAndRejectsUnknownIds() {
        FigureSet set = FigureSet.forRun(RUN.iterations(), RUN.epochs(), RUN.config());
        // a 2-D run: the circle and not the sphere, then the analytic figures at its head
        assertEquals(List.of("embedding-circle", "angle-histograms", "angle-stats", "angle-stats-table", "gradient-check",
                "similarity-matrix", "training-curves", "confusion-matrix", "dz-dtheta", "psi-curves", "p-target", "s-tradeoff",
                "decision-boundary"), set.ids());
        for (Figure f : set.figures()) {
            assertTrue(Pixels.inked(Pixels.render(f)) > 0.01, f.id() + " is blank");
            assertTrue(f.csv().size() > 1, f.id() + " has no CSV rows");
        }
        assertEquals(List.of("s-tradeoff"), set.only(List.of("s-tradeoff")).ids());
        UserException e = assertThrows(UserException.class, () -> set.only(List.of("nope")));
        assertTrue(e.getMessage().startsWith("--only 'nope' is not a figure; use one of"));
        RunData empty = RunData.of("x", RUN.config(), List.of(), List.of());
        assertEquals(List.of("dz-dtheta", "psi-curves", "p-target", "s-tradeoff", "decision-boundary"), FigureSet.forRun(empty).ids());
    }

    @Test
    void everyFigureSurvivesNoDataTinyAreasAndNonFiniteFeatures() {
        RunData empty = RunData.of("x", RUN.config(), List.of(), List.of());
        var broken = RUN.lastIteration();
        float[][] emb = broken.embeddings().clone();
        emb[0] = new float[] {Float.NaN, Float.POSITIVE_INFINITY};
        var bad = new org.marginlab.run.IterationSnapshot(broken.iteration(), broken.epoch(), emb, broken.probeLabels(),
                broken.weights(), null, broken.thetaY(), broken.dLdThetaY(), Double.NaN, 0.5, 1e-3, 1, null,
                broken.dLdThetaAlong());
        RunData diverged = RunData.of("nan", RUN.config(), List.of(bad), RUN.epochs());
        List<Figure> all = new ArrayList<>(FigureSet.forRun(RUN).figures());
        all.add(new org.marginlab.figures.embedding.EmbeddingSphereFigure());
        for (Figure f : all) {
            for (RunData r : List.of(empty, diverged, RUN)) {
                if (f instanceof RunFigure rf) {
                    rf.setRun(r);
                }
                BufferedImage img = new BufferedImage(200, 150, BufferedImage.TYPE_INT_RGB);
                var g = img.createGraphics();
                f.draw(g, new Rectangle2D.Double(0, 0, 0, 0));
                f.draw(g, new Rectangle2D.Double(5, 5, 12, 9));
                f.draw(g, new Rectangle2D.Double(20, 10, 180, 140));
                g.dispose();
                f.csv();
            }
        }
        // an empty run draws its note rather than nothing
        TrainingCurvesFigure t = new TrainingCurvesFigure();
        t.setRun(empty);
        assertTrue(!t.hasData());
    }

    /**
     * Before the first epoch ends the histogram, similarity and confusion figures draw the newest snapshot's
     * probe set: θ_y binned here by hand into the 0.1° bins, CosFace's predictions by the smallest angle
     * to a class weight (its plain logits are s·cos θ_j), the similarity rows ten a class.
     */
    @Test
    void beforeTheFirstEpochEndsTheProbeSetIsDrawnAndSaysSo() {
        RunData early = RUN.upTo(RUN.iterations().get(1).iteration()); // two snapshots, no epoch yet
        assertTrue(early.epochs().isEmpty());
        var s = early.lastIteration();
        AngleHistogramFigure h = new AngleHistogramFigure();
        h.setRun(early);
        h.setSelectedClass(3);
        assertTrue(h.hasData());
        int[] byHand = new int[1800];
        int n3 = 0;
        for (int i = 0; i < s.thetaY().length; i++) {
            if (s.probeLabels()[i] == 3) {
                byHand[(int) Math.floor(s.thetaY()[i] / Math.PI * 1800)]++;
                n3++;
            }
        }
        int counted = 0;
        for (String[] r : h.csv().subList(1, h.csv().size())) {
            int lo = (int) Math.round(Double.parseDouble(r[2]) / Math.PI * 1800);
            int hi = (int) Math.round(Double.parseDouble(r[3]) / Math.PI * 1800);
            int want = 0;
            for (int b = lo; b < hi; b++) {
                want += byHand[b];
            }
            assertEquals(want, Integer.parseInt(r[4]), "bins " + lo + "–" + hi);
            assertEquals("probe", r[6]);
            assertEquals(Long.toString(s.iteration()), r[7]);
            counted += want;
        }
        assertEquals(n3, counted);
        BufferedImage img = new BufferedImage(900, 600, BufferedImage.TYPE_INT_ARGB);
        java.awt.Graphics2D g = img.createGraphics();
        TextRecorder rec = new TextRecorder(g);
        h.draw(rec, new Rectangle2D.Double(0, 0, 900, 600));
        g.dispose();
        List<String> texts = rec.texts().stream().map(TextRecorder.Text::text).toList();
        assertTrue(texts.stream().anyMatch(t -> t.contains("probe set, iteration " + s.iteration())), texts.toString());

        ConfusionMatrixFigure c = new ConfusionMatrixFigure();
        c.setRun(early);
        assertTrue(c.hasData());
        int[][] want = new int[10][10];
        for (int i = 0; i < s.probeLabels().length; i++) {
            int best = 0;
            for (int j = 1; j < 10; j++) {
                if (angle(s.embeddings()[i], s.weights()[j]) < angle(s.embeddings()[i], s.weights()[best])) {
                    best = j;
                }
            }
            want[s.probeLabels()[i]][best]++;
        }
        List<String[]> csv = c.csv();
        for (int k = 1; k < csv.size(); k++) {
            assertEquals(want[Integer.parseInt(csv.get(k)[0])][Integer.parseInt(csv.get(k)[2])], Integer.parseInt(csv.get(k)[4]));
        }
        SimilarityMatrixFigure m = new SimilarityMatrixFigure();
        m.setRun(early);
        assertEquals(1 + 100 * 100, m.csv().size(), "ten probes a class, ten classes");

        // at an epoch's end the test set is drawn again
        ConfusionMatrixFigure atEnd = new ConfusionMatrixFigure();
        atEnd.setRun(RUN.upTo(RUN.epochs().get(0).iteration()));
        assertEquals("test set", atEnd.viewState().get("evaluated_on"));
        assertEquals("probe set, iteration " + s.iteration(), c.viewState().get("evaluated_on"));
    }

    private static double angle(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int k = 0; k < a.length; k++) {
            dot += a[k] * b[k];
            na += a[k] * a[k];
            nb += b[k] * b[k];
        }
        return Math.acos(dot / Math.sqrt(na * nb));
    }
}
