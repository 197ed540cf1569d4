package org.marginlab.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.marginlab.loss.HeadKind;

/** The live row offers every live parameter a head declares, from the head's list, then warm-up and lr. */
class LiveFieldTest {

    private static List<String> labels(HeadKind h) {
        return LiveField.forHead(h).stream().map(LiveField::label).toList();
    }

    @Test
    void eachHeadsLiveRowFollowsItsDeclaredParameters() {
        // combined: s, m1, m2, m3 all change live; s and m1 warm up from 1, m2 and m3 from 0 → a warm-up knob
        assertEquals(List.of("s", "m₁", "m₂", "m₃", "warm-up", "lr"), labels(HeadKind.COMBINED));
        // ArcFace: s and m (warm-up), not its easy-margin flag
        assertEquals(List.of("s", "m", "warm-up", "lr"), labels(HeadKind.ARCFACE));
        // k reshapes the weight block: not live; s and m are
        assertEquals(List.of("s", "m", "warm-up", "lr"), labels(HeadKind.SUBCENTER_ARCFACE));
        // AdaCos sets s itself, nothing warms up: only the learning rate
        assertEquals(List.of("lr"), labels(HeadKind.ADACOS));
        // SphereFace: integer m and λ (annealed, not warmed up)
        assertEquals(List.of("m", "λ", "lr"), labels(HeadKind.SPHEREFACE));
        assertEquals(List.of("lr"), labels(HeadKind.SOFTMAX));
    }

    @Test
    void aCombinedMarginChangesLiveAndReadsBackFromChangesCsv() {
        LiveField m2 = LiveField.fromId("m2");
        assertEquals(LiveField.forHead(HeadKind.COMBINED).get(2), m2);
        TrainConfig c = TrainConfig.defaults(HeadKind.COMBINED);
        TrainConfig changed = m2.with(c, 0.4);
        assertEquals(0.4, m2.get(changed));
        assertEquals(0.4, changed.headParams().m2());
        ConfigException e = assertThrows(ConfigException.class, () -> LiveField.fromId("m3").with(c, 3));
        assertEquals("Cosine margin m₃ must be a number in [0, 2] (got 3)", e.getMessage());
    }
}
