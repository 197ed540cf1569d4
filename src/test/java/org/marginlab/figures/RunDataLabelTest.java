package org.marginlab.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.jfree.chart.title.TextTitle;
import org.junit.jupiter.api.Test;
import org.marginlab.figures.training.TrainingCurvesFigure;
import org.marginlab.loss.HeadKind;
import org.marginlab.config.TrainConfig;

/** Labels of figures that span a whole run say which head parameters moved during it. */
class RunDataLabelTest {

    @Test
    void warmedUpAndAnnealedParametersAreNamedWithTheirCourse() {
        // 936 iterations: the automatic warm-up is a third, 312
        TrainConfig arcface = TrainConfig.defaults(HeadKind.ARCFACE).withWarmupFor(936);
        assertEquals(312, arcface.marginWarmup());
        RunData a = RunData.of(null, arcface, List.of(), List.of());
        assertEquals("s from 1 and m from 0 warmed up over the first 312 iterations", a.scheduleNote());

        TrainingCurvesFigure f = new TrainingCurvesFigure();
        f.setRun(a);
        String sub = ((TextTitle) f.chart().getSubtitle(0)).getText();
        assertTrue(sub.endsWith("; s from 1 and m from 0 warmed up over the first 312 iterations"), sub);

        TrainConfig sphere = TrainConfig.defaults(HeadKind.SPHEREFACE).withWarmupFor(936);
        RunData sp = RunData.of(null, sphere, List.of(), List.of());
        // the published schedule: λ from 1000 down to λ_min = 5
        assertEquals("sphereface m=4 λ=1000→5", sp.label());
        assertEquals("λ annealed from 1000 to 5", sp.scheduleNote());

        RunData softmax = RunData.of(null, TrainConfig.defaults(HeadKind.SOFTMAX).withWarmupFor(936), List.of(), List.of());
        assertEquals("", softmax.scheduleNote(), "nothing moves in a softmax run");
    }
}
