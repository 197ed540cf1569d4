package org.marginlab.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marginlab.config.DeviceSpec;
import org.marginlab.config.TrainConfig;
import org.marginlab.data.FashionMnist;
import org.marginlab.data.FashionMnistSubset;
import org.marginlab.loss.HeadKind;
import org.marginlab.run.Checkpoint;
import org.marginlab.run.IterationSnapshot;
import org.marginlab.run.MetricsRow;
import org.marginlab.run.RunCheck;
import org.marginlab.run.RunFiles;
import org.marginlab.run.RunReader;
import org.marginlab.run.RunScan;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run killed (SIGKILL, in a child JVM) after dense early snapshots that took no checkpoint has rows and
 * records after its checkpoint. A resume keeps them: it recomputes them and writes nothing where they agree —
 * their images/s, measured by the killed run, are still the ones on disk, so they were not written again — and
 * one purposely made to differ is kept in {@code metrics.superseded-1.csv}, said in one line, while the run goes
 * on with its own.
 */
class ResumeKeepsTailTest {

    private static final int KILL_AT = 8;

    /** The child: {@code start DATA DIR} (waits to be killed after the snapshot of {@value #KILL_AT}) or {@code resume DATA DIR}. */
    public static void main(String[] args) throws Exception {
        TrainingThread.setThreads(1);
        TrainingData data = TrainingData.from(FashionMnist.load(Path.of(args[1])));
        Path dir = Path.of(args[2]);
        TrainingSession s = args[0].equals("resume")
                ? TrainingSession.resumeRun(dir, data, MarginTrainableHead.FACTORY)
                : TrainingSession.create(config(args[1]), data, MarginTrainableHead.FACTORY, dir);
        boolean kill = args[0].equals("start");
        s.addListener(new TrainingListener() {
            @Override
            public void onIteration(IterationSnapshot snap) {
                if (kill && snap.iteration() == KILL_AT) {
                    System.out.println("SNAP " + snap.iteration());
                    System.out.flush();
                    try {
                        Thread.sleep(Long.MAX_VALUE); // its row is on disk; wait for SIGKILL
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }

            @Override
            public void onNotice(String line) {
                System.out.println("NOTICE " + line);
            }
        });
        KilledChild.trainToTheEnd(s);
    }

    /** Snapshots every 2 iterations up to 10 with no checkpoint among them (only at 0, 10 and 20). */
    static TrainConfig config(String data) {
        return TrainConfig.defaults(HeadKind.COSFACE).toBuilder().dim(2).dataDir(data).batchSize(16).epochs(1)
                .iterations(20).seed(5).device(DeviceSpec.parse("cpu")).probePerClass(4).snapshotEvery(10)
                .earlySnapshots(10).build();
    }

    private static List<String> child(String... args) throws Exception {
        return KilledChild.run(ResumeKeepsTailTest.class, args);
    }

    /** A run killed right after its snapshot at {@value #KILL_AT}, its checkpoint still at 0. */
    private static Path killed(Path tmp) throws Exception {
        Path data = FashionMnistSubset.write(tmp.resolve("data"), 320, 40);
        Path dir = tmp.resolve("run");
        assertEquals("SNAP " + KILL_AT, child("start", data.toString(), dir.toString()).getLast());
        assertEquals(0, Checkpoint.latest(dir).checkpoint().iteration(), "no checkpoint at the early snapshots");
        assertEquals(List.of(0L, 2L, 4L, 6L, 8L), RunReader.read(dir).metrics().stream().map(MetricsRow::iteration).toList());
        return dir;
    }

    @Test
    void theRowsAndRecordsAfterTheCheckpointAreKeptNotWrittenAgain(@TempDir Path tmp) throws Exception {
        Path dir = killed(tmp);
        byte[] metrics = Files.readAllBytes(dir.resolve(RunFiles.METRICS));
        byte[] snapshots = Files.readAllBytes(dir.resolve(RunFiles.SNAPSHOTS));
        Object inode = Files.getAttribute(dir.resolve(RunFiles.SNAPSHOTS), "unix:ino");
        List<String> out = child("resume", tmp.resolve("data").toString(), dir.toString());
        assertEquals("DONE FINISHED", out.getLast(), String.join("\n", out));
        assertFalse(out.stream().anyMatch(l -> l.startsWith("NOTICE")), String.join("\n", out));

        byte[] m = Files.readAllBytes(dir.resolve(RunFiles.METRICS));
        byte[] s = Files.readAllBytes(dir.resolve(RunFiles.SNAPSHOTS));
        // Byte for byte, images/s included: the resumed run measured its own speeds, so a row written again
        // would differ there.
        assertArrayEquals(metrics, Arrays.copyOf(m, metrics.length), "rows 0–8 as the killed run wrote them");
        assertArrayEquals(snapshots, Arrays.copyOf(s, snapshots.length), "records 0–8 as the killed run wrote them");
        assertEquals(inode, Files.getAttribute(dir.resolve(RunFiles.SNAPSHOTS), "unix:ino"));
        assertEquals(List.of(0L, 2L, 4L, 6L, 8L, 10L, 20L),
                RunReader.read(dir).metrics().stream().map(MetricsRow::iteration).toList());
        try (var files = Files.list(dir)) {
            assertFalse(files.anyMatch(f -> f.getFileName().toString().contains("superseded")));
        }
        assertTrue(RunCheck.of(dir).intact(), RunCheck.of(dir).files().toString());
    }

    @Test
    void aRowThatDiffersIsKeptBesideTheRunAndSaidInOneLine(@TempDir Path tmp) throws Exception {
        Path dir = killed(tmp);
        List<String> lines = new ArrayList<>(Files.readAllLines(dir.resolve(RunFiles.METRICS)));
        String row6 = lines.get(4);
        assertTrue(row6.startsWith("6,"), row6);
        MetricsRow was = MetricsRow.parse(row6);
        // as if the killed run had computed iteration 6 otherwise: a loss of 9.5
        String edited = new MetricsRow(6, was.epoch(), 9.5, was.trainAccuracy(), was.testAccuracy(), was.learningRate(),
                was.wcIntra(), was.wInter(), was.cInter(), was.imagesPerSecond(), was.probeWcIntra(), was.probeWInter(),
                was.probeCInter(), was.s(), was.m(), was.lambda()).toCsv();
        lines.set(4, edited);
        Files.writeString(dir.resolve(RunFiles.METRICS), String.join("\n", lines) + "\n");
        long record8 = RunScan.snapshots(dir.resolve(RunFiles.SNAPSHOTS)).records().getLast().entry().offset();
        byte[] snapshots = Files.readAllBytes(dir.resolve(RunFiles.SNAPSHOTS));

        List<String> out = child("resume", tmp.resolve("data").toString(), dir.toString());
        assertEquals("DONE FINISHED", out.getLast(), String.join("\n", out));
        List<String> notices = out.stream().filter(l -> l.startsWith("NOTICE")).toList();
        assertEquals(1, notices.size(), String.join("\n", out));
        assertTrue(notices.getFirst().contains("row of iteration 6 in metrics.csv differs from the one on record"),
                notices.getFirst());
        assertTrue(notices.getFirst().contains("metrics.superseded-1.csv (2 rows), snapshots.superseded-1.bin (1 record)"),
                notices.getFirst());

        assertEquals(List.of(lines.get(0), edited, lines.get(5)), Files.readAllLines(dir.resolve("metrics.superseded-1.csv")),
                "the old rows from 6 on, byte for byte, under the header");
        byte[] kept = Files.readAllBytes(dir.resolve("snapshots.superseded-1.bin"));
        assertArrayEquals(Arrays.copyOfRange(snapshots, (int) record8, snapshots.length),
                Arrays.copyOfRange(kept, 8, kept.length), "the old record of 8, after the file's magic");
        RunReader.Run run = RunReader.read(dir);
        MetricsRow now6 = run.metrics().stream().filter(r -> r.iteration() == 6).findFirst().orElseThrow();
        assertEquals(was.toCsv(), now6.withImagesPerSecond(was.imagesPerSecond()).toCsv(),
                "the recomputed row of 6 is the row first written, but for its speed");
        assertEquals(List.of(0L, 2L, 4L, 6L, 8L, 10L, 20L), run.metrics().stream().map(MetricsRow::iteration).toList());
        assertTrue(RunCheck.of(dir).intact(), RunCheck.of(dir).files().toString());
    }
}
