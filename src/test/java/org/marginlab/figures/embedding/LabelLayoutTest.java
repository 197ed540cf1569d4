package org.marginlab.figures.embedding;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Rectangle2D;
import org.junit.jupiter.api.Test;

class LabelLayoutTest {

    @Test
    void labelsOfRaysThatPointTogetherEndApartAndInsideThePlot() {
        Rectangle2D plot = new Rectangle2D.Double(0, 0, 200, 200);
        // W4, W5, W6 of a real run: rays 2–3° apart, labels 16 × 9 px, at the top edge of the plot
        Rectangle2D[] boxes = new Rectangle2D[6];
        for (int i = 0; i < boxes.length; i++) {
            boxes[i] = new Rectangle2D.Double(92 + i * 1.5, -3 + i * 0.4, 16, 9);
        }
        LabelLayout.spread(boxes, plot);
        assertApartAndInside(boxes, plot, "");
        // and they stay near where they were wanted: within a few label widths
        for (Rectangle2D b : boxes) {
            assertTrue(Math.abs(b.getCenterX() - 100) < 70, b.toString());
        }
    }

    /**
     * Crowds that made the old push-apart layout stop with labels stacked: ten labels wanted within a few
     * pixels of one point, anywhere in the plot including its corners, in plots with room for them all.
     */
    @Test
    void crowdedLabelsNeverOverlapWhereverTheyAreWanted() {
        java.util.Random random = new java.util.Random(17);
        for (int trial = 0; trial < 300; trial++) {
            double size = 90 + random.nextInt(150);
            Rectangle2D plot = new Rectangle2D.Double(10, 20, size, size);
            double cx = plot.getX() + random.nextDouble() * size;
            double cy = plot.getY() + random.nextDouble() * size;
            Rectangle2D[] boxes = new Rectangle2D[10];
            for (int i = 0; i < boxes.length; i++) {
                boxes[i] = new Rectangle2D.Double(cx - 8 + random.nextGaussian() * 3, cy - 4.5 + random.nextGaussian() * 3, 16, 9);
            }
            LabelLayout.spread(boxes, plot);
            assertApartAndInside(boxes, plot, "trial " + trial + ": ");
        }
    }

    /**
     * Ten rays crowded into a quarter of a small compact cell (issue #26: a leader ran under another W_j): the
     * labels that had to move get leaders, and (all but one in 2000) no leader line crosses another label's box.
     */
    @Test
    void noLeaderRunsThroughAnotherLabel() {
        java.util.Random random = new java.util.Random(5);
        int crossed = 0;
        for (int trial = 0; trial < 200; trial++) {
            double size = 180 + random.nextInt(120);
            Rectangle2D plot = new Rectangle2D.Double(0, 0, size, size);
            double cx = size / 2;
            double cy = size / 2;
            double rr = 0.4 * size;
            Rectangle2D[] boxes = new Rectangle2D[10];
            double[][] anchors = new double[10][];
            for (int i = 0; i < boxes.length; i++) {
                double a = -Math.PI / 2 + (random.nextDouble() - 0.5) * 0.6; // all within ±17° of straight up
                anchors[i] = new double[] {cx + rr * Math.cos(a), cy + rr * Math.sin(a)};
                boxes[i] = new Rectangle2D.Double(anchors[i][0] + 12 * Math.cos(a) - 8, anchors[i][1] + 12 * Math.sin(a) - 4.5, 16, 9);
            }
            LabelLayout.Marks marks = new LabelLayout.Marks(); // as the figures mark them: each ray and its tip
            for (double[] a : anchors) {
                marks.line(cx, cy, a[0], a[1]);
                marks.dot(a[0], a[1], 3);
            }
            LabelLayout.spread(boxes, plot, marks, anchors, 12);
            assertApartAndInside(boxes, plot, "trial " + trial + ": ");
            for (int i = 0; i < boxes.length; i++) {
                Rectangle2D b = boxes[i];
                if (Math.hypot(b.getCenterX() - anchors[i][0], b.getCenterY() - anchors[i][1]) <= 12 + b.getHeight()) {
                    continue; // no leader drawn
                }
                java.awt.geom.Line2D leader = new java.awt.geom.Line2D.Double(anchors[i][0], anchors[i][1],
                        Math.max(b.getX(), Math.min(anchors[i][0], b.getMaxX())), Math.max(b.getY(), Math.min(anchors[i][1], b.getMaxY())));
                for (int j = 0; j < boxes.length; j++) {
                    if (j != i && leader.intersects(boxes[j])) {
                        crossed++;
                    }
                }
            }
        }
        // 2000 labels in crowds no real run makes: with the leaders left out of the placement 540 leaders cross a
        // label; with them counted one does, in a crowd where every spot near its anchor has one
        assertTrue(crossed <= 1, crossed + " leaders cross another label");
    }

    private static void assertApartAndInside(Rectangle2D[] boxes, Rectangle2D plot, String where) {
        for (int i = 0; i < boxes.length; i++) {
            assertTrue(plot.contains(boxes[i]), where + "W" + i + " at " + boxes[i]);
            for (int j = i + 1; j < boxes.length; j++) {
                assertFalse(boxes[i].intersects(boxes[j]), where + "W" + i + " " + boxes[i] + " on W" + j + " " + boxes[j]);
            }
        }
    }
}
