package org.marginlab.figures.theory;

import org.marginlab.figures.AngleUnit;
import org.marginlab.figures.ChartFigure;
import org.marginlab.loss.HeadKind;
import org.marginlab.loss.HeadParams;

/** An analytic figure: drawn from the heads' closed forms for a selected head and its parameters. */
public abstract class TheoryFigure extends ChartFigure {

    protected HeadKind head = HeadKind.ARC;
    protected HeadParams params = HeadParams.defaults(HeadKind.ARC);
    protected AngleUnit unit = AngleUnit.DEGREES;

    /** The head the user is looking at, with its current parameters (drawn highlighted or marked). */
    public void setHead(HeadKind kind, HeadParams p) {
        this.head = kind;
        this.params = p;
        invalidate();
    }

    public HeadKind head() {
        return head;
    }

    public HeadParams params() {
        return params;
    }

    public void setAngleUnit(AngleUnit u) {
        this.unit = u;
        invalidate();
    }

    public AngleUnit angleUnit() {
        return unit;
    }

    /** Label of a head with the params it reads, e.g. {@code "ArcFace s=16 m=0.2"}. */
    public static String label(HeadKind k, HeadParams p, boolean withS) {
        StringBuilder b = new StringBuilder(k.displayName());
        for (String name : HeadParams.usedBy(k)) {
            switch (name) {
                case "s" -> {
                    if (withS) {
                        b.append(" s=").append(org.marginlab.figures.Fmt.num(p.s()));
                    }
                }
                case "m" -> b.append(" m=").append(org.marginlab.figures.Fmt.num(p.m()));
                case "lambda" -> {
                    if (k != HeadKind.CENTER) {
                        b.append(" λ=").append(org.marginlab.figures.Fmt.num(p.lambda()));
                    }
                }
                case "easy_margin" -> {
                    if (p.easyMargin()) {
                        b.append(" easy");
                    }
                }
                default -> { }
            }
        }
        return b.toString();
    }

    /** Sample grid over [0, π], inclusive. */
    protected static double[] thetaGrid(int n) {
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = Math.PI * i / (n - 1);
        }
        return t;
    }
}
