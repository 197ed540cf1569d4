package org.marginlab.figures.theory;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Arc2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.marginlab.figures.Figure;
import org.marginlab.figures.FigureStyle;
import org.marginlab.CsvNumbers;
import org.marginlab.loss.HeadFunctions;
import org.marginlab.loss.HeadKind;
import org.marginlab.loss.HeadParams;

/**
 * AM-Softmax's Fig. 2 for any head: two class weights W₁, W₂ an angle φ apart on the unit circle,
 * and the two decision boundaries between them: where class 1's target logit equals class 2's
 * non-target logit, and vice versa, both for unit-norm features. Between the two lies the margin
 * region, which no feature may enter without losing to one class. Boundaries are found by bisection
 * on the head's own functions, so the picture always matches the loss being trained.
 */
public final class DecisionBoundaryFigure implements HeadFigure {
    /** Stable id: the export file name stem and the {@code --only} name; {@code FigureKind} lists it. */
    public static final String ID = "decision-boundary";

    private HeadKind head = HeadKind.COSFACE;
    private HeadParams params = HeadParams.defaults(HeadKind.COSFACE);
    private double phi = Math.toRadians(90);

    @Override
    public void setHead(HeadKind kind, HeadParams p) {
        head = kind;
        params = p;
    }

    /** Angle between the two class weights, radians in (0, π). */
    public void setWeightAngle(double radians) {
        phi = radians;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Two-class decision boundaries";
    }

    /**
     * Angle from W₁ (towards W₂) at which a unit feature is on class 1's boundary: Z₁(θ) = Z₂(φ − θ)
     * with class 1 the target. Class 2's boundary is at φ minus this angle by symmetry.
     */
    public double boundaryFromW1() {
        HeadFunctions f = HeadFunctions.of(head, params);
        double lo = 0;
        double hi = phi;
        double gLo = gap(f, lo);
        double gHi = gap(f, hi);
        if (gLo <= 0) {
            return 0; // the target never wins, even on W₁ itself
        }
        if (gHi > 0) {
            return phi;
        }
        for (int i = 0; i < 60; i++) {
            double mid = 0.5 * (lo + hi);
            if (gap(f, mid) > 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    private double gap(HeadFunctions f, double theta) {
        return f.targetLogit(theta, 1, 1) - f.otherLogit(phi - theta, 1, 1);
    }

    @Override
    public void draw(Graphics2D g, Rectangle2D area) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(FigureStyle.background());
        g.fill(area);
        g.setColor(FigureStyle.ink());
        g.setFont(FigureStyle.titleFont());
        g.drawString(title(), (float) area.getX() + 12, (float) area.getY() + 22);
        double b1 = boundaryFromW1();
        double b2 = phi - b1;
        g.setFont(FigureStyle.subtitleFont());
        g.setColor(FigureStyle.muted());
        g.drawString(String.format(Locale.ROOT, "%s, unit features, W₁ and W₂ %.0f° apart", head.displayName(),
                        Math.toDegrees(phi)), (float) area.getX() + 12, (float) area.getY() + 40);
        g.drawString(String.format(Locale.ROOT, "boundaries at %.1f° and %.1f° from W₁: margin region %.1f° wide",
                        Math.toDegrees(b1), Math.toDegrees(b2), Math.toDegrees(Math.abs(b2 - b1))),
                (float) area.getX() + 12, (float) area.getY() + 56);

        double top = area.getY() + 70;
        double height = area.getHeight() - 70 - 34;
        if (height < 40 || area.getWidth() < 80) {
            return;
        }
        // Both weights lie in the upper half-plane, so the centre sits low and the upper half fills the plot.
        double r = Math.min((area.getWidth() - 40) / 2.4, height / 1.2);
        double cx = area.getCenterX();
        double cy = top + height - 0.05 * r;
        double a0 = Math.PI / 2 + phi / 2; // W₁ on the left, W₂ on the right, symmetric about vertical
        double a1 = a0 - phi;

        g.setStroke(new BasicStroke(1f));
        g.setColor(FigureStyle.grid());
        g.draw(new Arc2D.Double(cx - r, cy - r, 2 * r, 2 * r, 0, 180, Arc2D.OPEN));
        g.draw(new Line2D.Double(cx - r * 1.1, cy, cx + r * 1.1, cy));
        g.draw(new Line2D.Double(cx, cy - r * 1.1, cx, cy));

        // Margin region: between the two boundaries when class 1's lies beyond class 2's.
        double lowAngle = a0 - Math.max(b1, b2);
        double highAngle = a0 - Math.min(b1, b2);
        if (Math.abs(b1 - b2) > 1e-6) {
            Path2D wedge = new Path2D.Double();
            wedge.moveTo(cx, cy);
            wedge.append(new Arc2D.Double(cx - r * 1.15, cy - r * 1.15, 2.3 * r, 2.3 * r,
                    Math.toDegrees(lowAngle), Math.toDegrees(highAngle - lowAngle), Arc2D.PIE), true);
            wedge.closePath();
            g.setColor(b1 > b2 ? new Color(0xEE6677) : new Color(0x66CCEE));
            g.setComposite(java.awt.AlphaComposite.getInstance(java.awt.AlphaComposite.SRC_OVER, 0.22f));
            g.fill(wedge);
            g.setComposite(java.awt.AlphaComposite.SrcOver);
        }
        Color c1 = FigureStyle.classColor(0);
        Color c2 = FigureStyle.classColor(6);
        ray(g, cx, cy, r * 1.15, a0 - b1, c1, true);
        ray(g, cx, cy, r * 1.15, a0 - b2, c2, true);
        ray(g, cx, cy, r, a0, c1, false);
        ray(g, cx, cy, r, a1, c2, false);
        g.setFont(FigureStyle.labelFont());
        g.setColor(c1);
        g.drawString("W₁", (float) (cx + r * 1.05 * Math.cos(a0) - 18), (float) (cy - r * 1.05 * Math.sin(a0)));
        g.setColor(c2);
        g.drawString("W₂", (float) (cx + r * 1.05 * Math.cos(a1) + 4), (float) (cy - r * 1.05 * Math.sin(a1)));
        g.setFont(FigureStyle.legendFont());
        float ly = (float) (cy + 22);
        if (ly < area.getMaxY() - 4) {
            g.setColor(c1);
            g.drawString("– – class 1 boundary", (float) (cx - r), ly);
            g.setColor(c2);
            g.drawString("– – class 2 boundary", (float) (cx + 10), ly);
        }
    }

    private static void ray(Graphics2D g, double cx, double cy, double len, double angle, Color c, boolean dashed) {
        g.setColor(c);
        g.setStroke(dashed
                ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {7f, 5f}, 0f)
                : new BasicStroke(3f));
        g.draw(new Line2D.Double(cx, cy, cx + len * Math.cos(angle), cy - len * Math.sin(angle)));
    }

    @Override
    public List<String[]> csv() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"head", "s", "m", "lambda", "phi_rad", "boundary1_from_w1_rad", "boundary2_from_w1_rad"});
        double b1 = boundaryFromW1();
        rows.add(new String[] {head.id(), CsvNumbers.of(params.s()), CsvNumbers.of(params.m()),
            CsvNumbers.of(params.lambda()), CsvNumbers.of(phi), CsvNumbers.of(b1), CsvNumbers.of(phi - b1)});
        return rows;
    }

    @Override
    public Map<String, String> viewState() {
        return Map.of("phi_deg", String.format(Locale.ROOT, "%.1f", Math.toDegrees(phi)));
    }
}
