package org.marginlab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marginlab.config.TrainConfig;
import org.marginlab.loss.HeadKind;
import org.marginlab.loss.HeadParams;
import org.marginlab.run.Checkpoint;
import org.marginlab.run.IterationSnapshot;
import org.marginlab.run.RunReader;
import org.marginlab.run.RunState;

/** AdaCos's dynamic scale travels in the checkpoint: a run stopped and resumed equals the uninterrupted one bit for bit. */
class AdaCosResumeTest {

    private static TrainConfig config() {
        // d = 16: in 2-D the other classes lie so near that the dynamic s grows every step until it overflows
        return TestData.small(40, 32).toBuilder().dim(16).head(HeadKind.ADACOS)
                .headParams(HeadParams.defaults(HeadKind.ADACOS).withDynamic(true)).build();
    }

    private static List<Long> scales(Path run) throws Exception {
        return RunReader.read(run).iterations().stream()
                .map(s -> Double.doubleToRawLongBits(s.headParams().s())).toList();
    }

    @Test
    void stoppedAndResumedEqualsUninterrupted(@TempDir Path tmp) throws Exception {
        Path a = tmp.resolve("a");
        TrainingSession whole = TrainingSession.create(config(), TestData.get(), TestData.SOFTMAX, a);
        whole.start();
        whole.completion().get(120, TimeUnit.SECONDS);
        assertEquals(RunState.FINISHED, whole.state(), whole.message());
        List<IterationSnapshot> snaps = RunReader.read(a).iterations();
        // the fixed start is √2·ln(C − 1) = √2·ln 9; the dynamic scale has moved away from it by the end
        assertEquals(Math.sqrt(2) * Math.log(9), snaps.get(0).headParams().s(), 1e-12);
        assertNotEquals(snaps.get(0).headParams().s(), snaps.get(snaps.size() - 1).headParams().s());

        Path c = tmp.resolve("c");
        TrainingSession first = TrainingSession.create(config(), TestData.get(), TestData.SOFTMAX, c);
        TestData.stopAt(first, 23);
        Checkpoint stop = Checkpoint.latest(c).checkpoint();
        assertEquals(23, stop.iteration());
        byte[] head = stop.section(TrainingSession.HEAD_STATE);
        assertNotNull(head, "the checkpoint carries adaptive_s");
        // int count 1 · UTF "adaptive_s" (2-byte length + 10 bytes) · 8 bytes of the double
        assertEquals(4 + 2 + "adaptive_s".length() + 8, head.length);

        TrainingSession resumed = TrainingSession.resumeRun(c, TestData.get(), TestData.SOFTMAX);
        resumed.start();
        resumed.completion().get(120, TimeUnit.SECONDS);
        assertEquals(RunState.FINISHED, resumed.state(), resumed.message());
        assertEquals(TestData.metricsWithoutSpeed(a), TestData.metricsWithoutSpeed(c));
        assertEquals(scales(a), scales(c));
        assertArrayEquals(Checkpoint.latest(a).checkpoint().parameters(), Checkpoint.latest(c).checkpoint().parameters());
    }
}
