package org.marginlab.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marginlab.config.TrainConfig;
import org.marginlab.loss.HeadKind;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a run wrote after its checkpoint is intact, so a resume keeps it: the records the resumed run recomputes
 * equal (all but the images/s measured when they were written) are not written again, one that differs sets the
 * rest of the old tail aside in {@code NAME.superseded-K.EXT}, and only a torn tail is cut.
 */
class ResumeKeepsRecordsTest {

    private static final TrainConfig CONFIG = TrainConfig.defaults(HeadKind.SOFTMAX).toBuilder().dim(2).snapshotEvery(1).build();

    /** The snapshot of iteration {@code it}, with loss {@code loss} and the speed measured then. */
    private static IterationSnapshot snapshot(long it, double loss, double speed) {
        float[][] e = {{1, 0}, {0, (float) it}};
        return new IterationSnapshot(it, 0, e, new int[] {0, 1}, e, null, new float[] {0.1f, 0.2f},
                new float[] {-1, -2}, loss, 0.5, 1e-3, speed, null, null);
    }

    private static MetricsRow row(long it, double loss, double speed) {
        return new MetricsRow(it, 0, loss, 0.5, Double.NaN, 1e-3, Double.NaN, Double.NaN, Double.NaN, speed);
    }

    /** A run with snapshots and rows at 0..5 whose last checkpoint was at 2, killed before summary.json. */
    private static Path killedRun(Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        try (RunWriter w = RunWriter.create(dir, CONFIG)) {
            for (long it = 0; it <= 5; it++) {
                w.snapshot(snapshot(it, 2.0 - it / 10.0, 100 + it));
                w.metrics(row(it, 2.0 - it / 10.0, 100 + it));
            }
        }
        return dir;
    }

    private static RunWriter resumeAt2(Path dir) {
        return RunWriter.resume(dir, 2, RunLock.acquire(dir), i -> true);
    }

