package org.marginlab.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marginlab.config.ConfigJson;
import org.marginlab.run.IterationSnapshot;
import org.marginlab.run.MetricsRow;
import org.marginlab.run.RunFiles;
import org.marginlab.run.RunReader;
import org.marginlab.run.RunState;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A window run with two Steps (F7) replays from its config bit for bit: the Steps' snapshots and the rows after them. */
class StepReplayTest {

    @Test
    void twoStepsReplayFromTheConfig(@TempDir Path tmp) throws Exception {
        Path a = tmp.resolve("stepped");
        TrainingSession s = TrainingSession.create(TestData.small(30, 16), TestData.get(), TestData.SOFTMAX, a);
        CountDownLatch paused = new CountDownLatch(1);
        CountDownLatch stepped = new CountDownLatch(2);
        s.addListener(new TrainingListener() {
            @Override
            public void onProgress(long iteration, long total, int epoch) {
                if (iteration == 21) {
                    s.pause();
                }
            }

            @Override
            public void onIteration(IterationSnapshot snap) {
                if (snap.iteration() == 22 || snap.iteration() == 23) {
                    stepped.countDown();
                }
            }

            @Override
            public void onStateChanged(RunState state, String message) {
                if (state == RunState.PAUSED) {
                    paused.countDown();
                }
            }
        });
        s.start();
        assertTrue(paused.await(120, TimeUnit.SECONDS));
        s.step();
        s.step();
        assertTrue(stepped.await(120, TimeUnit.SECONDS));
        s.resume();
        s.completion().get(120, TimeUnit.SECONDS);
        RunReader.Run ra = RunReader.read(a);
        List<Long> rows = ra.metrics().stream().map(MetricsRow::iteration).toList();
        assertTrue(rows.contains(22L) && rows.contains(23L), rows.toString());

        Path b = tmp.resolve("replay");
        TrainingSession r = TrainingSession.create(ConfigJson.read(a.resolve(RunFiles.CONFIG)), TestData.get(),
                TestData.SOFTMAX, b, List.of(), rows);
        assertEquals(2, r.replayedSteps(), "22 and 23 are off the cadence of 10; 21 (the pause) wrote no row");
        r.start();
        r.completion().get(120, TimeUnit.SECONDS);
        assertEquals(TestData.metricsWithoutSpeed(a), TestData.metricsWithoutSpeed(b),
                "the Steps' rows and row 30, whose window starts after them, replay exactly");
    }
}
