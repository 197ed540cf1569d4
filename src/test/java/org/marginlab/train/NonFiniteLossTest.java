package org.marginlab.train;

import org.marginlab.config.Optimizer;
import org.marginlab.loss.HeadKind;
import org.marginlab.loss.HeadParams;
import org.marginlab.config.TrainConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.marginlab.run.RunReader;
import org.marginlab.run.RunState;
import org.marginlab.run.RunSummary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NonFiniteLossTest {

    @Test
    void absurdLearningRateStopsWithOneLineAndKeepsLastGoodCheckpoint(@TempDir Path tmp) throws Exception {
        TrainConfig c = TestData.small(300, 32);
        c = c.toBuilder().optimizer(Optimizer.SGD).learningRate(1e4).weightDecay(0).snapshotEvery(2).build();
        Path dir = tmp.resolve("run");
        TrainingSession s = TrainingSession.create(c, TestData.get(), TestData.SOFTMAX, dir);
        s.start();
        RunSummary sum = s.completion().get(120, TimeUnit.SECONDS);
        assertEquals(RunState.FAILED, s.state());
        String msg = s.message();
        assertFalse(msg.contains("\n"), msg);
        assertTrue(msg.matches("loss became NaN or infinite at iteration \\d+ with head softmax .*"), msg);
        assertTrue(msg.contains("lr=1.000e+04") && msg.contains("lower the learning rate"), msg);
        long failedAt = Long.parseLong(msg.replaceAll(".* at iteration (\\d+) .*", "$1"));
        assertTrue(failedAt < 300, msg);
        long noticedAt = Long.parseLong(msg.replaceAll(".* noticed at iteration (\\d+) .*", "$1"));
        assertEquals(noticedAt, s.iteration());
        assertTrue(noticedAt >= failedAt && noticedAt < failedAt + 2, "read at the next snapshot (every 2): " + msg);
        assertEquals("failed", sum.state());

        RunReader.Run run = RunReader.read(dir);
        assertNotNull(run.summary());
        assertTrue(failedAt > 1, "this setting should survive one step: " + msg);
        assertNotNull(run.checkpointIteration(), "a checkpoint from before the failure is kept");
        assertTrue(run.checkpointIteration() < failedAt);
        assertTrue(msg.contains("last good checkpoint: iteration " + run.checkpointIteration()), msg);
        // The kept checkpoint resumes (and, with this learning rate, fails again the same way).
        TrainingSession again = TrainingSession.resumeRun(dir, TestData.get(), TestData.SOFTMAX);
        again.start();
        again.completion().get(120, TimeUnit.SECONDS);
        assertEquals(msg.replaceAll("last good.*", ""), again.message().replaceAll("last good.*", ""));
    }

    @Test
    void messageNamesTheHeadsParamsTheSettingsAndTheCheckpoint() {
        String msg = NonFiniteLoss.at(12, HeadKind.ARCFACE, new HeadParams(30, 0.5, 0, false), 0.1, 64, Optimizer.SGD,
                14, "iteration 10 in runs/x").getMessage();
        assertEquals("loss became NaN or infinite at iteration 12 with head arcface (s=30.00, m=0.5000, "
                + "easy_margin=false, lr=0.1000, batch 64, optimizer sgd); lower the learning rate or s, or use a margin "
                + "warm-up; noticed at iteration 14 (losses are read at snapshots and epoch ends); last good checkpoint: "
                + "iteration 10 in runs/x", msg);
    }
}
