package org.marginlab.train;

import org.marginlab.config.ConfigJson;
import org.marginlab.config.LiveField;
import org.marginlab.config.TrainConfig;
import org.marginlab.run.LiveChange;
import org.marginlab.run.MetricsRow;
import org.marginlab.run.RunFiles;
import org.marginlab.run.RunReader;
import org.marginlab.run.RunState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marginlab.UserException;
import org.marginlab.loss.HeadKind;
import org.marginlab.loss.HeadParams;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Settings changed while training: they act at the next iteration, are recorded, and replay bit for bit. */
class LiveChangesTest {

    /** ArcFace (s = 16, m = 0.2) in 2-D, 40 iterations of 16, a snapshot every 10, no warm-up, CPU. */
    private static TrainConfig config() {
        return TestData.small(40, 16).toBuilder().dim(2).head(HeadKind.ARCFACE)
                .headParams(HeadParams.defaults(HeadKind.ARCFACE)).marginWarmup(0).learningRate(1e-3).build();
    }

    /**
     * Turns m to 0.5 when iteration 10 is done and the learning rate to 2e-3 when 25 is, as the window's
     * knobs would from another thread mid-step; pauses after {@code pauseAt} (0 = never) and cancels there.
     */
    private static TrainingSession knobbed(Path dir, long pauseAt) throws Exception {
        TrainingSession s = TrainingSession.create(config(), TestData.get(), TestData.SOFTMAX, dir);
        CountDownLatch paused = new CountDownLatch(1);
        s.addListener(new TrainingListener() {
            @Override
            public void onProgress(long iteration, long total, int epoch) {
                if (iteration == 10) {
                    s.change(LiveField.M, 0.5);
                } else if (iteration == 25) {
                    s.change(LiveField.LR, 2e-3);
                }
                if (iteration == pauseAt) {
                    s.pause();
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
        if (pauseAt > 0) {
            assertTrue(paused.await(60, TimeUnit.SECONDS));
            s.cancel();
        }
        s.completion().get(120, TimeUnit.SECONDS);
        return s;
    }

    @Test
    void changesActAtTheNextIterationAreRecordedAndReplayIdentically(@TempDir Path tmp) throws Exception {
        Path a = tmp.resolve("a");
        TrainingSession run = knobbed(a, 0);
        assertEquals(RunState.FINISHED, run.state(), run.message());
        assertEquals(List.of("iteration,field,old,new", "10,m,0.2,0.5", "25,lr,0.001,0.002"),
                Files.readAllLines(a.resolve(RunFiles.CHANGES)));
        assertEquals(0.2, run.config().headParams().m(), "config() stays the run's starting config");
        assertEquals(0.5, run.liveConfig().headParams().m());

        // metrics.csv: m (and lr, the rate of the last step) per row, as the changes say.
        RunReader.Run ra = RunReader.read(a);
        for (MetricsRow r : ra.metrics()) {
            assertEquals(r.iteration() <= 10 ? 0.2 : 0.5, r.m(), 1e-12, "m at iteration " + r.iteration());
            assertEquals(r.iteration() <= 25 ? 1e-3 : 2e-3, r.learningRate(), 1e-12, "lr at " + r.iteration());
        }
        // The snapshot after the change carries the new margin, which the margin wedges draw.
        assertEquals(List.of(0.2, 0.2, 0.5, 0.5, 0.5),
                ra.iterations().stream().map(i -> i.headParams().m()).toList());

        // The change changed training: iterations 11–20 differ from the same run left alone.
        Path plain = tmp.resolve("plain");
        TrainingSession p = TrainingSession.create(config(), TestData.get(), TestData.SOFTMAX, plain);
        p.start();
        p.completion().get(120, TimeUnit.SECONDS);
        List<String> ma = TestData.metricsWithoutSpeed(a);
        List<String> mp = TestData.metricsWithoutSpeed(plain);
        assertEquals(ma.subList(0, 3), mp.subList(0, 3), "identical up to iteration 10");
        assertNotEquals(ma.get(3), mp.get(3), "iteration 20 trained with m = 0.5");

        // train --config <run>/config.json: the same run, changes included, bit for bit.
        Path b = tmp.resolve("b");
        TrainingSession replay = TrainingSession.create(ConfigJson.read(a.resolve(RunFiles.CONFIG)), TestData.get(),
                TestData.SOFTMAX, b, LiveChange.read(a.resolve(RunFiles.CHANGES)));
        replay.start();
        replay.completion().get(120, TimeUnit.SECONDS);
        assertEquals(ma, TestData.metricsWithoutSpeed(b));
        assertEquals(Files.readAllLines(a.resolve(RunFiles.CHANGES)), Files.readAllLines(b.resolve(RunFiles.CHANGES)));

        // Stopped at 27 (the stop writes a checkpoint there) and resumed: m = 0.5 and lr = 2e-3 come from before
        // the checkpoint. (Changes that act after a checkpoint act again: KillAtEverySnapshotTest.)
        Path c = tmp.resolve("c");
        knobbed(c, 27);
        assertEquals(List.of("iteration,field,old,new", "10,m,0.2,0.5", "25,lr,0.001,0.002"),
                Files.readAllLines(c.resolve(RunFiles.CHANGES)));
        TrainingSession resumed = TrainingSession.resumeRun(c, TestData.get(), TestData.SOFTMAX);
        assertEquals(0.5, resumed.liveConfig().headParams().m());
        assertEquals(2e-3, resumed.liveConfig().learningRate());
        resumed.start();
        resumed.completion().get(120, TimeUnit.SECONDS);
        assertEquals(ma, TestData.metricsWithoutSpeed(c));
        assertEquals(Files.readAllLines(a.resolve(RunFiles.CHANGES)), Files.readAllLines(c.resolve(RunFiles.CHANGES)));
    }

    @Test
    void aValueOutsideTheSettingsRangeIsRefusedByName() {
        TrainingSession s = TrainingSession.create(config(), TestData.get(), TestData.SOFTMAX, null);
        UserException e = assertThrows(UserException.class, () -> s.change(LiveField.M, 4.0));
        assertEquals("Margin m must be a number in [0, π) (got 4)", e.getMessage());
        assertEquals("Margin warm-up (iterations) must be a whole number of iterations ≥ 0 while training (got 2.5)",
                assertThrows(UserException.class, () -> s.change(LiveField.WARMUP, 2.5)).getMessage());
        assertEquals("arcface does not read lambda",
                assertThrows(UserException.class, () -> s.change(LiveField.LAMBDA, 1)).getMessage());
    }

    @Test
    void aTornLastRowIsDroppedAndABadRowNamed(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve(RunFiles.CHANGES);
        Files.writeString(f, "iteration,field,old,new\n10,m,0.2,0.5\n25,lr,0.0");
        assertEquals(List.of(new LiveChange(10, LiveField.M, 0.2, 0.5)), LiveChange.read(f));
        Files.writeString(f, "iteration,field,old,new\n10,q,0.2,0.5\n25,lr,0.001,0.002\n");
        assertEquals(f + ": line 2 does not read (iteration,field,old,new); `marginlab check " + tmp + "` lists what is intact",
                assertThrows(UserException.class, () -> LiveChange.read(f)).getMessage());
    }
}
