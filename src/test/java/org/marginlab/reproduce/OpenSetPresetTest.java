package org.marginlab.reproduce;

import org.junit.jupiter.api.Test;
import org.marginlab.loss.HeadKind;
import org.marginlab.metrics.openset.OpenSetMetrics;
import org.marginlab.metrics.openset.Retrieval;
import org.marginlab.metrics.openset.Verification;

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

    /** The command's last line counts the heads measured and names the best MAP@R, not "0 of 0 qualitative checks". */
    @Test
    void summaryNamesTheMeasuredHeadsAndTheBestMapAtR() {
        List<PlannedRun> planned = Presets.plan(OpenSetPreset.ID, true, null, null).runs();
        List<OpenSetPreset.Row> rows = List.of(row(planned.get(0), 0.25), row(planned.get(1), 0.5), row(planned.get(2), Double.NaN));
        assertEquals("2 of 3 heads measured on the held-out classes 8 (Bag) and 9 (Ankle boot); highest MAP@R: "
                + planned.get(1).label() + " (0.5000)", OpenSetPreset.summary(rows));
        assertEquals("0 of 1 heads measured on the held-out classes 8 (Bag) and 9 (Ankle boot)",
                OpenSetPreset.summary(List.of(row(planned.get(0), Double.NaN))));
    }

    /** A row with MAP@R {@code map}; NaN: not measured (the run did not finish or collapsed). */
    private static OpenSetPreset.Row row(PlannedRun run, double map) {
        RunOutcome o = new RunOutcome(run, null, List.of(), List.of(), Double.NaN, Double.NaN, null);
        return new OpenSetPreset.Row(o, Double.isNaN(map) ? null : new OpenSetMetrics(new Retrieval(0.5, map, 10),
                new Verification(1, 1, new Double[4], 0.5, new double[0], new double[0])));
    }
}
