package org.marginlab.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;

import org.junit.jupiter.api.Test;
import org.marginlab.figures.export.FigureExporter;
import org.marginlab.loss.HeadKind;
import org.marginlab.loss.HeadParams;

class DecisionBoundaryFigureTest {

    @Test
    void boundariesMatchTheClosedForms() {
        DecisionBoundaryFigure f = new DecisionBoundaryFigure();
        f.setWeightAngle(Math.PI / 2);
        // Softmax-like NormFace: the boundary bisects the two weights.
        f.setHead(HeadKind.NORMFACE, new HeadParams(16, 0, 0, false));
        assertEquals(Math.PI / 4, f.boundaryFromW1(), 1e-9);
        // CosFace, φ = 90°: cos θ − m = sin θ  ⇔  √2 cos(θ + 45°) = m.
        f.setHead(HeadKind.COSFACE, new HeadParams(16, 0.2, 0, false));
        assertEquals(Math.acos(0.2 / Math.sqrt(2)) - Math.PI / 4, f.boundaryFromW1(), 1e-9);
        // ArcFace: θ + m = φ − θ.
        f.setHead(HeadKind.ARCFACE, new HeadParams(16, 0.2, 0, false));
        assertEquals((Math.PI / 2 - 0.2) / 2, f.boundaryFromW1(), 1e-9);
        // The angular loss has no margin: s(π − θ) = s(π − (φ − θ)).
        f.setHead(HeadKind.ARC, new HeadParams(7, 0, 0, false));
        assertEquals(Math.PI / 4, f.boundaryFromW1(), 1e-9);
    }

    @Test
    void drawsTheMarginWedge() {
        DecisionBoundaryFigure f = new DecisionBoundaryFigure();
        f.setHead(HeadKind.COSFACE, new HeadParams(16, 0.35, 0, false));
        BufferedImage img = FigureExporter.image(f, 1);
        assertEquals(f.preferredSize().width, img.getWidth());
        // Straight up from the centre lies inside the margin region (between the two boundaries), tinted.
        double height = img.getHeight() - 104;
        double r = Math.min((img.getWidth() - 40) / 2.4, height / 1.2);
        int cx = img.getWidth() / 2;
        double cy = 70 + height - 0.05 * r;
        int rgb = img.getRGB(cx + 3, (int) (cy - r / 2));
        int red = (rgb >> 16) & 255;
        int blue = rgb & 255;
        assertTrue(blue > red, "blue-tinted margin region above the centre, got " + Integer.toHexString(rgb));
    }
}
