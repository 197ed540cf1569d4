package org.marginlab.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
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
        BufferedImage img = new BufferedImage(220, 90, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        String subtitle = "iteration 240 of 468 (0.51 epoch), 500 test probes, AM-Softmax / CosFace s=16 m=0.1";
        Rectangle2D body = FigureStyle.header(g, new Rectangle2D.Double(0, 0, 220, 90), "Embedding", subtitle);
        g.dispose();
        int[] ink = inkedColumns(img, 0, (int) body.getY());
        assertTrue(ink[0] >= 3 && ink[1] <= 216, "header ink spans columns " + ink[0] + "–" + ink[1] + " of 220");
    }

    @Test
    void aSubtitleTooWideForItsPanelBreaksAtACommaIntoTwoWholeLines() {
        BufferedImage img = new BufferedImage(260, 80, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setFont(FigureStyle.subtitleFont());
        String subtitle = "iteration 240 of 468 (0.51 epoch), 500 test probes, ArcFace s = 16, m = 0.2";
        double whole = g.getFontMetrics().getStringBounds(subtitle, g).getWidth();
        double room = whole * 0.6;
        var lines = FigureStyle.subtitleLines(g, subtitle, room);
        assertEquals(2, lines.size(), lines.toString());
        assertEquals(subtitle, lines.get(0) + " " + lines.get(1));
        assertTrue(lines.get(0).endsWith(","), lines.get(0));
        for (String line : lines) {
            assertTrue(g.getFontMetrics().getStringBounds(line, g).getWidth() <= room, line + " wider than " + room);
        }
        assertEquals(List.of(subtitle), FigureStyle.subtitleLines(g, subtitle, whole + 1));
        // drawn, the header grows by one subtitle line
        double oneLine = FigureStyle.header(g, new Rectangle2D.Double(0, 0, 2000, 80), "Embedding", subtitle).getY();
        double twoLines = FigureStyle.header(g, new Rectangle2D.Double(0, 0, 260, 80), "Embedding", subtitle).getY();
        g.setFont(FigureStyle.subtitleFont());
        var fm = g.getFontMetrics();
        assertEquals(oneLine + 2 + fm.getAscent() + fm.getDescent(), twoLines, 1e-9);
        g.dispose();
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

    /** The corner pixel and the title's darkest-or-lightest ink of {@code f} drawn 300 × 200 in {@code look}. */
    private static int[] corner(Figure f, FigureStyle.Look look) {
        BufferedImage img = new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        FigureStyle.drawWith(look, () -> f.draw(g, new Rectangle2D.Double(0, 0, 300, 200)));
        g.dispose();
        return new int[] {img.getRGB(2, 2) & 0xFFFFFF, img.getRGB(298, 198) & 0xFFFFFF};
    }

    @Test
    void oneFigureDrawsInTheLookItIsDrawnIn() {
        Figure chart = new org.marginlab.figures.theory.STradeoffFigure(); // JFreeChart-drawn
        Figure noData = new org.marginlab.figures.embedding.EmbeddingCircleFigure(); // hand-drawn note
        for (Figure f : new Figure[] {chart, noData}) {
            int dark = FigureStyle.DARK.background().getRGB() & 0xFFFFFF;
            int paper = FigureStyle.PAPER.background().getRGB() & 0xFFFFFF;
            assertEquals(dark, corner(f, FigureStyle.DARK)[0], f.id());
            assertEquals(paper, corner(f, FigureStyle.PAPER)[0], f.id() + ": back to paper after a dark paint");
            // outside drawWith (exports, the CLI) it is paper
            BufferedImage img = new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            f.draw(g, new Rectangle2D.Double(0, 0, 300, 200));
            g.dispose();
            assertEquals(paper, img.getRGB(2, 2) & 0xFFFFFF, f.id());
        }
        // presentation mode: 16 px titles become 16 × 1.3 = 20.8 px, 2.7 px points 4.32 px
        float[] title = new float[1];
        double[] point = new double[1];
        FigureStyle.drawWith(FigureStyle.PAPER.presentation(), () -> {
            title[0] = FigureStyle.titleFont().getSize2D();
            point[0] = FigureStyle.point(2.7);
        });
        assertEquals(20.8f, title[0], 1e-5);
        assertEquals(4.32, point[0], 1e-12);
        assertEquals(16f, FigureStyle.titleFont().getSize2D(), 0);
    }

    /**
     * A live-parameter title a little too wide even at three quarters size loses its closing "(warm-up)"
     * before any character is cut: the arrows still say s and m move.
     */
    @Test
    void aTitleTooWideDropsTheScheduleRemarkBeforeCuttingIt() {
        BufferedImage img = new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setFont(FigureStyle.titleFont());
        String bare = "ArcFace s = 5.23 → 16, m = 0.0564 → 0.2";
        String full = bare + " (warm-up)";
        java.awt.Font small = g.getFont().deriveFont(g.getFont().getSize2D() * 0.75f);
        double bareWidth = g.getFontMetrics(small).getStringBounds(bare, g).getWidth();
        double fullWidth = g.getFontMetrics(small).getStringBounds(full, g).getWidth();
        double room = (bareWidth + fullWidth) / 2; // fits the bare title at ¾ size, not the full one
        TextRecorder rec = new TextRecorder(g);
        FigureStyle.drawCentredFitting(rec, full, new Rectangle2D.Double(0, 0, room + 8, 40), 20);
        assertEquals(java.util.List.of(bare), rec.texts().stream().map(TextRecorder.Text::text).toList());
        // a remark that is not the schedule's stays and is cut like any text
        TextRecorder other = new TextRecorder(g);
        FigureStyle.drawCentredFitting(other, bare + " (PCA of d=16)", new Rectangle2D.Double(0, 0, room + 8, 40), 20);
        assertTrue(other.texts().getFirst().text().endsWith("…"), other.texts().getFirst().text());
        g.dispose();
    }
}
