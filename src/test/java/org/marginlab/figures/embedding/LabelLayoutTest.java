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

    private static void assertApartAndInside(Rectangle2D[] boxes, Rectangle2D plot, String where) {
        for (int i = 0; i < boxes.length; i++) {
            assertTrue(plot.contains(boxes[i]), where + "W" + i + " at " + boxes[i]);
            for (int j = i + 1; j < boxes.length; j++) {
                assertFalse(boxes[i].intersects(boxes[j]), where + "W" + i + " " + boxes[i] + " on W" + j + " " + boxes[j]);
            }
        }
    }
}
