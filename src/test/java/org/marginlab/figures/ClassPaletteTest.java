package org.marginlab.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Class colours a projector keeps: WCAG contrast worked out here from the sRGB definition, not the palette's own. */
class ClassPaletteTest {

    /** WCAG 2.x relative luminance, straight from the definition (sRGB transfer, Rec. 709 weights). */
    private static double wcagLuminance(Color c) {
        double[] rgb = {c.getRed() / 255.0, c.getGreen() / 255.0, c.getBlue() / 255.0};
        for (int i = 0; i < 3; i++) {
            rgb[i] = rgb[i] <= 0.03928 ? rgb[i] / 12.92 : Math.pow((rgb[i] + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
    }

    private static double wcagContrast(Color a, Color b) {
        double x = wcagLuminance(a) + 0.05;
        double y = wcagLuminance(b) + 0.05;
        return Math.max(x, y) / Math.min(x, y);
    }

    @Test
    void theContrastFormulaMatchesWcagsOwnExamples() {
        assertEquals(21.0, wcagContrast(Color.BLACK, Color.WHITE), 1e-9);
        // #767676 on white is the classic lightest grey at 4.5:1 (4.54)
        assertEquals(4.54, wcagContrast(new Color(0x767676), Color.WHITE), 0.01);
        assertEquals(wcagContrast(new Color(0x767676), Color.WHITE), ClassPalette.contrast(new Color(0x767676), Color.WHITE), 1e-9);
    }

    @Test
    void everyClassColourKeepsThreeToOneOnBothThemesForEveryClassCount() {
        for (FigureStyle.Look look : new FigureStyle.Look[] {FigureStyle.PAPER, FigureStyle.DARK,
                FigureStyle.PAPER.presentation(), FigureStyle.DARK.presentation()}) {
            for (int n = 2; n <= 100; n++) {
                for (int i = 0; i < n; i++) {
                    Color c = FigureStyle.classColor(look, i, n);
                    double k = wcagContrast(c, look.background());
                    assertTrue(k >= 3.0, String.format("class %d of %d on %s: %.2f:1 (%s)", i, n, look.name(), k, c));
                }
            }
        }
    }

    @Test
    void upToTwentyClassesEachHaveTheirOwnColourSameInEveryCount() {
        for (FigureStyle.Look look : new FigureStyle.Look[] {FigureStyle.PAPER, FigureStyle.DARK}) {
            Set<Integer> seen = new HashSet<>();
            for (int i = 0; i < 20; i++) {
                Color c = FigureStyle.classColor(look, i, 20);
                assertTrue(seen.add(c.getRGB()), "class " + i + " repeats a colour on " + look.name());
                assertEquals(c, FigureStyle.classColor(look, i, Math.max(2, i + 1)), "class " + i + " changes with the count");
                // no two within a just-noticeable RGB step (Euclidean distance 40 in 0..255 units)
                for (int j = 0; j < i; j++) {
                    Color d = FigureStyle.classColor(look, j, 20);
                    double dist = Math.sqrt(Math.pow(c.getRed() - d.getRed(), 2) + Math.pow(c.getGreen() - d.getGreen(), 2)
                            + Math.pow(c.getBlue() - d.getBlue(), 2));
                    assertTrue(dist > 40, "classes " + j + " and " + i + " look alike on " + look.name() + ": " + dist);
                }
            }
        }
    }

    @Test
    void theFirstEightAreOkabeItoHuesAndTheThemesDiffer() {
        // Okabe–Ito blue (#0072B2) and bluish green (#009E73) keep 3:1 on white as they are
        assertEquals(new Color(0x0072B2), FigureStyle.classColor(FigureStyle.PAPER, 0, 10));
        assertEquals(new Color(0x009E73), FigureStyle.classColor(FigureStyle.PAPER, 2, 10));
        // the vanishing class 0 (navy) on the dark theme: now at least 3:1
        assertNotEquals(FigureStyle.classColor(FigureStyle.PAPER, 0, 10), FigureStyle.classColor(FigureStyle.DARK, 0, 10));
    }

    @Test
    void moreThanTwentyClassesFollowASequentialMapEndToEnd() {
        Color first = FigureStyle.classColor(FigureStyle.PAPER, 0, 100);
        Color last = FigureStyle.classColor(FigureStyle.PAPER, 99, 100);
        assertNotEquals(first, last);
        // neighbours differ a little, never jump: a map, not a palette
        for (int i = 1; i < 100; i++) {
            Color a = FigureStyle.classColor(FigureStyle.PAPER, i - 1, 100);
            Color b = FigureStyle.classColor(FigureStyle.PAPER, i, 100);
            double step = Math.abs(a.getRed() - b.getRed()) + Math.abs(a.getGreen() - b.getGreen()) + Math.abs(a.getBlue() - b.getBlue());
            assertTrue(step < 60, "classes " + (i - 1) + " → " + i + " jump by " + step);
        }
        assertThrows(IllegalArgumentException.class, () -> FigureStyle.classColor(FigureStyle.PAPER, 5, 5));
    }
}
