package org.marginlab.figures.embedding;

import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import org.marginlab.figures.FigureStyle;

/**
 * Places short labels (W0 … W9) near their anchors without stacking them. Each label, in order, takes the
 * first free spot on rings of growing radius around where it was wanted (inside the plot, clear of the
 * labels placed before it), so no two labels overlap whenever the plot has room for them, however the
 * anchors crowd. An earlier version pushed overlapping pairs apart and could stop with two labels still
 * stacked at the plot's edge. Within a few label heights of where it was wanted, a label also keeps clear of
 * the picture's marks (points, rays, boundary lines: {@link Marks}), so no W_j hides under a cluster or a
 * line. A label that had to move gets a thin leader line to its anchor.
 */
final class LabelLayout {
    private static final double GAP = 2;
    /** Candidate spots per ring: fine enough that a free gap one label wide is not stepped over. */
    private static final int DIRECTIONS = 24;
    /** A leader through another label hides that label's name: worse than a label touching many marks. */
    private static final int CROSSING = 100;

    private LabelLayout() {
    }

    /** The marks labels keep clear of: dots (centre and radius) and line segments, in pixels. */
    static final class Marks {
        private final java.util.List<double[]> dots = new java.util.ArrayList<>();
        private final java.util.List<Line2D> lines = new java.util.ArrayList<>();

        void dot(double x, double y, double r) {
            dots.add(new double[] {x, y, r});
        }

        void line(double x1, double y1, double x2, double y2) {
            lines.add(new Line2D.Double(x1, y1, x2, y2));
        }

        /** A placed label's leader line: a label on it would hide it, so it weighs as much as a crossing. */
        private final java.util.List<Line2D> leaders = new java.util.ArrayList<>();

        void leader(Line2D l) {
            leaders.add(l);
        }

        /** How many marks {@code c} (grown by the gap) touches. */
        int hits(Rectangle2D c) {
            double x0 = c.getX() - GAP;
            double y0 = c.getY() - GAP;
            double x1 = c.getMaxX() + GAP;
            double y1 = c.getMaxY() + GAP;
            int n = 0;
            for (double[] d : dots) {
                double dx = Math.max(x0, Math.min(d[0], x1)) - d[0];
                double dy = Math.max(y0, Math.min(d[1], y1)) - d[1];
                if (dx * dx + dy * dy < d[2] * d[2]) {
                    n++;
                }
            }
            for (Line2D l : lines) {
                if (l.intersects(x0, y0, x1 - x0, y1 - y0)) {
                    n++;
                }
            }
            for (Line2D l : leaders) {
                if (l.intersects(x0, y0, x1 - x0, y1 - y0)) {
                    n += CROSSING;
                }
            }
            return n;
        }

        /** The marks {@code box} touches, for tests: dots as "dot x,y" and lines as "line x1,y1–x2,y2". */
        java.util.List<String> touched(Rectangle2D box) {
            java.util.List<String> out = new java.util.ArrayList<>();
            for (double[] d : dots) {
                double nx = Math.max(box.getX(), Math.min(d[0], box.getMaxX()));
                double ny = Math.max(box.getY(), Math.min(d[1], box.getMaxY()));
                if (Math.hypot(nx - d[0], ny - d[1]) < d[2]) {
                    out.add(String.format(java.util.Locale.ROOT, "dot %.0f,%.0f", d[0], d[1]));
                }
            }
            for (Line2D l : java.util.stream.Stream.concat(lines.stream(), leaders.stream()).toList()) {
                if (l.intersects(box)) {
                    out.add(String.format(java.util.Locale.ROOT, "line %.0f,%.0f–%.0f,%.0f", l.getX1(), l.getY1(), l.getX2(), l.getY2()));
                }
            }
            return out;
        }
    }

    /** Moves {@code boxes} (label ink boxes, changed in place) apart and into {@code bounds}. */
    static void spread(Rectangle2D[] boxes, Rectangle2D bounds) {
        spread(boxes, bounds, new Marks());
    }

    /**
     * Moves {@code boxes} apart and into {@code bounds}, each to the nearest spot clear of the labels before it
     * and of {@code marks}; where no spot within a few label heights is clear of the marks, the nearest one
     * clear of the labels that touches the fewest marks.
     */
    static void spread(Rectangle2D[] boxes, Rectangle2D bounds, Marks marks) {
        spread(boxes, bounds, marks, null, 0);
    }

