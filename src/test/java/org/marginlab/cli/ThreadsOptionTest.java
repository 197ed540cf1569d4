package org.marginlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ThreadsOptionTest {

    @Test
    void idleCoresGiveTheThreadCount() {
        assertEquals(2, ThreadsOption.forLoad(2, 0.0));   // idle: every core
        assertEquals(1, ThreadsOption.forLoad(2, 0.4));   // 2 − 0.4 = 1.6 → 1
        assertEquals(6, ThreadsOption.forLoad(8, 1.99));  // 8 − 1.99 = 6.01 → 6
        assertEquals(5, ThreadsOption.forLoad(8, 3.0));   // exactly 5 idle
    }

    @Test
    void aBusyMachineStillGetsOneThread() {
        assertEquals(1, ThreadsOption.forLoad(2, 18.0));  // the load-18 machine of docs/performance.md
        assertEquals(1, ThreadsOption.forLoad(1, 1.0));
    }

    @Test
    void anUnknownLoadTakesEveryCore() {
        assertEquals(16, ThreadsOption.forLoad(16, -1.0)); // getSystemLoadAverage() where the OS has none
        assertEquals(4, ThreadsOption.forLoad(4, Double.NaN));
    }
}
