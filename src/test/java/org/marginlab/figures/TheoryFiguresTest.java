package org.marginlab.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;
import org.marginlab.figures.theory.DzDthetaFigure;
import org.marginlab.figures.theory.PsiCurvesFigure;
import org.marginlab.figures.theory.STradeoffFigure;
import org.marginlab.figures.theory.TargetProbabilityFigure;
import org.marginlab.loss.HeadKind;
import org.marginlab.loss.HeadParams;

class TheoryFiguresTest {

    /** The CSV row whose first cell is {@code x} (within 1e-9), as doubles. */
    static double[] row(List<String[]> csv, double x) {
        for (String[] r : csv.subList(1, csv.size())) {
            if (Math.abs(Double.parseDouble(r[0]) - x) < 1e-9) {
                double[] out = new double[r.length];
                for (int i = 0; i < r.length; i++) {
                    out[i] = Double.parseDouble(r[i]);
                }
                return out;
            }
        }
        throw new AssertionError("no row at " + x);
    }

    static int column(List<String[]> csv, String prefix) {
        String[] h = csv.get(0);
        for (int i = 0; i < h.length; i++) {
            if (h[i].startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no column " + prefix + " in " + String.join("|", h));
    }

    @Test
    void slopeCurvesEqualThePapersFormulas() {
        DzDthetaFigure f = new DzDthetaFigure();
        f.setHead(HeadKind.ARCFACE, new HeadParams(30, 0.5, 0, false));
        List<String[]> csv = f.csv();
        double[] r = row(csv, 60); // degrees on the axis
        double t = Math.toRadians(60);
        assertEquals(-Math.sin(t), r[column(csv, "Softmax")], 1e-12);               // Eq. 8, ‖W‖‖x‖ = 1
        assertEquals(-Math.sin(t + 0.5), r[column(csv, "ArcFace")], 1e-12);          // Eq. 9, s = 1 as in Fig. 3
        assertEquals(-1, r[column(csv, "Angular")], 1e-12);                          // Eq. 10
        // SphereFace ψ slope with m = 4, λ = 5 at 60°: k = ⌊4·60/180⌋ = 1, so −(−1)·4 sin 240° − 5 sin 60°, over 6
        double expected = (4 * Math.sin(4 * t) - 5 * Math.sin(t)) / 6;
        assertEquals(expected, r[column(csv, "SphereFace")], 1e-12);
        f.setUnitScale(false);
        assertEquals(-30 * Math.sin(t + 0.5), row(f.csv(), 60)[column(f.csv(), "ArcFace")], 1e-9);
    }

    @Test
    void angularLossLineIsDrawnWhereItsValueSays() {
        DzDthetaFigure f = new DzDthetaFigure();
        BufferedImage img = Pixels.render(f);
        XYPlot plot = (XYPlot) f.chart().getPlot();
        Rectangle2D data = f.lastRenderingInfo().getPlotInfo().getDataArea();
        double x = org.marginlab.figures.ChartFigure.toX(plot, data, 10);
        double y = org.marginlab.figures.ChartFigure.toY(plot, data, -1);
        // the selected head (angular loss) is the thick black line at ∂Z/∂θ = −s = −1
        assertTrue(Pixels.near(Pixels.at(img, x, y), DzDthetaFigure.color(HeadKind.ARC), 40),
                "got " + Pixels.at(img, x, y));
        double yAbove = org.marginlab.figures.ChartFigure.toY(plot, data, -0.8);
        assertTrue(!Pixels.near(Pixels.at(img, x, yAbove), DzDthetaFigure.color(HeadKind.ARC), 40));
    }

    @Test
    void psiCurvesMatchAmSoftmaxFigure1() {
        PsiCurvesFigure f = new PsiCurvesFigure();
        f.setHead(HeadKind.ARCFACE, new HeadParams(16, 0.5, 0, false));
        List<String[]> csv = f.csv();
        double[] r = row(csv, 120);
        double t = Math.toRadians(120);
        assertEquals(Math.cos(t), r[column(csv, "Softmax")], 1e-12);
        // A-Softmax m = 2, λ = 0 at 120°: k = 1, ψ = −cos 240° − 2 = −1.5
        assertEquals(-1.5, r[column(csv, "A-Softmax m=2")], 1e-12);
        // m = 4, λ = 5: k = 2, ψ = (cos 480° − 4 + 5 cos 120°) / 6
        assertEquals((Math.cos(4 * t) - 4 + 5 * Math.cos(t)) / 6, r[column(csv, "A-Softmax m=4")], 1e-12);
        assertEquals(Math.cos(t) - 0.35, r[column(csv, "AM-Softmax m=0.35")], 1e-12);
        assertEquals(Math.cos(t + 0.5), r[column(csv, "selected")], 1e-12);
        assertEquals(6, csv.get(0).length);
    }

    @Test
    void sTradeoffIsEquation11() {
        STradeoffFigure f = new STradeoffFigure();
        f.setClassCount(10);
        List<String[]> csv = f.csv();
        assertEquals("s", csv.get(0)[0]);
        for (String[] r : csv.subList(1, csv.size())) {
            double s = Double.parseDouble(r[0]);
            if (s > 12) {
                continue; // e^{sπ} overflows the printed form long before the stable one
            }
            // Eq. 11 as printed, with θ_y = 0, θ_j = π/2 and logits s·(π − θ)
            double py = Math.exp(s * Math.PI) / (Math.exp(s * Math.PI) + 9 * Math.exp(s * Math.PI / 2));
            assertEquals(py, Double.parseDouble(r[1]), 1e-12);
            assertEquals(-s * (py - 1), Double.parseDouble(r[2]), 1e-12);
        }
        assertEquals(0.1, Double.parseDouble(csv.get(1)[1]), 1e-15); // s = 0: all ten classes equal
        assertTrue(Pixels.inked(Pixels.render(f)) > 0.02);
    }

    @Test
    void sTradeoffFollowsTheSelectedHeadAndItsMargin() {
        STradeoffFigure f = new STradeoffFigure();
        f.setHead(HeadKind.ARCFACE, HeadParams.defaults(HeadKind.ARCFACE).withS(30).withM(0.5));
        f.setClassCount(4);
        List<String[]> csv = f.csv();
        // θ_y = 0, θ_j = π/2: Z_y = s·cos(0 + m), Z_j = s·cos(π/2) = 0, ∂Z_y/∂θ_y = −s·sin m
        for (int i : new int[] {13, 60, 170}) {
            double[] r = row(csv, Double.parseDouble(csv.get(i)[0]));
            double s = r[0];
            double py = 1 / (1 + 3 * Math.exp(-s * Math.cos(0.5)));
            assertEquals(py, r[1], 1e-12);
            assertEquals(s * Math.sin(0.5) * (1 - py), r[2], 1e-12);
        }
        assertTrue(Double.parseDouble(csv.get(csv.size() - 1)[0]) >= 30, "the axis reaches the current s = 30");

        // CosFace: a flat ∂Z_y/∂θ_y at θ_y = 0 would give no pull at any s, so the figure draws θ_y = π/4:
        // Z_y = s(cos π/4 − m), ∂Z_y/∂θ_y = −s·sin π/4
        f.setHead(HeadKind.COSFACE, HeadParams.defaults(HeadKind.COSFACE).withS(30).withM(0.35));
        List<String[]> cos = f.csv();
        double[] r = row(cos, Double.parseDouble(cos.get(60)[0]));
        double pc = 1 / (1 + 3 * Math.exp(-r[0] * (Math.cos(Math.PI / 4) - 0.35)));
        assertEquals(pc, r[1], 1e-12);
        assertEquals(r[0] * Math.sin(Math.PI / 4) * (1 - pc), r[2], 1e-12);
        assertTrue(r[2] > 0);
        assertEquals("Scale s: confidence P(y) vs angular gradient", f.title());

        // SphereFace reads no s: the axis is ‖x‖, the CSV column x_norm, and its pull at π/4 is not 0:
        // Z_y = ‖x‖(λ cos θ + ψ(θ))/(1 + λ) with ψ(θ) = (−1)^k cos(4θ) − 2k, k = 1 at π/4
        f.setHead(HeadKind.SPHEREFACE, HeadParams.defaults(HeadKind.SPHEREFACE).withLambda(5));
        List<String[]> sp = f.csv();
        assertEquals("x_norm", sp.get(0)[0]);
        assertEquals("Feature norm ‖x‖: confidence P(y) vs angular gradient", f.title());
        double[] q = row(sp, Double.parseDouble(sp.get(60)[0]));
        double t = Math.PI / 4;
        double zy = q[0] * (5 * Math.cos(t) + (-Math.cos(4 * t) - 2)) / 6;
        double dz = q[0] * (-5 * Math.sin(t) + 4 * Math.sin(4 * t)) / 6;
        double ps = 1 / (1 + 3 * Math.exp(-zy));
        assertEquals(ps, q[1], 1e-12);
        assertEquals((ps - 1) * dz, q[2], 1e-12);
        assertTrue(q[2] > 0, "SphereFace pulls at π/4");
    }

    @Test
    void targetProbabilityAgainstThetaAnswersEverySlider() {
        TargetProbabilityFigure f = new TargetProbabilityFigure();
        f.setHead(HeadKind.ARCFACE, HeadParams.defaults(HeadKind.ARCFACE).withS(16).withM(0.5));
        double t = Math.PI / 3;
        double[] r = row(f.csv(), 60);
        // C = 10, θ_j = π/2: P(y) = 1 / (1 + 9·e^{−16·cos(θ + m)}), ∂L/∂θ_y = (P − 1)·(−16·sin(θ + m))
        double py = 1 / (1 + 9 * Math.exp(-16 * Math.cos(t + 0.5)));
        assertEquals(py, r[1], 1e-12);
        assertEquals((py - 1) * -16 * Math.sin(t + 0.5), r[2], 1e-12);

        f.setHead(HeadKind.ARCFACE, HeadParams.defaults(HeadKind.ARCFACE).withS(4).withM(0.5));
        double py4 = 1 / (1 + 9 * Math.exp(-4 * Math.cos(t + 0.5)));
        assertEquals(py4, row(f.csv(), 60)[1], 1e-12, "s moves the curve");
        f.setClassCount(2);
        assertEquals(1 / (1 + Math.exp(-4 * Math.cos(t + 0.5))), row(f.csv(), 60)[1], 1e-12, "C moves the curve");

        // SphereFace m = 4, λ = 5 at θ = 60°: k = 1, ψ = (−cos 240° − 2 + 5·cos 60°) / 6 = 1/6; ‖x‖ = 1
        f.setHead(HeadKind.SPHEREFACE, HeadParams.defaults(HeadKind.SPHEREFACE).withM(4).withLambda(5));
        f.setClassCount(10);
        assertEquals(1 / (1 + 9 * Math.exp(-1.0 / 6)), row(f.csv(), 60)[1], 1e-12);
        f.setHead(HeadKind.SPHEREFACE, HeadParams.defaults(HeadKind.SPHEREFACE).withM(4).withLambda(0));
        // λ = 0: ψ = −cos 240° − 2 = −1.5
        assertEquals(1 / (1 + 9 * Math.exp(1.5)), row(f.csv(), 60)[1], 1e-12, "λ moves the curve");
        assertTrue(Pixels.inked(Pixels.render(f)) > 0.02);
    }
}
