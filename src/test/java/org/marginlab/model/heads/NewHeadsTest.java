package org.marginlab.model.heads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.marginlab.model.heads.HeadEvaluation.Precision;
import java.util.Random;
import java.util.function.ToDoubleBiFunction;
import org.junit.jupiter.api.Test;
import org.marginlab.loss.AdaCosHead;
import org.marginlab.loss.HeadKind;
import org.marginlab.loss.HeadParams;

/**
 * The four newer heads in float64 against references written here independently of the heads' classes:
 * the logits from the papers' formulas in plain doubles, the loss as their mean cross-entropy, and the
 * gradients as central finite differences of that reference loss, all to 1e-6.
 */
class NewHeadsTest {
    static final double TOL = 1e-6;
    static final double H = 1e-6;

    /** A reference head: the logit row of one sample from its cosines to every weight row. */
    interface RowLogits {
        double[] of(double[] cosRow, int y);
    }

    // ---- references -------------------------------------------------------------------------------

    static double[][] cosines(double[][] x, double[][] w) {
        double[][] c = new double[x.length][w.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < w.length; j++) {
                double dot = 0, nx = 0, nw = 0;
                for (int d = 0; d < x[i].length; d++) {
                    dot += x[i][d] * w[j][d];
                    nx += x[i][d] * x[i][d];
                    nw += w[j][d] * w[j][d];
                }
                c[i][j] = dot / (Math.sqrt(nx) * Math.sqrt(nw));
            }
        }
        return c;
    }

    static double[][] logits(double[][] x, double[][] w, int[] y, RowLogits head) {
        double[][] c = cosines(x, w);
        double[][] z = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            z[i] = head.of(c[i], y[i]);
        }
        return z;
    }

    static double loss(double[][] z, int[] y) {
        double sum = 0;
        for (int i = 0; i < z.length; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : z[i]) {
                max = Math.max(max, v);
            }
            double se = 0;
            for (double v : z[i]) {
                se += Math.exp(v - max);
            }
            sum += max + Math.log(se) - z[i][y[i]];
        }
        return sum / z.length;
    }

    static double[][] finiteDifference(double[][] a, ToDoubleBiFunction<double[][], Object> f) {
        double[][] g = new double[a.length][a[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                double keep = a[i][j];
                a[i][j] = keep + H;
                double up = f.applyAsDouble(a, null);
                a[i][j] = keep - H;
                double down = f.applyAsDouble(a, null);
                a[i][j] = keep;
                g[i][j] = (up - down) / (2 * H);
            }
        }
        return g;
    }

    static void assertMatrix(double[][] want, double[][] got, double tol, String what) {
        assertEquals(want.length, got.length, what + " rows");
        for (int i = 0; i < want.length; i++) {
            for (int j = 0; j < want[i].length; j++) {
                assertEquals(want[i][j], got[i][j], tol, what + "[" + i + "][" + j + "]");
            }
        }
    }

    /** Loss, logits and both gradients of a head against the reference. */
    static HeadEvaluation check(HeadKind kind, HeadParams p, double[][] x, double[][] w, int[] y, RowLogits ref) {
        HeadEvaluation e = HeadEvaluation.evaluate(kind, p, x, w, y, null, Precision.FLOAT64);
        double[][] z = logits(x, w, y, ref);
        assertMatrix(z, e.logits(), TOL, kind.id() + " logits");
        assertEquals(loss(z, y), e.loss(), TOL, kind.id() + " loss");
        assertMatrix(finiteDifference(x, (xx, u) -> loss(logits(xx, w, y, ref), y)), e.gradEmbeddings(), TOL,
                kind.id() + " ∂L/∂x");
        assertMatrix(finiteDifference(w, (ww, u) -> loss(logits(x, ww, y, ref), y)), e.gradWeights(), TOL,
                kind.id() + " ∂L/∂W");
        return e;
    }

    static double[][] random(Random r, int rows, int cols) {
        double[][] a = new double[rows][cols];
        for (double[] row : a) {
            for (int j = 0; j < cols; j++) {
                row[j] = r.nextGaussian();
            }
        }
        return a;
    }

    static double clipAcos(double c) {
        return Math.acos(Math.min(Math.max(c, -1 + 1e-7), 1 - 1e-7));
    }

    // ---- combined ---------------------------------------------------------------------------------

    static RowLogits combinedRef(double s, double m1, double m2, double m3) {
        return (c, y) -> {
            double[] z = new double[c.length];
            for (int j = 0; j < c.length; j++) {
                z[j] = s * c[j];
            }
            double t = clipAcos(c[y]);
            if (m1 * t + m2 <= Math.PI) {
                z[y] = s * (Math.cos(m1 * t + m2) - m3);
            } else {
                double big = Math.PI - (Math.PI - m2) / m1; // the angle the margin adds at the threshold
                z[y] = s * (c[y] - m3 - big * Math.sin(big));
            }
            return z;
        };
    }

    static HeadParams combined(double s, double m1, double m2, double m3) {
        return HeadKind.COMBINED.type().defaults().withS(s).with("m1", m1).with("m2", m2).with("m3", m3);
    }

    @Test
    void combinedMatchesItsFormulaIncludingTheFallback() {
        Random r = new Random(5);
        double[][] x = random(r, 7, 3);
        double[][] w = random(r, 4, 3);
        int[] y = {0, 1, 2, 3, 0, 1, 2};
        check(HeadKind.COMBINED, combined(4, 1.3, 0.4, 0.15), x, w, y, combinedRef(4, 1.3, 0.4, 0.15));
        // m1 = 2.5 puts the threshold (π − 0.3)/2.5 ≈ 65° inside the data: both branches are exercised
        double threshold = (Math.PI - 0.3) / 2.5;
        double[][] c = cosines(x, w);
        boolean past = false, before = false;
        for (int i = 0; i < y.length; i++) {
            past |= clipAcos(c[i][y[i]]) > threshold;
            before |= clipAcos(c[i][y[i]]) < threshold;
        }
        assertTrue(past && before, "the data must straddle the threshold");
        check(HeadKind.COMBINED, combined(3, 2.5, 0.3, 0.1), x, w, y, combinedRef(3, 2.5, 0.3, 0.1));
    }

    @Test
    void combinedIsArcFaceCosFaceAndTheMultiplicativeMargin() {
        Random r = new Random(11);
        double[][] x = random(r, 8, 3);
        double[][] w = random(r, 5, 3);
        int[] y = {0, 1, 2, 3, 4, 0, 1, 2};
        HeadEvaluation arc = HeadEvaluation.evaluate(HeadKind.ARCFACE, new HeadParams(8, 0.5, 0, false), x, w, y, null,
                Precision.FLOAT64);
        HeadEvaluation asArc = HeadEvaluation.evaluate(HeadKind.COMBINED, combined(8, 1, 0.5, 0), x, w, y, null,
                Precision.FLOAT64);
        same(arc, asArc, "(1, m, 0) = ArcFace");
        HeadEvaluation cos = HeadEvaluation.evaluate(HeadKind.COSFACE, new HeadParams(8, 0.35, 0, false), x, w, y, null,
                Precision.FLOAT64);
        HeadEvaluation asCos = HeadEvaluation.evaluate(HeadKind.COMBINED, combined(8, 1, 0, 0.35), x, w, y, null,
                Precision.FLOAT64);
        same(cos, asCos, "(1, 0, m) = CosFace");
        // the multiplicative margin s·cos(mθ) on normalised logits, ArcFace-style fallback past π/m
        RowLogits multiplicative = (c, yy) -> {
            double[] z = new double[c.length];
            for (int j = 0; j < c.length; j++) {
                z[j] = 8 * c[j];
            }
            double t = clipAcos(c[yy]);
            double big = Math.PI - Math.PI / 3;
            z[yy] = t <= Math.PI / 3 ? 8 * Math.cos(3 * t) : 8 * (c[yy] - big * Math.sin(big));
            return z;
        };
        check(HeadKind.COMBINED, combined(8, 3, 0, 0), x, w, y, multiplicative);
    }

    static void same(HeadEvaluation a, HeadEvaluation b, String what) {
        assertEquals(a.loss(), b.loss(), TOL, what + " loss");
        assertMatrix(a.logits(), b.logits(), TOL, what + " logits");
        assertMatrix(a.gradEmbeddings(), b.gradEmbeddings(), TOL, what + " ∂L/∂x");
        assertMatrix(a.gradWeights(), b.gradWeights(), TOL, what + " ∂L/∂W");
    }

    // ---- AdaCos -----------------------------------------------------------------------------------

    @Test
    void adaCosScalesWorkedByHand() {
        assertEquals(Math.sqrt(2) * Math.log(9), AdaCosHead.fixedScale(10), 1e-15);
        assertEquals(3.1073, AdaCosHead.fixedScale(10), 1e-4); // √2 · 2.19722
        AdaCosHead head = (AdaCosHead) HeadKind.ADACOS.type();
        // two samples, the others at cos 0: B_avg = (1 + 1 + 1 + 1)/2 = 2; θ_y = 60° > 45°, so s = ln 2 / cos 45°
        double s = head.nextScale(7, new double[][] {{0.5, 0, 0}, {0, 0.5, 0}}, new int[] {0, 1});
        assertEquals(Math.sqrt(2) * Math.log(2), s, 1e-12);
        // four samples, C = 2, s_prev = 2, the other class at cos 0.5: each term e^1, B_avg = e, ln B_avg = 1;
        // θ_y = 0.1, 0.2, 0.3, 0.4: torch.median's lower middle value is 0.2, so s = 1 / cos 0.2
        double[][] cos = new double[4][];
        int[] y = new int[4];
        for (int i = 0; i < 4; i++) {
            cos[i] = new double[] {Math.cos(0.1 * (i + 1)), 0.5};
        }
        assertEquals(1 / Math.cos(0.2), head.nextScale(2, cos, y), 1e-12);
    }

    @Test
    void adaCosFixedAndDynamicAgainstTheReference() {
        Random r = new Random(17);
        double[][] x = random(r, 6, 3);
        double[][] w = random(r, 4, 3);
        int[] y = {0, 1, 2, 3, 0, 1};
        double fixed = Math.sqrt(2) * Math.log(3); // C = 4
        HeadParams fixedParams = HeadKind.ADACOS.type().forClasses(HeadParams.defaults(HeadKind.ADACOS), 4);
        HeadEvaluation e = check(HeadKind.ADACOS, fixedParams, x, w, y, (c, yy) -> scaled(c, fixed));
        assertEquals(fixed, e.scale(), 1e-12);
        // dynamic from s_prev = 5: the reference computes s once from the unperturbed batch (no gradient)
        double[][] c = cosines(x, w);
        double b = 0;
        double[] thetaY = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            for (int k = 0; k < 4; k++) {
                b += k == y[i] ? 0 : Math.exp(5 * c[i][k]);
            }
            thetaY[i] = clipAcos(c[i][y[i]]);
        }
        java.util.Arrays.sort(thetaY);
        double s = Math.log(b / y.length) / Math.cos(Math.min(Math.PI / 4, thetaY[2])); // lower middle of 6
        HeadEvaluation d = HeadEvaluation.evaluate(HeadKind.ADACOS, HeadParams.defaults(HeadKind.ADACOS)
                .withDynamic(true).withS(5), x, w, y, null, Precision.FLOAT64);
        assertEquals(s, d.scale(), 1e-12);
        double[][] z = logits(x, w, y, (cc, yy) -> scaled(cc, s));
        assertMatrix(z, d.logits(), TOL, "dynamic logits");
        assertEquals(loss(z, y), d.loss(), TOL);
        assertMatrix(finiteDifference(x, (xx, u) -> loss(logits(xx, w, y, (cc, yy) -> scaled(cc, s)), y)),
                d.gradEmbeddings(), TOL, "dynamic ∂L/∂x");
    }

    static double[] scaled(double[] c, double s) {
        double[] z = new double[c.length];
        for (int j = 0; j < c.length; j++) {
            z[j] = s * c[j];
        }
        return z;
    }

    // ---- Sub-center ArcFace -----------------------------------------------------------------------

    @Test
    void subCenterArcFaceTakesTheNearestSubCenterThenArcFace() {
        Random r = new Random(23);
        int k = 3;
        double[][] x = random(r, 6, 3);
        double[][] w = random(r, 4 * k, 3); // C = 4 classes, row j·k + i = sub-center i of class j
        int[] y = {0, 1, 2, 3, 2, 1};
        double s = 6;
        double m = 0.4;
        RowLogits ref = (c, yy) -> {
            double[] z = new double[c.length / k];
            double[] best = new double[z.length];
            for (int j = 0; j < z.length; j++) {
                best[j] = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < k; i++) {
                    best[j] = Math.max(best[j], c[j * k + i]);
                }
                z[j] = s * best[j];
            }
            double t = clipAcos(best[yy]);
            z[yy] = t <= Math.PI - m ? s * Math.cos(t + m) : s * (best[yy] - m * Math.sin(m));
            return z;
        };
        HeadParams p = HeadParams.defaults(HeadKind.SUBCENTER_ARCFACE).withS(s).withM(m).with("k", k);
        HeadEvaluation e = check(HeadKind.SUBCENTER_ARCFACE, p, x, w, y, ref);
        // only each class's nearest sub-center gets a gradient from a sample's own class term: a sub-center that
        // is nobody's nearest has a zero row
        assertEquals(4 * k, e.gradWeights().length);
        // k = 1 is ArcFace itself
        double[][] w1 = random(r, 4, 3);
        same(HeadEvaluation.evaluate(HeadKind.ARCFACE, new HeadParams(s, m, 0, false), x, w1, y, null, Precision.FLOAT64),
                HeadEvaluation.evaluate(HeadKind.SUBCENTER_ARCFACE, p.with("k", 1), x, w1, y, null, Precision.FLOAT64),
                "k = 1");
    }

    // ---- custom ψ ---------------------------------------------------------------------------------

    static HeadParams custom(String psi, double s, double m) {
        return HeadParams.defaults(HeadKind.CUSTOM).withPsi(psi).withS(s).withM(m);
    }

    @Test
    void customPsiOfArcFaceAndCosFaceIsThoseHeads() {
        Random r = new Random(29);
        double[][] x = random(r, 8, 3);
        double[][] w = random(r, 5, 3);
        int[] y = {0, 1, 2, 3, 4, 0, 1, 2};
        double m = 0.3;
        // keep rows where θ_y + m < π (ArcFace's fallback starts beyond)
        double[][] c = cosines(x, w);
        for (int i = 0; i < y.length; i++) {
            assertTrue(clipAcos(c[i][y[i]]) + m < Math.PI, "row " + i);
        }
        same(HeadEvaluation.evaluate(HeadKind.ARCFACE, new HeadParams(10, m, 0, false), x, w, y, null, Precision.FLOAT64),
                HeadEvaluation.evaluate(HeadKind.CUSTOM, custom("cos(theta + m)", 10, m), x, w, y, null, Precision.FLOAT64),
                "cos(theta + m) = ArcFace");
        same(HeadEvaluation.evaluate(HeadKind.COSFACE, new HeadParams(10, m, 0, false), x, w, y, null, Precision.FLOAT64),
                HeadEvaluation.evaluate(HeadKind.CUSTOM, custom("cos(theta) - m", 10, m), x, w, y, null, Precision.FLOAT64),
                "cos(theta) - m = CosFace");
    }

    @Test
    void customPsiOfEveryOperatorAgainstTheReference() {
        Random r = new Random(31);
        double[][] x = random(r, 6, 3);
        double[][] w = random(r, 4, 3);
        int[] y = {0, 1, 2, 3, 0, 1};
        String psi = "max(cos(theta)^3 - m*theta/pi, -2) + 0.1*exp(-theta) - sqrt(abs(sin(theta))+1)/4"
                + " + log(2 + cos(theta)) * min(1, s/10) - acos(0.5)/10";
        double s = 5;
        double m = 0.25;
        RowLogits ref = (c, yy) -> {
            double[] z = scaled(c, s);
            double t = clipAcos(c[yy]);
            double v = Math.max(Math.pow(Math.cos(t), 3) - m * t / Math.PI, -2) + 0.1 * Math.exp(-t)
                    - Math.sqrt(Math.abs(Math.sin(t)) + 1) / 4 + Math.log(2 + Math.cos(t)) * Math.min(1, s / 10)
                    - Math.acos(0.5) / 10;
            z[yy] = s * v;
            return z;
        };
        check(HeadKind.CUSTOM, custom(psi, s, m), x, w, y, ref);
    }
}
