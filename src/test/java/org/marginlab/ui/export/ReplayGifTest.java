package org.marginlab.ui.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayGifTest {

    private static int total(List<ReplayGif.Frame> plan) {
        return plan.stream().mapToInt(ReplayGif.Frame::centiseconds).sum();
    }

    @Test
    void aShortRunPlaysForTheChosenLengthHoldingEachSnapshot() {
        // 11 snapshots, 10 frames/s for 6 s: 60 ticks, snapshot round(t·10/59) → each held 5–6 ticks
        List<ReplayGif.Frame> plan = ReplayGif.plan(11, 10, 6);
        assertEquals(11, plan.size());
        assertEquals(600, total(plan), "6 s exactly");
        assertEquals(0, plan.get(0).snapshot());
        assertEquals(10, plan.get(10).snapshot());
        // ticks 0–2 show snapshot 0 (round(3·10/59) = round(0.51) = 1): 3 ticks = 30 cs
        assertEquals(30, plan.get(0).centiseconds());
    }

    @Test
    void aLongRunAtAHighRateSamplesSnapshotsAtThatRate() {
        // 200 snapshots, 20 frames/s for 2 s: 40 ticks, 40 pictures of 5 cs
        List<ReplayGif.Frame> plan = ReplayGif.plan(200, 20, 2);
        assertEquals(40, plan.size());
        assertEquals(200, total(plan));
        plan.forEach(f -> assertEquals(5, f.centiseconds()));
        assertEquals(199, plan.get(39).snapshot());
        // 120 s at 30 frames/s over 1000 snapshots: capped at MAX_FRAMES pictures, the length kept
        List<ReplayGif.Frame> capped = ReplayGif.plan(1000, 30, 120);
        assertEquals(true, capped.size() <= ReplayGif.MAX_FRAMES);
        assertEquals(12000, total(capped));
    }
}
