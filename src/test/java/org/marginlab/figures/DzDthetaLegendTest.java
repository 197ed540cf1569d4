package org.marginlab.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.marginlab.figures.theory.DzDthetaFigure;
import org.marginlab.loss.HeadKind;
import org.marginlab.loss.HeadParams;

/** The ∂Z/∂θ overview's legend: every head drawn has its own readable entry, also at 1024 px. */
class DzDthetaLegendTest {

    private static List<String> texts(DzDthetaFigure f, double w, double h) {
        BufferedImage img = new BufferedImage((int) w, (int) h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        TextRecorder rec = new TextRecorder(g);
        f.draw(rec, new Rectangle2D.Double(0, 0, w, h));
        g.dispose();
        return rec.texts().stream().map(TextRecorder.Text::text).toList();
    }

    @Test
    void everyHeadDrawnHasAWholeEntryAt1024() {
        for (boolean unit : new boolean[] {true, false}) {
            DzDthetaFigure f = new DzDthetaFigure();
            f.setHead(HeadKind.SUBCENTER_ARCFACE, HeadParams.defaults(HeadKind.SUBCENTER_ARCFACE));
            f.setUnitScale(unit);
            assertEquals(List.of(), TextFit.check(f, 1024, 700, FigureStyle.PAPER), "unit scale " + unit);
            assertEquals(List.of(), TextFit.check(f, 1024, 560, FigureStyle.DARK), "unit scale " + unit);
            List<String> drawn = texts(f, 1024, 700);
            // the twelve heads but the custom ψ, which is drawn only when selected (sub-center ArcFace is selected here)
            for (HeadKind h : HeadKind.values()) {
                if (h == HeadKind.CUSTOM) {
                    continue;
                }
                String name = h.type().displayName();
                assertTrue(drawn.stream().anyMatch(t -> t.startsWith(name) || t.startsWith("= " + name)),
                        (unit ? "s = 1: " : "own s: ") + name + " has no legend entry in " + drawn);
            }
        }
    }
}
