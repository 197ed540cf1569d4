package org.marginlab.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The text check itself: it must see text that leaves its panel, is clipped, cut short or stacked. */
class TextFitTest {

    /** A figure that writes {@code texts[i]} at {@code at[i]} (x, baseline) in 12 px DejaVu Sans. */
    private static Figure writing(String[] texts, double[][] at, Rectangle2D clip) {
        return new Figure() {
            public String id() {
                return "t";
            }

            public String title() {
                return "t";
            }

            public void draw(Graphics2D g, Rectangle2D area) {
                g.setFont(new java.awt.Font(FigureStyle.FONT_FAMILY, java.awt.Font.PLAIN, 12));
                if (clip != null) {
                    g.clip(clip);
                }
                for (int i = 0; i < texts.length; i++) {
                    g.drawString(texts[i], (float) at[i][0], (float) at[i][1]);
                }
            }

            public List<String[]> csv() {
                return List.of();
            }
        };
    }

    @Test
    void textInsideItsPanelPasses() {
        assertEquals(List.of(), TextFit.check(writing(new String[] {"W1", "W2"}, new double[][] {{10, 20}, {40, 20}}, null),
                100, 40, FigureStyle.PAPER));
    }

    @Test
    void textOverTheRightEdgeIsReported() {
        // "margin region" is ~80 px wide in 12 px DejaVu Sans: from x = 60 it ends past 100
        List<String> p = TextFit.check(writing(new String[] {"margin region"}, new double[][] {{60, 20}}, null),
                100, 40, FigureStyle.PAPER);
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("'margin region' runs outside the 100×40 panel"), p.get(0));
    }

    @Test
    void stackedClippedAndShortenedTextIsReported() {
        List<String> stacked = TextFit.check(writing(new String[] {"W4", "W6"}, new double[][] {{10, 20}, {16, 22}}, null),
                100, 40, FigureStyle.PAPER);
        assertEquals(1, stacked.size(), stacked.toString());
        assertTrue(stacked.get(0).contains("'W4'") && stacked.get(0).contains("overlaps 'W6'"), stacked.get(0));

        List<String> clipped = TextFit.check(writing(new String[] {"legend"}, new double[][] {{10, 20}},
                new Rectangle2D.Double(0, 0, 25, 40)), 100, 40, FigureStyle.PAPER);
        assertEquals(1, clipped.size(), clipped.toString());
        assertTrue(clipped.get(0).startsWith("'legend' is clipped"), clipped.get(0));

        List<String> cut = TextFit.check(writing(new String[] {"margin region 8.1° wid…"}, new double[][] {{2, 20}}, null),
                400, 40, FigureStyle.PAPER);
        assertEquals(List.of("'margin region 8.1° wid…' is cut short"), cut);
    }
}
