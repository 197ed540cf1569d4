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
        for (int i = 0; i < boxes.length; i++) {
            assertTrue(plot.contains(boxes[i]), "W" + i + " at " + boxes[i]);
            for (int j = i + 1; j < boxes.length; j++) {
                assertFalse(boxes[i].intersects(boxes[j]), "W" + i + " " + boxes[i] + " on W" + j + " " + boxes[j]);
            }
        }
        // and they stay near where they were wanted: within a few label widths
        for (Rectangle2D b : boxes) {
            assertTrue(Math.abs(b.getCenterX() - 100) < 70, b.toString());
        }
    }
}
