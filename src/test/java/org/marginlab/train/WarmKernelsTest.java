package org.marginlab.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marginlab.run.RunState;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The window warms PyTorch's kernels before Start; a run after the warm-up is the run without it. */
class WarmKernelsTest {

    private static Path train(Path dir) throws Exception {
        TrainingSession s = TrainingSession.create(TestData.small(20, 16), TestData.get(), TestData.SOFTMAX, dir);
        s.start();
        s.completion().get(120, TimeUnit.SECONDS);
        assertEquals(RunState.FINISHED, s.state(), s.message());
        return dir;
    }

    @Test
    void theWarmUpChangesNoRun(@TempDir Path tmp) throws Exception {
        Path before = train(tmp.resolve("before"));
        // On the training thread, as the window's warm-up runs: engine random state and thread-local modes.
        TrainingThread.warmUp().get(120, TimeUnit.SECONDS);
        Path after = train(tmp.resolve("after"));
        assertEquals(TestData.metricsWithoutSpeed(before), TestData.metricsWithoutSpeed(after));
    }
}
