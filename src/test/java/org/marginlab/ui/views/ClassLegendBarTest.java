package org.marginlab.ui.views;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.marginlab.config.TrainConfig;
import org.marginlab.devtools.ScreenshotMaker;
import org.marginlab.figures.FigureStyle;
import org.marginlab.figures.RunData;
import org.marginlab.loss.HeadKind;

/** The comparison's key says what can be done with what is drawn: only spheres are dragged to turn. */
class ClassLegendBarTest {

    @BeforeAll
    static void toolkit() {
        ScreenshotMaker.startToolkit();
    }

    private static String linesFor(int dim, boolean vertical) {
        return ScreenshotMaker.onFx(() -> {
            ClassLegendBar bar = new ClassLegendBar();
            bar.setVertical(vertical);
            TrainConfig c = TrainConfig.defaults(HeadKind.ARCFACE).toBuilder().dim(dim).build();
            bar.show(new RunData(null, c, List.of(), List.of()), List.of(), FigureStyle.PAPER);
            return bar.linesText();
        });
    }

    @Test
    void circlesAreNotOfferedADrag() {
        assertEquals("dashed: W_j direction · line: decision boundary · shaded: margin region", linesFor(2, false));
        assertEquals("dashed: W_j direction\nline: decision boundary\nshaded: margin region", linesFor(2, true));
    }

    @Test
    void spheresAre() {
        assertEquals("dashed: W_j direction · line: decision boundary · shaded: margin region · drag a sphere to turn them all",
                linesFor(3, false));
        assertEquals("dashed: W_j direction\nline: decision boundary\nshaded: margin region\ndrag a sphere to turn them all",
                linesFor(3, true));
    }
}
