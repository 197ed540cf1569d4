package org.marginlab.figures.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.marginlab.figures.FigureStyle;
import org.marginlab.figures.TextRecorder;

/**
 * A compare cell's title shows every value of a head in warm-up, however narrow the cell: issue #26 saw
 * "AM-Softmax / CosFace s = 1.38 → …" in a four-head presentation cell.
 */
class CompactHeaderTest {

    private static List<String> drawn(String title, double width) {
        BufferedImage img = new BufferedImage(10, 10, BufferedImage.TYPE_INT_ARGB);
        TextRecorder g = new TextRecorder(img.createGraphics());
        FigureStyle.drawWith(FigureStyle.PAPER.presentation(),
                () -> EmbeddingCircleFigure.compactHeader(g, new Rectangle2D.Double(0, 0, width, 300), title));
        return g.texts().stream().map(TextRecorder.Text::text).toList();
    }

    @Test
    void aLongHeadInWarmUpBreaksAfterItsNameWhereTheFirstParameterDoesNotFit() {
        String title = "AM-Softmax / CosFace s = 1.38 → 16, m = 0.0026 → 0.1 (warm-up)";
        assertEquals(List.of(title), drawn(title, 2000), "a wide cell: one line");
        assertEquals(List.of("AM-Softmax / CosFace", "s = 1.38 → 16, m = 0.0026 → 0.1 (warm-up)"), drawn(title, 330));
        assertEquals(List.of("ArcFace s = 1.19 → 16,", "m = 0.0026 → 0.2 (warm-up)"),
                drawn("ArcFace s = 1.19 → 16, m = 0.0026 → 0.2 (warm-up)", 330), "a short name keeps s beside it");
    }
}