    /**
     * As {@link #spread(Rectangle2D[], Rectangle2D, Marks)}, knowing each label's anchor ({@code anchors[i]} = x, y)
     * and how far from it a label may sit without a leader ({@code wanted}, as {@link #draw} takes it): a moved
     * label's leader line then counts as a mark for the labels placed after it, and a spot whose leader would
     * cross a label placed before counts as touching it, so no leader runs through another W_j.
     */
    static void spread(Rectangle2D[] boxes, Rectangle2D bounds, Marks marks, double[][] anchors, double wanted) {
        for (int i = 0; i < boxes.length; i++) {
            Rectangle2D b = boxes[i];
            double wx = b.getX();
            double wy = b.getY();
            double step = Math.max(1, Math.min(b.getWidth(), b.getHeight()) / 3);
            double farthest = Math.hypot(bounds.getWidth(), bounds.getHeight());
            // beyond this the label would stray from its anchor: take the least crowded spot found so far
            double near = 8 * Math.max(b.getHeight(), b.getWidth());
            Rectangle2D best = null;
            double bestOverlap = Double.POSITIVE_INFINITY;
            int bestHits = Integer.MAX_VALUE;
            rings:
            for (double r = 0; r <= farthest; r += step) {
                int n = r == 0 ? 1 : DIRECTIONS;
                for (int k = 0; k < n; k++) {
                    // starting straight up and turning both ways alternately keeps ties deterministic
                    double a = (k % 2 == 0 ? 1 : -1) * Math.PI * ((k + 1) / 2) / (n / 2.0) - Math.PI / 2;
                    Rectangle2D c = new Rectangle2D.Double(wx + r * Math.cos(a), wy + r * Math.sin(a), b.getWidth(), b.getHeight());
                    clamp(c, bounds);
                    double overlap = overlap(c, boxes, i);
                    int hits = overlap == 0 && r <= near ? marks.hits(c) + CROSSING * crossings(leader(c, anchors, i, wanted), boxes, i)
                            : Integer.MAX_VALUE - 1;
                    if (overlap < bestOverlap || (overlap == 0 && hits < bestHits)) {
                        best = c;
                        bestOverlap = overlap;
                        bestHits = hits;
                        if (overlap == 0 && hits == 0) {
                            break rings;
                        }
                    }
                }
                if (bestOverlap == 0 && r > near) {
                    break;
                }
            }
            b.setRect(best);
            Line2D l = leader(b, anchors, i, wanted);
            if (l != null) {
                marks.leader(l);
            }
        }
    }

    /** The leader line {@link #draw} gives label {@code i} in {@code box}, or null (near its anchor, or none known). */
    private static Line2D leader(Rectangle2D box, double[][] anchors, int i, double wanted) {
        if (anchors == null) {
            return null;
        }
        double ax = anchors[i][0];
        double ay = anchors[i][1];
        if (Math.hypot(box.getCenterX() - ax, box.getCenterY() - ay) <= wanted + box.getHeight()) {
            return null;
        }
        return new Line2D.Double(ax, ay, Math.max(box.getX(), Math.min(ax, box.getMaxX())),
                Math.max(box.getY(), Math.min(ay, box.getMaxY())));
    }

    /** How many of the first {@code placed} boxes (grown by the gap) {@code leader} crosses; 0 for none. */
    private static int crossings(Line2D leader, Rectangle2D[] boxes, int placed) {
        if (leader == null) {
            return 0;
        }
        int n = 0;
        for (int j = 0; j < placed; j++) {
            Rectangle2D o = boxes[j];
            if (leader.intersects(o.getX() - GAP, o.getY() - GAP, o.getWidth() + 2 * GAP, o.getHeight() + 2 * GAP)) {
                n++;
            }
        }
        return n;
    }

    /** Area by which {@code c}, grown by the gap, covers the first {@code placed} boxes. */
    private static double overlap(Rectangle2D c, Rectangle2D[] boxes, int placed) {
        double sum = 0;
        for (int j = 0; j < placed; j++) {
            Rectangle2D o = boxes[j];
            double ox = Math.min(c.getMaxX(), o.getMaxX()) - Math.max(c.getX(), o.getX()) + GAP;
            double oy = Math.min(c.getMaxY(), o.getMaxY()) - Math.max(c.getY(), o.getY()) + GAP;
            if (ox > 0 && oy > 0) {
                sum += ox * oy;
            }
        }
        return sum;
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
        if (far > wanted + box.getHeight()) { // as leader() works it out
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

    private static void clamp(Rectangle2D r, Rectangle2D bounds) {
        double x = Math.max(bounds.getX() + 1, Math.min(r.getX(), bounds.getMaxX() - r.getWidth() - 1));
        double y = Math.max(bounds.getY() + 1, Math.min(r.getY(), bounds.getMaxY() - r.getHeight() - 1));
        r.setRect(x, y, r.getWidth(), r.getHeight());
    }
}
