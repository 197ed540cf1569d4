package org.marginlab.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.marginlab.figures.theory.DzDthetaFigure;
import org.marginlab.loss.HeadKind;

/** Each head's colour in the theory figures: the original heads keep theirs, the newer ones get their own. */
class HeadColoursTest {

    @Test
    void originalHeadsKeepTheirColoursAndEveryOtherHeadHasItsOwn() {
        Map<HeadKind, Integer> before = Map.of(HeadKind.SOFTMAX, 0x4477AA, HeadKind.CENTER, 0x4477AA,
                HeadKind.ARCFACE, 0xEE6677, HeadKind.SPHEREFACE, 0x228833, HeadKind.LSOFTMAX, 0xCCBB44,
                HeadKind.NORMFACE, 0x66CCEE, HeadKind.COSFACE, 0xAA3377, HeadKind.COMBINED, 0xBBBBBB,
                HeadKind.ARC, 0x000000);
        before.forEach((h, rgb) -> assertEquals(rgb, DzDthetaFigure.color(h).getRGB() & 0xFFFFFF, h.id()));
        for (HeadKind a : HeadKind.values()) {
            for (HeadKind b : HeadKind.values()) {
                // Center loss draws Softmax's curve and shares its colour, as it always has
                boolean pair = (a == HeadKind.SOFTMAX && b == HeadKind.CENTER) || (a == HeadKind.CENTER && b == HeadKind.SOFTMAX);
                if (a.ordinal() < b.ordinal() && !pair) {
                    Color x = DzDthetaFigure.color(a);
                    Color y = DzDthetaFigure.color(b);
                    double d = Math.sqrt(Math.pow(x.getRed() - y.getRed(), 2) + Math.pow(x.getGreen() - y.getGreen(), 2)
                            + Math.pow(x.getBlue() - y.getBlue(), 2));
                    assertTrue(d > 60, a.id() + " and " + b.id() + " too alike: " + d);
                }
            }
        }
    }
}
