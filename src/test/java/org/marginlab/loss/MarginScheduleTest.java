package org.marginlab.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MarginScheduleTest {

    @Test
    void sphereFaceLambdaAnnealing() {
        // λ = max(5, 1000·(1 + 0.12·it)^−1)
        assertEquals(1000, MarginSchedule.annealedLambda(0, 1000, 0.12, 1, 5), 0);
        assertEquals(1000 / 1.12, MarginSchedule.annealedLambda(1, 1000, 0.12, 1, 5), 1e-12);
        assertEquals(1000 / 2.2, MarginSchedule.annealedLambda(10, 1000, 0.12, 1, 5), 1e-12);
        // 1000/(1 + 0.12·it) reaches 5 between it = 1658 (5.0008) and 1659 (4.998).
        assertEquals(1000 / (1 + 0.12 * 1658), MarginSchedule.annealedLambda(1658, 1000, 0.12, 1, 5), 1e-12);
        assertEquals(5, MarginSchedule.annealedLambda(1659, 1000, 0.12, 1, 5), 0);
        assertEquals(5, MarginSchedule.annealedLambda(1_000_000, 1000, 0.12, 1, 5), 0);
        assertEquals(1000 / (1.12 * 1.12), MarginSchedule.annealedLambda(1, 1000, 0.12, 2, 5), 1e-9);
    }

    @Test
    void linearMarginWarmUp() {
        assertEquals(0, MarginSchedule.warmedMargin(0, 0.35, 100), 0);
        assertEquals(0.175, MarginSchedule.warmedMargin(50, 0.35, 100), 1e-15);
        assertEquals(0.35, MarginSchedule.warmedMargin(100, 0.35, 100), 0);
        assertEquals(0.35, MarginSchedule.warmedMargin(5000, 0.35, 100), 0);
        assertEquals(0.35, MarginSchedule.warmedMargin(0, 0.35, 0), 0); // warm-up off
    }

    @Test
    void linearScaleWarmUp() {
        assertEquals(1, MarginSchedule.warmedScale(0, 7, 500), 0);
        assertEquals(4, MarginSchedule.warmedScale(250, 7, 500), 1e-15); // 1 + 6·0.5
        assertEquals(7, MarginSchedule.warmedScale(500, 7, 500), 0);
        assertEquals(7, MarginSchedule.warmedScale(9000, 7, 500), 0);
        assertEquals(7, MarginSchedule.warmedScale(0, 7, 0), 0); // warm-up off
        assertEquals(0.5, MarginSchedule.warmedScale(3, 0.5, 10), 0); // s below 1 is never raised
    }

    @Test
    void atPicksTheRightScheduleForEachHead() {
        HeadParams sphere = HeadParams.defaults(HeadKind.SPHEREFACE);
        MarginSchedule s = MarginSchedule.standard(HeadKind.SPHEREFACE, sphere, 500);
        assertEquals(1000 / 2.2, s.at(10).lambda(), 1e-12);
        assertEquals(4, s.at(10).m(), 0); // ψ's m is never warmed up
        MarginSchedule l = MarginSchedule.standard(HeadKind.LSOFTMAX, sphere, 0);
        assertEquals(5, l.at(100_000).lambda(), 0);
        HeadParams arc = new HeadParams(30, 0.5, 0, false);
        MarginSchedule a = new MarginSchedule(HeadKind.ARCFACE, arc, 5, 0.12, 1, 200);
        assertEquals(0.25, a.at(100).m(), 1e-15);
        assertEquals(15.5, a.at(100).s(), 1e-12); // 1 + 29·0.5
        assertEquals(30, a.at(200).s(), 0);
        assertEquals(0.5, a.at(200).m(), 0);
        MarginSchedule c = new MarginSchedule(HeadKind.COSFACE, new HeadParams(16, 0.2, 0, false), 5, 0.12, 1, 10);
        assertEquals(0.02, c.at(1).m(), 1e-15);
        assertEquals(2.5, c.at(1).s(), 1e-12); // 1 + 15·0.1
        HeadParams normface = HeadParams.defaults(HeadKind.NORMFACE);
        assertEquals(5.5, new MarginSchedule(HeadKind.NORMFACE, normface, 5, 0.12, 1, 10).at(3).s(), 1e-12);
        assertEquals(normface, new MarginSchedule(HeadKind.NORMFACE, normface, 5, 0.12, 1, 10).at(10));
        HeadParams angular = HeadParams.defaults(HeadKind.ARC);
        assertEquals(1 + 6 * 0.3, new MarginSchedule(HeadKind.ARC, angular, 5, 0.12, 1, 10).at(3).s(), 1e-12);
        assertEquals(0, new MarginSchedule(HeadKind.ARC, angular, 5, 0.12, 1, 10).at(3).m(), 0);
        HeadParams soft = HeadParams.defaults(HeadKind.SOFTMAX);
        assertSame(soft, new MarginSchedule(HeadKind.SOFTMAX, soft, 5, 0.12, 1, 10).at(3)); // s unused
        HeadParams center = HeadParams.defaults(HeadKind.CENTER);
        assertSame(center, new MarginSchedule(HeadKind.CENTER, center, 5, 0.12, 1, 10).at(3)); // λ is a weight here
        assertThrows(IllegalArgumentException.class, () -> new MarginSchedule(HeadKind.ARC, arc, -1, 0.12, 1, 0));
    }

    @Test
    void anAnnealingLengthScalesTheHeadsAnnealedParameterToTheRun() {
        // L-Softmax from λ = 500 to 5 in 80 iterations: γ = (500/5 − 1)/80 = 1.2375, λ(40) = 500/(1 + 1.2375·40) = 500/50.5
        HeadParams p = HeadParams.defaults(HeadKind.LSOFTMAX).withLambda(500);
        MarginSchedule s = new MarginSchedule(HeadKind.LSOFTMAX, p, 5, 0.12, 1, 0, 80);
        assertEquals(1.2375, s.gammaFor(500), 1e-15);
        assertEquals(500 / 50.5, s.at(40).lambda(), 1e-12);
        assertEquals(5, s.at(80).lambda(), 1e-9);
        assertEquals(5, s.at(1000).lambda(), 0, "held at the floor");
        assertEquals(80, s.settledAt());
        // without a length the published γ: 1000 → 5 at (200 − 1)/0.12 = 1658.3, so from iteration 1659
        MarginSchedule published = MarginSchedule.standard(HeadKind.SPHEREFACE, HeadParams.defaults(HeadKind.SPHEREFACE), 0);
        assertEquals(0.12, published.gammaFor(1000), 0);
        assertEquals(1659, published.settledAt());
        assertEquals(Long.MAX_VALUE, new MarginSchedule(HeadKind.SPHEREFACE, HeadParams.defaults(HeadKind.SPHEREFACE), 5, 0, 1, 0)
                .settledAt(), "γ = 0 never reaches the floor");
        // warm-ups settle with the warm-up; an unscheduled head at once
        assertEquals(200, new MarginSchedule(HeadKind.ARCFACE, HeadParams.defaults(HeadKind.ARCFACE), 5, 0.12, 1, 200, 80).settledAt());
        assertEquals(0, new MarginSchedule(HeadKind.SOFTMAX, HeadParams.defaults(HeadKind.SOFTMAX), 5, 0.12, 1, 200, 80).settledAt());
        // the length does not touch a head without an annealed parameter (center's λ is a weight)
        HeadParams center = HeadParams.defaults(HeadKind.CENTER);
        assertSame(center, new MarginSchedule(HeadKind.CENTER, center, 5, 0.12, 1, 10, 80).at(3));
    }

    @Test
    void aConfigWrittenBeforeTheAnnealingLengthReplaysAsItRan() throws Exception {
        // no lambda_anneal key: 0, the configured γ = 0.12, λ(10) = 1000/(1 + 1.2)
        org.marginlab.config.TrainConfig old = org.marginlab.config.ConfigJson.parse(
                "{\"head\": \"sphereface\", \"margin_warmup\": 0}", "old.json");
        assertEquals(0, old.lambdaAnneal());
        assertEquals(0.12, old.lambdaGammaInForce(), 0);
        assertEquals(1000 / 2.2, old.marginSchedule().at(10).lambda(), 1e-12);
        org.marginlab.config.TrainConfig scaled = org.marginlab.config.ConfigJson.parse(
                "{\"head\": \"sphereface\", \"margin_warmup\": 0, \"lambda_anneal\": 80}", "new.json");
        assertEquals(80, scaled.lambdaAnneal());
        assertEquals(2.4875, scaled.lambdaGammaInForce(), 1e-12); // (1000/5 − 1)/80
        assertEquals(5, scaled.marginSchedule().at(80).lambda(), 1e-9);
    }
}
