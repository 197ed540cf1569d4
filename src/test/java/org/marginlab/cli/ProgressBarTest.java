package org.marginlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void timeLeftIsTheRemainingIterationsAtTheRateSoFar() {
        // 100 of 1000 iterations in 30 s: 900 more at 0.3 s each = 270 s
        assertEquals("4:30 left", TrainCommand.ProgressBar.timeLeft(100, 1000, 0, 30 * SECOND));
        // the rate counts from the first iteration seen: 50 iterations (10 → 60) in 5 s, 940 left → 94 s
        assertEquals("1:34 left", TrainCommand.ProgressBar.timeLeft(60, 1000, 10, 5 * SECOND));
        // over an hour: 1 of 10 001 in 1 s → 10 000 s = 2 h 46 min 40 s
        assertEquals("2:46:40 left", TrainCommand.ProgressBar.timeLeft(1, 10_001, 0, SECOND));
    }

    @Test
    void noEstimateBeforeTheFirstIterationNorAtTheEnd() {
        assertEquals("", TrainCommand.ProgressBar.timeLeft(0, 1000, 0, 5 * SECOND));
        assertEquals("", TrainCommand.ProgressBar.timeLeft(1000, 1000, 0, 5 * SECOND));
        assertEquals("", TrainCommand.ProgressBar.timeLeft(10, 1000, -1, 5 * SECOND));
    }

    @Test
    void theBarShowsTheTimeLeft() {
        StringWriter out = new StringWriter();
        TrainCommand.ProgressBar bar = new TrainCommand.ProgressBar(new PrintWriter(out));
        bar.onProgress(0, 200, 0);
        bar.onProgress(200, 200, 0); // the last one always draws, with no estimate at the end
        String text = out.toString();
        assertTrue(text.contains("it 0/200 epoch 1"), text);
        assertTrue(text.endsWith("[##############################] 100% it 200/200 epoch 1"), text);
    }
}
