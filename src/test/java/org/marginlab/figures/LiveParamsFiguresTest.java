package org.marginlab.figures;

import org.marginlab.figures.catalog.FigureSet;
import org.marginlab.figures.catalog.FigureKind;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.marginlab.figures.embedding.EmbeddingCircleFigure;
import org.marginlab.figures.export.FigureExporter;
import org.marginlab.figures.training.GradientCheckFigure;
import org.marginlab.loss.HeadKind;
import org.marginlab.loss.HeadParams;
import org.marginlab.run.IterationSnapshot;
import org.marginlab.config.TrainConfig;

/**
 * Issue 13: a snapshot taken during the warm-up (live s = 6.6, m = 0.05 of a run configured with ArcFace
 * s = 16, m = 0.2) must be drawn with its own parameters: in every subtitle, in the 2-D margin regions and in
 * the gradient figure's rings and curve. Each expected value is worked out here from the paper's formulas.
 */
class LiveParamsFiguresTest {

    static final HeadParams LIVE = new HeadParams(6.6, 0.05, 0, false);
    static final String LABEL = "ArcFace s = 6.6 → 16, m = 0.05 → 0.2 (warm-up)";

    /** Ten classes evenly spaced on a circle of radius 2, one probe per class a little off its weight. */
    static RunData run() {
        int c = 10;
        float[][] w = EmbeddingFiguresTest.evenWeights2d(c, 2);
        float[][] emb = new float[c][2];
        int[] labels = new int[c];
        float[] theta = new float[c];
        for (int j = 0; j < c; j++) {
            double off = 0.05 + 0.03 * j; // θ_y of probe j
            double a = 2 * Math.PI * j / c + off;
            emb[j] = new float[] {(float) (3 * Math.cos(a)), (float) (3 * Math.sin(a))};
            labels[j] = j;
            theta[j] = (float) off;
        }
        IterationSnapshot s = new IterationSnapshot(200, 0, emb, labels, w, null, theta, new float[c], 1, 0.5, 1e-3,
                1000, LIVE, null);
        return RunData.of("t", TrainConfig.defaults(HeadKind.ARCFACE), List.of(s), List.of());
    }

    @Test
    void everyRunFigureNamesTheSnapshotsParametersNotTheConfiguredOnes() {
        RunData run = run();
        assertEquals(LABEL, run.paramsLabel(run.lastIteration()));
        List<Figure> all = FigureSet.forRun(run).figures();
        assertTrue(all.size() > 5);
        for (Figure f : all) {
            String svg = new String(FigureExporter.svgBytes(f), StandardCharsets.UTF_8);
            if (List.of(FigureKind.EMBEDDING_CIRCLE.id(), FigureKind.GRADIENT_CHECK.id()).contains(f.id())) {
                assertTrue(svg.contains(LABEL), f.id() + " subtitle");
            }
            for (String configured : List.of("s=16", "s = 16", "m=0.2", "m = 0.2")) {
                assertFalse(svg.contains(configured), f.id() + " shows the configured " + configured);
            }
        }
    }

    @Test
    void marginRegionsAreAsWideAsTheLiveMargin() {
        // ArcFace between neighbours 2a apart: s·cos(θ + m) < s·cos(2a − θ) for θ in (a − m/2, a + m/2), so each
        // margin region is m wide around the bisector — 0.05 rad live, not the configured 0.2.
        EmbeddingCircleFigure f = new EmbeddingCircleFigure();
        f.setRun(run());
        List<Double> widths = new ArrayList<>();
        double start = Double.NaN;
        for (String[] r : f.csv()) {
            if (r[0].startsWith("margin_region")) {
                double a = Math.atan2(Double.parseDouble(r[4]), Double.parseDouble(r[3]));
                if (r[0].equals("margin_region_start")) {
                    start = a;
                } else {
                    widths.add(Math.IEEEremainder(a - start, 2 * Math.PI));
                }
            }
        }
        assertEquals(10, widths.size());
        for (double w : widths) {
            assertEquals(LIVE.m(), w, 2 * 2 * Math.PI / 3600, "margin region width");
        }
    }

    @Test
    void gradientRingsAndCurveUseTheLiveScaleAndMargin() {
        RunData run = run();
        IterationSnapshot s = run.lastIteration();
        GradientCheckFigure f = new GradientCheckFigure();
        f.setRun(run);
        f.setAngleUnit(AngleUnit.RADIANS);
        List<String[]> rows = f.csv();
        int probe = 0;
        boolean curveChecked = false;
        for (String[] r : rows.subList(1, rows.size())) {
            double theta = Double.parseDouble(r[1]);
            double value = Double.parseDouble(r[2]);
            if (r[0].equals("closed_form_theta_j_fixed")) {
                assertEquals(ring(s, probe), value, 1e-5, "ring of probe " + probe); // the figure multiplies in float
                probe++;
            } else if (r[0].equals("closed_form_curve_theta_j_pi_2") && theta > 0.3 && !curveChecked) {
                // ArcFace with θ_j = π/2: Z_y = s·cos(θ + m), Z_j = 0; P_y = e^{Z_y} / (e^{Z_y} + 9)
                double zy = LIVE.s() * Math.cos(theta + LIVE.m());
                double py = Math.exp(zy) / (Math.exp(zy) + 9);
                assertEquals((py - 1) * -LIVE.s() * Math.sin(theta + LIVE.m()), value, 1e-9, "curve at " + theta);
                curveChecked = true;
            }
        }
        assertEquals(10, probe);
        assertTrue(curveChecked);
    }

    /** (P_y − 1)·∂Z_y/∂θ_y with Z_y = s·cos(θ_y + m), Z_j = s·cos θ_j from the probe's own angles. */
    static double ring(IterationSnapshot s, int i) {
        float[] x = s.embeddings()[i];
        int y = s.probeLabels()[i];
        double[] z = new double[s.classCount()];
        double thetaY = 0;
        double sum = 0;
        for (int j = 0; j < z.length; j++) {
            float[] w = s.weights()[j];
            double cos = (x[0] * w[0] + x[1] * w[1]) / Math.hypot(x[0], x[1]) / Math.hypot(w[0], w[1]);
            double th = Math.acos(Math.max(-1, Math.min(1, cos)));
            z[j] = j == y ? LIVE.s() * Math.cos(th + LIVE.m()) : LIVE.s() * Math.cos(th);
            thetaY = j == y ? th : thetaY;
            sum += Math.exp(z[j]);
        }
        double py = Math.exp(z[y]) / sum;
        return (py - 1) * -LIVE.s() * Math.sin(thetaY + LIVE.m());
    }
}
