package org.marginlab.train;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StepStatsTest {

    @Test
    void sumsLossAndHitsAndCountsStepsBeforeTheFirstNonFiniteLoss() {
        try (NDManager m = NDManager.newBaseManager()) {
            StepStats s = new StepStats(m);
            long readsBefore = HostTraffic.reads();
            s.add(m.create(1.5f), m.create(new boolean[] {true, false, true}));
            s.add(m.create(2.25f), m.create(new boolean[] {false, false, true}));
            StepStats.Totals t = s.read();
            assertEquals(3.75, t.lossSum(), 0);
            assertEquals(3, t.hits());
            assertEquals(2, t.finiteSteps());
            assertEquals(readsBefore + 1, HostTraffic.reads());

            s.add(m.create(Float.POSITIVE_INFINITY), m.create(new boolean[] {true, true, true}));
            s.add(m.create(0.5f), m.create(new boolean[] {true, false, false}));
            t = s.read();
            assertEquals(Double.POSITIVE_INFINITY, t.lossSum());
            assertEquals(7, t.hits());
            assertEquals(2, t.finiteSteps(), "a finite loss after ∞ does not count");

            s.reset();
            s.add(m.create(Float.NaN), m.create(new boolean[] {false, false, false}));
            t = s.read();
            assertTrue(Double.isNaN(t.lossSum()));
            assertEquals(0, t.finiteSteps());
        }
    }
}