    @Test
    void recordsAfterTheCheckpointStayAndTheSameRecomputedOnesAreNotWrittenAgain(@TempDir Path tmp) throws Exception {
        Path dir = killedRun(tmp);
        byte[] metrics = Files.readAllBytes(dir.resolve(RunFiles.METRICS));
        byte[] snapshots = Files.readAllBytes(dir.resolve(RunFiles.SNAPSHOTS));
        Object inode = Files.getAttribute(dir.resolve(RunFiles.METRICS), "unix:ino");
        List<String> notices = new ArrayList<>();
        try (RunWriter w = resumeAt2(dir)) {
            w.onNotice(notices::add);
            assertEquals(List.of(), w.resumeNotes(), "nothing was torn");
            assertArrayEquals(metrics, Files.readAllBytes(dir.resolve(RunFiles.METRICS)), "opening cuts nothing");
            assertArrayEquals(snapshots, Files.readAllBytes(dir.resolve(RunFiles.SNAPSHOTS)));
            // The resumed run recomputes 3, 4 and 5: the same values, measured at another speed.
            for (long it = 3; it <= 5; it++) {
                w.snapshot(snapshot(it, 2.0 - it / 10.0, 999));
                w.metrics(row(it, 2.0 - it / 10.0, 999));
            }
            assertArrayEquals(metrics, Files.readAllBytes(dir.resolve(RunFiles.METRICS)),
                    "the rows on record, with the speeds measured when they were written, are untouched");
            assertArrayEquals(snapshots, Files.readAllBytes(dir.resolve(RunFiles.SNAPSHOTS)));
            // past the last record on record, it appends
            w.snapshot(snapshot(6, 1.4, 999));
            w.metrics(row(6, 1.4, 999));
        }
        assertEquals(List.of(), notices);
        assertEquals(inode, Files.getAttribute(dir.resolve(RunFiles.METRICS), "unix:ino"), "the same file, not a copy");
        byte[] after = Files.readAllBytes(dir.resolve(RunFiles.METRICS));
        assertArrayEquals(metrics, Arrays.copyOf(after, metrics.length));
        assertEquals(row(6, 1.4, 999).toCsv() + "\n", new String(after, metrics.length, after.length - metrics.length,
                StandardCharsets.UTF_8));
        RunReader.Run run = RunReader.read(dir);
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L), run.iterations().stream().map(IterationSnapshot::iteration).toList());
        assertEquals(105.0, run.metrics().get(5).imagesPerSecond(), "row 5 as first written");
        assertAppendedFilesIntact(dir);
    }

    @Test
    void aRecordComputedOtherwiseSetsTheOldTailAsideAndTheRunGoesOn(@TempDir Path tmp) throws Exception {
        Path dir = killedRun(tmp);
        String metrics = Files.readString(dir.resolve(RunFiles.METRICS));
        byte[] snapshots = Files.readAllBytes(dir.resolve(RunFiles.SNAPSHOTS));
        List<String> notices = new ArrayList<>();
        try (RunWriter w = resumeAt2(dir)) {
            w.onNotice(notices::add);
            w.snapshot(snapshot(3, 1.7, 999));
            w.metrics(row(3, 1.7, 999));
            // iteration 4 comes out otherwise (say, on other threads): its snapshot is the first to differ
            w.snapshot(snapshot(4, 1.55, 999));
            w.metrics(row(4, 1.55, 999));
            w.snapshot(snapshot(5, 1.45, 999));
            w.metrics(row(5, 1.45, 999));
        }
        assertEquals(1, notices.size(), String.join("\n", notices));
        assertTrue(notices.getFirst().contains("snapshot of iteration 4 in snapshots.bin differs"), notices.getFirst());
        assertTrue(notices.getFirst().contains("metrics.superseded-1.csv (2 rows), snapshots.superseded-1.bin (2 records)"),
                notices.getFirst());

        // The old rows 4 and 5, byte for byte, under the header, in the sibling file.
        String[] old = metrics.split("\n");
        assertEquals(old[0] + "\n" + old[5] + "\n" + old[6] + "\n", Files.readString(dir.resolve("metrics.superseded-1.csv")));
        RunScan.Scan<RunScan.SnapshotRecord> kept = RunScan.snapshots(dir.resolve("snapshots.superseded-1.bin"));
        assertTrue(kept.intact());
        assertEquals(List.of(4L, 5L), kept.records().stream().map(RunScan.SnapshotRecord::at).toList());
        assertEquals(2.0 - 4 / 10.0, kept.records().getFirst().iteration().loss(), "the old snapshot of 4");
        byte[] keptBytes = Files.readAllBytes(dir.resolve("snapshots.superseded-1.bin"));
        long oldFrom = RunScan.snapshots(dir.resolve(RunFiles.SNAPSHOTS)).records().get(4).entry().offset();
        assertArrayEquals(Arrays.copyOfRange(snapshots, (int) oldFrom, snapshots.length),
                Arrays.copyOfRange(keptBytes, SnapshotCodec.FILE_MAGIC.length, keptBytes.length));

        // The run: rows 0..3 as written, 4 and 5 as recomputed; the index agrees with snapshots.bin.
        RunReader.Run run = RunReader.read(dir);
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L), run.metrics().stream().map(MetricsRow::iteration).toList());
        assertEquals(103.0, run.metrics().get(3).imagesPerSecond());
        assertEquals(1.55, run.metrics().get(4).loss());
        assertEquals(1.55, run.iterations().get(4).loss());
        assertAppendedFilesIntact(dir);
        // `marginlab check` lists what was set aside, verified like the files it came from
        List<RunCheck.FileReport> check = RunCheck.of(dir).files();
        assertTrue(check.contains(new RunCheck.FileReport("metrics.superseded-1.csv", true,
                "intact: 2 rows a resume set aside (the resumed run computed them otherwise)")), check.toString());
        assertTrue(check.contains(new RunCheck.FileReport("snapshots.superseded-1.bin", true,
                "intact: 2 records a resume set aside (the resumed run computed them otherwise)")), check.toString());
    }

    @Test
    void aTornTailIsCutAndSaidTheRecordsBeforeItStay(@TempDir Path tmp) throws Exception {
        Path dir = killedRun(tmp);
        byte[] metrics = Files.readAllBytes(dir.resolve(RunFiles.METRICS));
        Files.writeString(dir.resolve(RunFiles.METRICS), "6,0,1.3", StandardOpenOption.APPEND);
        try (RunWriter w = resumeAt2(dir)) {
            assertEquals(1, w.resumeNotes().size());
            assertTrue(w.resumeNotes().getFirst().contains("metrics.csv: its last line was cut short by a kill (bytes "
                    + metrics.length + "–" + (metrics.length + 7) + ")"), w.resumeNotes().getFirst());
            assertArrayEquals(metrics, Files.readAllBytes(dir.resolve(RunFiles.METRICS)));
        }
        assertFalse(Files.exists(dir.resolve("metrics.superseded-1.csv")));
    }

    /** What {@code marginlab check} says of the appended files and the index (this run has no checkpoint file). */
    private static void assertAppendedFilesIntact(Path dir) {
        for (RunCheck.FileReport f : RunCheck.of(dir).files()) {
            if (List.of(RunFiles.METRICS, RunFiles.SNAPSHOTS, RunFiles.INDEX).contains(f.file())) {
                assertTrue(f.intact() && !f.line().contains("behind"), f.toString());
            }
        }
    }

    @Test
    void supersededNamesFollowTheFilesOwn() {
        assertEquals("metrics.superseded-2.csv", RunWriter.superseded(RunFiles.METRICS, 2));
        assertEquals("snapshots.superseded-1.bin", RunWriter.superseded(RunFiles.SNAPSHOTS, 1));
    }
}
