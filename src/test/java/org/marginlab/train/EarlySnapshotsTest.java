package org.marginlab.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marginlab.config.ConfigJson;
import org.marginlab.config.DemoPreset;
import org.marginlab.config.TrainConfig;
import org.marginlab.run.IterationSnapshot;
import org.marginlab.run.RunFiles;
import org.marginlab.run.RunReader;
import org.marginlab.run.RunState;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Denser snapshots over a run's first iterations: where they fall, and that replay and resume keep them. */
class EarlySnapshotsTest {

    /** 40 iterations, a snapshot every 10, dense (every 10 / 5 = 2) up to iteration 20. */
    private static TrainConfig config() {
        return TestData.small(40, 16).toBuilder().earlySnapshots(20).build();
    }

    @Test
    void theRuleIsDenseUpToTheEarlySpanThenTheCadence() {
        TrainConfig demo = DemoPreset.DEFAULT.config(); // every 10, dense to 100: every 2
        assertTrue(demo.snapshotDue(2) && demo.snapshotDue(98) && demo.snapshotDue(100));
        assertTrue(!demo.snapshotDue(1) && !demo.snapshotDue(99) && !demo.snapshotDue(102) && !demo.snapshotDue(105));
        assertTrue(demo.snapshotDue(110));
        TrainConfig cli = TrainConfig.defaults(TrainConfig.DEFAULT_HEAD); // every 50, no dense start
        assertTrue(cli.snapshotDue(0) && cli.snapshotDue(50) && !cli.snapshotDue(10) && !cli.snapshotDue(25));
        TrainConfig sparse = cli.toBuilder().snapshotEvery(3).earlySnapshots(9).build(); // 3 / 5 rounds to 0: every 1
        assertTrue(sparse.snapshotDue(1) && sparse.snapshotDue(7) && !sparse.snapshotDue(10) && sparse.snapshotDue(12));
    }

    @Test
    void snapshotsFollowTheRuleAndReplayAndResumeMatch(@TempDir Path tmp) throws Exception {
        Path a = tmp.resolve("a");
        TrainingSession run = TrainingSession.create(config(), TestData.get(), TestData.SOFTMAX, a);
        run.start();
        run.completion().get(120, TimeUnit.SECONDS);
        assertEquals(RunState.FINISHED, run.state(), run.message());
        assertEquals(List.of(0L, 2L, 4L, 6L, 8L, 10L, 12L, 14L, 16L, 18L, 20L, 30L, 40L),
                RunReader.read(a).iterations().stream().map(IterationSnapshot::iteration).toList());
        List<String> metrics = TestData.metricsWithoutSpeed(a);

        // train --config <run>/config.json: the field is recorded, so the replay snapshots at the same places.
        Path b = tmp.resolve("b");
        TrainingSession replay = TrainingSession.create(ConfigJson.read(a.resolve(RunFiles.CONFIG)), TestData.get(),
                TestData.SOFTMAX, b);
        assertEquals(20, replay.config().earlySnapshots());
        replay.start();
        replay.completion().get(120, TimeUnit.SECONDS);
        assertEquals(metrics, TestData.metricsWithoutSpeed(b));

        // Paused after 13 and stopped (the stop writes a checkpoint at 13, inside the dense snapshots) and resumed: the same run, bit for bit.
        Path c = tmp.resolve("c");
        TrainingSession first = TrainingSession.create(config(), TestData.get(), TestData.SOFTMAX, c);
        TestData.stopAt(first, 13);
        assertEquals(13, org.marginlab.run.Checkpoint.latest(c).checkpoint().iteration());
        TrainingSession resumed = TrainingSession.resumeRun(c, TestData.get(), TestData.SOFTMAX);
        resumed.start();
        resumed.completion().get(120, TimeUnit.SECONDS);
        assertEquals(metrics, TestData.metricsWithoutSpeed(c));
    }
}
