package org.marginlab.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class FigureStyleTest {

    /** Columns of {@code img} in rows [y0, y1) holding anything but the background. */
    private static int[] inkedColumns(BufferedImage img, int y0, int y1) {
        int first = -1;
        int last = -1;
        for (int x = 0; x < img.getWidth(); x++) {
            for (int y = y0; y < y1; y++) {
                if ((img.getRGB(x, y) & 0xFFFFFF) != (FigureStyle.background().getRGB() & 0xFFFFFF)) {
                    if (first < 0) {
                        first = x;
                    }
                    last = x;
                    break;
                }
            }
        }
        return new int[] {first, last};
    }

    @Test
    void aSubtitleTooWideForItsPanelStaysInsideIt() {
        BufferedImage img = new BufferedImage(220, 60, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        String subtitle = "iteration 240, epoch 1, 500 test probes, AM-Softmax / CosFace s=16 m=0.1";
        Rectangle2D body = FigureStyle.header(g, new Rectangle2D.Double(0, 0, 220, 60), "Embedding", subtitle);
        g.dispose();
        int[] ink = inkedColumns(img, 0, (int) body.getY());
        assertTrue(ink[0] >= 3 && ink[1] <= 216, "header ink spans columns " + ink[0] + "–" + ink[1] + " of 220");
    }

    @Test
    void aSubtitleThatFitsIsDrawnWhole() {
        BufferedImage wide = new BufferedImage(900, 60, BufferedImage.TYPE_INT_RGB);
        BufferedImage narrow = new BufferedImage(220, 60, BufferedImage.TYPE_INT_RGB);
        String subtitle = "iteration 240, epoch 1";
        int[][] spans = new int[2][];
        int i = 0;
        for (BufferedImage img : new BufferedImage[] {wide, narrow}) {
            Graphics2D g = img.createGraphics();
            Rectangle2D body = FigureStyle.header(g, new Rectangle2D.Double(0, 0, img.getWidth(), 60), "", subtitle);
            g.dispose();
            spans[i++] = inkedColumns(img, 0, (int) body.getY());
        }
        // Same text, same size: the same ink width whatever the panel width.
        assertEquals(spans[0][1] - spans[0][0], spans[1][1] - spans[1][0], 1);
    }
}
