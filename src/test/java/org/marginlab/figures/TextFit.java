package org.marginlab.figures;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether every text of a figure can be read whole: its ink inside the panel, not cut by a clip, not cut
 * short with an ellipsis, and not on top of another text.
 */
public final class TextFit {
    /** Ink may touch the edge or a neighbour by this much (antialiasing fringe), in pixels. */
    private static final double SLACK = 0.75;

    private TextFit() {
    }

    /** Draws {@code f} into a {@code w × h} panel in {@code look} and returns what does not fit, one line each. */
    public static List<String> check(Figure f, double w, double h, FigureStyle.Look look) {
        BufferedImage img = new BufferedImage((int) Math.ceil(w), (int) Math.ceil(h), BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        TextRecorder rec = new TextRecorder(g);
        Rectangle2D panel = new Rectangle2D.Double(0, 0, w, h);
        FigureStyle.drawWith(look, () -> f.draw(rec, panel));
        g.dispose();
        return problems(rec.texts(), panel);
    }

    public static List<String> problems(List<TextRecorder.Text> texts, Rectangle2D panel) {
        List<String> out = new ArrayList<>();
        Rectangle2D room = new Rectangle2D.Double(panel.getX() - SLACK, panel.getY() - SLACK,
                panel.getWidth() + 2 * SLACK, panel.getHeight() + 2 * SLACK);
        for (TextRecorder.Text t : texts) {
            Rectangle2D ink = t.ink();
            if (!room.contains(ink)) {
                out.add("'" + t.text() + "' runs outside the " + size(panel) + " panel: " + box(ink));
            } else if (t.clip() != null && !t.clip().contains(shrink(ink))) {
                out.add("'" + t.text() + "' is clipped: " + box(ink));
            }
            if (t.text().contains("…")) {
                out.add("'" + t.text() + "' is cut short");
            }
        }
        for (int i = 0; i < texts.size(); i++) {
            for (int j = i + 1; j < texts.size(); j++) {
                TextRecorder.Text a = texts.get(i);
                TextRecorder.Text b = texts.get(j);
                boolean sameText = a.text().equals(b.text()) && a.ink().equals(b.ink()); // a halo drawn under it
                if (!sameText && overlap(a.inkShape(), b.inkShape())) {
                    out.add("'" + a.text() + "' " + box(a.ink()) + " overlaps '" + b.text() + "' " + box(b.ink()));
                }
            }
        }
        return out;
    }

    /** Whether two ink boxes (rotated ones too) share more than an antialiasing fringe. */
    private static boolean overlap(java.awt.Shape a, java.awt.Shape b) {
        Rectangle2D box = shrink(a.getBounds2D()).createIntersection(shrink(b.getBounds2D()));
        if (box.getWidth() <= 0 || box.getHeight() <= 0) {
            return false;
        }
        java.awt.geom.Area both = new java.awt.geom.Area(a);
        both.intersect(new java.awt.geom.Area(b));
        Rectangle2D common = both.getBounds2D();
        return !both.isEmpty() && common.getWidth() > 2 * SLACK && common.getHeight() > 2 * SLACK;
    }

    private static Rectangle2D shrink(Rectangle2D r) {
        return new Rectangle2D.Double(r.getX() + SLACK, r.getY() + SLACK,
                Math.max(0, r.getWidth() - 2 * SLACK), Math.max(0, r.getHeight() - 2 * SLACK));
    }

    private static String size(Rectangle2D r) {
        return String.format(Locale.ROOT, "%.0f×%.0f", r.getWidth(), r.getHeight());
    }

    private static String box(Rectangle2D r) {
        return String.format(Locale.ROOT, "[%.0f,%.0f %.0f×%.0f]", r.getX(), r.getY(), r.getWidth(), r.getHeight());
    }
}
