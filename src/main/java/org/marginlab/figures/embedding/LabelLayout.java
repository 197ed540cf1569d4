package org.marginlab.figures.embedding;

import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import org.marginlab.figures.FigureStyle;

/**
 * Places short labels (W0 … W9) near their anchors without stacking them: overlapping boxes are pushed
 * apart along the axis they overlap least on, a few pixels at a time, and kept inside the plot. Ten
 * labels settle in a few dozen rounds; a label that had to move gets a thin leader line to its anchor.
 */
final class LabelLayout {
    private static final double GAP = 2;
    private static final int ROUNDS = 400;

    private LabelLayout() {
    }

    /** Moves {@code boxes} (label ink boxes, changed in place) apart and into {@code bounds}. */
    static void spread(Rectangle2D[] boxes, Rectangle2D bounds) {
        for (Rectangle2D b : boxes) {
            clamp(b, bounds);
        }
        for (int round = 0; round < ROUNDS; round++) {
            boolean moved = false;
            for (int i = 0; i < boxes.length; i++) {
                for (int j = i + 1; j < boxes.length; j++) {
                    Rectangle2D a = boxes[i];
                    Rectangle2D b = boxes[j];
                    double ox = Math.min(a.getMaxX(), b.getMaxX()) - Math.max(a.getX(), b.getX()) + GAP;
                    double oy = Math.min(a.getMaxY(), b.getMaxY()) - Math.max(a.getY(), b.getY()) + GAP;
                    if (ox <= 0 || oy <= 0) {
                        continue;
                    }
                    moved = true;
                    // ties (same centre) split by index, so the result does not depend on chance
                    boolean aFirstX = a.getCenterX() < b.getCenterX() || (a.getCenterX() == b.getCenterX() && i < j);
                    boolean aFirstY = a.getCenterY() < b.getCenterY() || (a.getCenterY() == b.getCenterY() && i < j);
                    // along the axis they overlap least on, unless a box there is pinned at the edge
                    boolean pinnedX = atEdgeX(a, bounds) || atEdgeX(b, bounds);
                    boolean pinnedY = atEdgeY(a, bounds) || atEdgeY(b, bounds);
                    if ((ox < oy && !pinnedX) || pinnedY) {
                        double d = ox / 2 + 0.5;
                        shift(a, aFirstX ? -d : d, 0);
                        shift(b, aFirstX ? d : -d, 0);
                    } else {
                        double d = oy / 2 + 0.5;
                        shift(a, 0, aFirstY ? -d : d);
                        shift(b, 0, aFirstY ? d : -d);
                    }
                    clamp(a, bounds);
                    clamp(b, bounds);
                }
            }
            if (!moved) {
                return;
            }
        }
    }

    /** The ink box of {@code text} centred on (x, y) in the current font. */
    static Rectangle2D box(Graphics2D g, String text, double x, double y) {
        Rectangle2D v = g.getFont().createGlyphVector(g.getFontRenderContext(), text).getVisualBounds();
        return new Rectangle2D.Double(x - v.getWidth() / 2, y - v.getHeight() / 2, v.getWidth(), v.getHeight());
    }

    /** Draws {@code text} with its ink exactly in {@code box}, and a leader line from (ax, ay) when it moved away. */
    static void draw(Graphics2D g, String text, Rectangle2D box, double ax, double ay, double wanted) {
        Rectangle2D v = g.getFont().createGlyphVector(g.getFontRenderContext(), text).getVisualBounds();
        double far = Math.hypot(box.getCenterX() - ax, box.getCenterY() - ay);
        if (far > wanted + box.getHeight()) {
            var c = g.getColor();
            g.setColor(FigureStyle.muted());
            g.setStroke(FigureStyle.stroke(0.7));
            double ex = Math.max(box.getX(), Math.min(ax, box.getMaxX()));
            double ey = Math.max(box.getY(), Math.min(ay, box.getMaxY()));
            g.draw(new Line2D.Double(ax, ay, ex, ey));
            g.setColor(c);
        }
        g.drawString(text, (float) (box.getX() - v.getX()), (float) (box.getY() - v.getY()));
    }

    private static boolean atEdgeX(Rectangle2D r, Rectangle2D bounds) {
        return r.getX() <= bounds.getX() + 1.01 || r.getMaxX() >= bounds.getMaxX() - 1.01;
    }

    private static boolean atEdgeY(Rectangle2D r, Rectangle2D bounds) {
        return r.getY() <= bounds.getY() + 1.01 || r.getMaxY() >= bounds.getMaxY() - 1.01;
    }

    private static void shift(Rectangle2D r, double dx, double dy) {
        r.setRect(r.getX() + dx, r.getY() + dy, r.getWidth(), r.getHeight());
    }

    private static void clamp(Rectangle2D r, Rectangle2D bounds) {
        double x = Math.max(bounds.getX() + 1, Math.min(r.getX(), bounds.getMaxX() - r.getWidth() - 1));
        double y = Math.max(bounds.getY() + 1, Math.min(r.getY(), bounds.getMaxY() - r.getHeight() - 1));
        r.setRect(x, y, r.getWidth(), r.getHeight());
    }
}
