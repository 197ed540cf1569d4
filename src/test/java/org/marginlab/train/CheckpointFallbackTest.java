package org.marginlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marginlab.UserException;
import org.marginlab.run.Checkpoint;
import org.marginlab.run.RunFiles;
import org.marginlab.run.RunReader;
import org.marginlab.run.RunState;

/** checkpoint.bin is rotated to checkpoint.prev.bin; resume falls back to it when the latest is damaged. */
class CheckpointFallbackTest {

    private static void runToEnd(TrainingSession s) throws Exception {
        s.start();
        s.completion().get(120, TimeUnit.SECONDS);
        assertEquals(RunState.FINISHED, s.state(), s.message());
    }

    private static void damage(Path file) throws Exception {
        byte[] b = Files.readAllBytes(file);
        b[b.length / 2] ^= 0x40;
        Files.write(file, b);
    }

    @Test
    void damagedLatestCheckpointFallsBackToThePreviousOne(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        runToEnd(TrainingSession.create(TestData.small(30, 32), TestData.get(), TestData.SOFTMAX, dir));
        List<String> uninterrupted = TestData.metricsWithoutSpeed(dir);
        assertEquals(30, Checkpoint.read(dir.resolve(RunFiles.CHECKPOINT)).iteration());
        assertEquals(20, Checkpoint.read(dir.resolve(RunFiles.CHECKPOINT_PREVIOUS)).iteration(), "rotated at 30");

        Files.delete(dir.resolve(RunFiles.SUMMARY));
        damage(dir.resolve(RunFiles.CHECKPOINT));
        assertEquals(20L, RunReader.read(dir).checkpointIteration());

        TrainingSession resumed = TrainingSession.resumeRun(dir, TestData.get(), TestData.SOFTMAX);
        assertEquals(20, resumed.iteration());
        assertEquals(dir.resolve(RunFiles.CHECKPOINT) + ": damaged checkpoint (bad header, length or checksum); "
                + "resuming from checkpoint.prev.bin at iteration 20", resumed.resumeNotice());
        runToEnd(resumed);
        assertEquals(uninterrupted, TestData.metricsWithoutSpeed(dir), "the continuation from 20 is the same run");
        assertEquals(30, Checkpoint.read(dir.resolve(RunFiles.CHECKPOINT)).iteration());
        assertEquals(20, Checkpoint.read(dir.resolve(RunFiles.CHECKPOINT_PREVIOUS)).iteration(),
                "the damaged checkpoint was not rotated over the sound one");

        Files.delete(dir.resolve(RunFiles.SUMMARY));
        Files.delete(dir.resolve(RunFiles.CHECKPOINT));
        assertEquals(dir.resolve(RunFiles.CHECKPOINT) + ": missing; resuming from checkpoint.prev.bin at iteration 20",
                Checkpoint.latest(dir).notice());

        damage(dir.resolve(RunFiles.CHECKPOINT_PREVIOUS));
        UserException e = assertThrows(UserException.class, () -> Checkpoint.latest(dir));
        assertEquals(dir.resolve(RunFiles.CHECKPOINT) + ": missing; " + dir.resolve(RunFiles.CHECKPOINT_PREVIOUS)
                + ": damaged checkpoint (bad header, length or checksum); so it cannot be resumed. The run is deterministic: "
                + "marginlab train --config " + dir.resolve(RunFiles.CONFIG) + " --out NEW_FOLDER trains it again from the start",
                e.getMessage());
        assertNull(RunReader.read(dir).checkpointIteration());
    }
}
