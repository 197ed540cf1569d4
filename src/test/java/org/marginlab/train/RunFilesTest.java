package org.marginlab.train;

import org.marginlab.config.Schedule;
import org.marginlab.config.TrainConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.marginlab.run.IterationSnapshot;
import org.marginlab.run.MetricsRow;
import org.marginlab.run.RunFiles;
import org.marginlab.run.RunReader;
import org.marginlab.run.RunState;
import org.marginlab.run.SnapshotCodec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunFilesTest {

    private static TrainConfig config() {
        TrainConfig c = TestData.small(40, 32);
        // augmentation on, so the resumed batches must also be rebuilt exactly
        return c.toBuilder().dim(3).schedule(Schedule.ONECYCLE).augment(true).snapshotEvery(10).build();
    }

    private static RunReader.Run runToEnd(Path dir) throws Exception {
        TrainingSession s = TrainingSession.create(config(), TestData.get(), TestData.SOFTMAX, dir);
        s.start();
        s.completion().get(120, TimeUnit.SECONDS);
        assertEquals(RunState.FINISHED, s.state(), s.message());
        return RunReader.read(dir);
    }

    @Test
    void sameSeedReproducesAndKilledRunIsReadableAndResumesIdentically(@TempDir Path tmp) throws Exception {
        RunReader.Run a = runToEnd(tmp.resolve("a"));
        RunReader.Run b = runToEnd(tmp.resolve("b"));
        assertEquals(5, a.iterations().size(), "the untrained model at iteration 0, then every 10");
        assertEquals(1, a.epochs().size());
        assertEquals(List.of(0L, 10L, 20L, 30L, 40L), a.metrics().stream().map(MetricsRow::iteration).toList());
        assertEquals(a.metrics(), b.metrics().stream().map(r -> withSpeed(r, a, b)).toList(), "same seed, same metrics");
        assertArrayEquals(a.iterations().getLast().weights(), b.iterations().getLast().weights());
        assertEquals(config(), a.config(), "config.json reads back as the config");

        // A run "killed" after iteration 25: pause there, cancel, then tear the files as a kill would.
        Path c = tmp.resolve("c");
        TrainingSession s = TrainingSession.create(config(), TestData.get(), TestData.SOFTMAX, c);
        TestData.stopAt(s, 25);
        Files.delete(c.resolve(RunFiles.SUMMARY));
        // The kill hit while the snapshot of iteration 30 was being written: half of that record is on disk.
        RunReader.IndexEntry e30 = a.index().stream().filter(e -> e.iteration() == 30).findFirst().orElseThrow();
        byte[] aBin = Files.readAllBytes(tmp.resolve("a").resolve(RunFiles.SNAPSHOTS));
        byte[] torn = java.util.Arrays.copyOfRange(aBin, (int) e30.offset(), (int) e30.offset() + SnapshotCodec.HEADER_BYTES + e30.length() / 2);
        Files.write(c.resolve(RunFiles.SNAPSHOTS), torn, StandardOpenOption.APPEND);
        Files.writeString(c.resolve(RunFiles.METRICS), "30,0,1.2", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        Files.write(c.resolve(RunFiles.INDEX), new byte[] {1, 2, 3}, StandardOpenOption.APPEND);

        RunReader.Run killed = RunReader.read(c);
        assertNull(killed.summary());
        assertEquals(List.of(0L, 10L, 20L), killed.iterations().stream().map(IterationSnapshot::iteration).toList(),
                "the torn record is dropped, the complete ones kept");
        assertEquals(a.iterations().get(1).loss(), killed.iterations().get(1).loss());
        assertEquals(3, killed.metrics().size(), "the half-written row is ignored");
        assertEquals(25L, killed.checkpointIteration(), "the stop at 25 wrote a checkpoint there");

        TrainingSession r = TrainingSession.resumeRun(c, TestData.get(), TestData.SOFTMAX);
        assertEquals(25, r.iteration());
        r.start();
        r.completion().get(120, TimeUnit.SECONDS);
        assertEquals(RunState.FINISHED, r.state(), r.message());
        RunReader.Run resumed = RunReader.read(c);
        assertEquals(a.metrics(), resumed.metrics().stream().map(x -> withSpeed(x, a, resumed)).toList(),
                "resumed run continues exactly like the uninterrupted one");
        assertEquals(5, resumed.iterations().size());
        assertArrayEquals(a.iterations().getLast().embeddings(), resumed.iterations().getLast().embeddings());
        assertEquals(a.epochs().getFirst().testAccuracy(), resumed.epochs().getFirst().testAccuracy());
        assertEquals("finished", resumed.summary().state());
    }

    /** Throughput differs between runs; compare everything else. */
    private static MetricsRow withSpeed(MetricsRow r, RunReader.Run a, RunReader.Run other) {
        MetricsRow ref = a.metrics().stream().filter(x -> x.iteration() == r.iteration()).findFirst().orElse(r);
        return new MetricsRow(r.iteration(), r.epoch(), r.loss(), r.trainAccuracy(), r.testAccuracy(), r.learningRate(),
                r.wcIntra(), r.wInter(), r.cInter(), ref.imagesPerSecond(), r.probeWcIntra(), r.probeWInter(),
                r.probeCInter(), r.s(), r.m(), r.lambda());
    }

    @Test
    void emptyAndForeignSnapshotFiles(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("x.bin");
        Files.write(f, new byte[0]);
        var empty = org.marginlab.run.RunScan.snapshots(f);
        assertEquals(0, empty.records().size());
        assertEquals(1, empty.damage().size(), "an empty snapshot file is damage, not a run without snapshots");
        Files.writeString(f, "hello world");
        var foreign = org.marginlab.run.RunScan.snapshots(f);
        assertEquals(0, foreign.records().size());
        assertEquals("not the header \"MLSNAP01\"", foreign.damage().getFirst().why());
    }
}
