package org.marginlab.reproduce;

import org.junit.jupiter.api.Test;
import org.marginlab.loss.HeadKind;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OpenSetPresetTest {

    @Test
    void everyHeadHoldsOutBagAndAnkleBoot() {
        for (boolean quick : new boolean[] {true, false}) {
            Plan p = Presets.plan(OpenSetPreset.ID, quick, null, null);
            assertEquals(Presets.ALL_HEADS, p.runs().stream().map(r -> r.config().head()).toList());
            for (PlannedRun r : p.runs()) {
                assertEquals(List.of(8, 9), r.config().holdoutClasses());
                assertEquals(quick ? 240 : 0, r.config().iterations());
            }
        }
        assertEquals(HeadKind.SOFTMAX, Presets.plan(OpenSetPreset.ID, true, null, null).runs().get(0).config().head());
    }

    @Test
    void spearmanUsesAverageRanksForTies() {
        assertEquals(-1, OpenSetPreset.spearman(new double[] {1, 2, 3}, new double[] {3, 2, 1}), 1e-15);
        // ranks (1.5, 1.5, 3) and (1, 2, 3): deviations (−½, −½, 1) and (−1, 0, 1): 1.5 / √(1.5 · 2)
        assertEquals(1.5 / Math.sqrt(3), OpenSetPreset.spearman(new double[] {1, 1, 2}, new double[] {1, 2, 3}), 1e-15);
    }
}
