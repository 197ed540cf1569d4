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
        assertEquals("s 1 → 16 and m 0 → 0.2 over the first 312 iterations", a.scheduleNote());

        TrainingCurvesFigure f = new TrainingCurvesFigure();
        f.setRun(a);
        String sub = ((TextTitle) f.chart().getSubtitle(0)).getText();
        assertTrue(sub.endsWith("; s 1 → 16 and m 0 → 0.2 over the first 312 iterations"), sub);

        TrainConfig sphere = TrainConfig.defaults(HeadKind.SPHEREFACE).withWarmupFor(936);
        RunData sp = RunData.of(null, sphere, List.of(), List.of());
        // the published schedule: λ from 1000 down to λ_min = 5
        assertEquals("sphereface m=4 λ=1000→5", sp.label());
        // no iteration limit: the published γ = 0.12 reaches 5 at (1000/5 − 1)/0.12 = 1658.3, so iteration 1659
        assertEquals("λ 1000 → 5 over the first 1659 iterations", sp.scheduleNote());
        // a 240-iteration run under the published γ ends at 1000/(1 + 0.12·240) = 33.557
        RunData short240 = RunData.of(null, sphere.toBuilder().iterations(240).build(), List.of(), List.of());
        assertEquals("λ 1000 → 33.6 over the 240 iterations (annealing to λ = 5 unfinished)", short240.scheduleNote());
        // lambda_anneal 80: γ = (1000/5 − 1)/80 = 2.4875, and λ(80) = 1000/(1 + 2.4875·80) = 5
        TrainConfig scaled = sphere.toBuilder().iterations(240).lambdaAnneal(80).build();
        assertEquals(2.4875, scaled.lambdaGammaInForce(), 1e-12);
        assertEquals("λ 1000 → 5 over the first 80 iterations", RunData.of(null, scaled, List.of(), List.of()).scheduleNote());
        org.marginlab.loss.MarginSchedule sch = new org.marginlab.loss.MarginSchedule(HeadKind.SPHEREFACE, scaled.headParams(),
                5, scaled.lambdaGammaInForce(), 1, 0);
        assertEquals(5, sch.at(80).lambda(), 1e-9);
        assertEquals(1000 / (1 + 2.4875 * 40), sch.at(40).lambda(), 1e-9);
        assertEquals(5, sch.at(239).lambda(), 0, "held at the floor after the annealing");

        RunData softmax = RunData.of(null, TrainConfig.defaults(HeadKind.SOFTMAX).withWarmupFor(936), List.of(), List.of());
        assertEquals("", softmax.scheduleNote(), "nothing moves in a softmax run");
    }
}
