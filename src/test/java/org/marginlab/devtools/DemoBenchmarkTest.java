package org.marginlab.devtools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.marginlab.config.ConfigCheck;
import org.marginlab.config.DemoPreset;
import org.marginlab.run.IterationSnapshot;

class DemoBenchmarkTest {

    @Test
    void nearestWIsByAngleNotByDotProduct() {
        float[][] w = {{1, 0}, {0, 5}, {-1, 0}};
        float[][] x = {{2, 0.1f}, {0.1f, -3}, {-1, 0.5f}, {1, 0.9f}};
        // [1, 0.9]: W1·x = 4.5 beats W0·x = 1, but its angle to W0 (42°) is smaller than to W1 (48°).
        int[] labels = {0, 1, 2, 0};
        IterationSnapshot s = new IterationSnapshot(0, 0, x, labels, w, null, new float[4], new float[4],
                Double.NaN, Double.NaN, 0, Double.NaN, null, null);
        assertEquals(0.75, DemoBenchmark.nearestWAccuracy(s));
    }

    @Test
    void everyDemoIsAValidRunOrComparison() {
        for (DemoPreset p : DemoPreset.values()) {
            ConfigCheck.validate(p.config());
            assertEquals(p.heads().getFirst(), p.config().head(), p.title());
            assertTrue(p.heads().size() <= 4, p.title());
        }
    }
}
