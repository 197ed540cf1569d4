package org.marginlab.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marginlab.IoErrors;
import org.marginlab.config.TrainConfig;
import org.marginlab.loss.HeadKind;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A disk that fills up while a run appends: what was written stays readable, and the failure reads as one line. */
class FullDiskTest {

    /** Lets {@code left} bytes through, then writes the part that fits and fails as a full disk does. */
    private static final class FullDisk extends FilterOutputStream {
        private long left;

        FullDisk(OutputStream out, long left) {
            super(out);
            this.left = left;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            int fits = (int) Math.min(len, left);
            out.write(b, off, fits);
            left -= fits;
            if (fits < len) {
                throw new FileSystemException("snapshots.bin", null, "No space left on device");
            }
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }
    }

    private static IterationSnapshot snapshot(long it) {
        float[][] e = {{1, 0}, {0, 1}};
        return new IterationSnapshot(it, 0, e, new int[] {0, 1}, e, null, new float[] {0.1f, 0.2f},
                new float[] {-1, -2}, 1.5, 0.5, 1e-3, 100, null, null);
    }

    private static MetricsRow row(long it) {
        return new MetricsRow(it, 0, 1.5, 0.5, Double.NaN, 1e-3, Double.NaN, Double.NaN, Double.NaN, 100);
    }

    @Test
    void aFullDiskLeavesEveryRecordBeforeItIntactAndATornTail(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        TrainConfig config = TrainConfig.defaults(HeadKind.SOFTMAX).toBuilder().dim(2).snapshotEvery(10).build();
        // room for the header and a little more than two records of snapshots.bin
        RunWriter w = RunWriter.create(dir, config, out -> new FullDisk(out, 8 + 2 * 200 + 50));
        IOException e;
        try {
            w.snapshot(snapshot(0));
            w.metrics(row(0));
            w.snapshot(snapshot(10));
            w.metrics(row(10));
            e = assertThrows(IOException.class, () -> {
                for (long it = 20; it < 1000; it += 10) {
                    w.snapshot(snapshot(it));
                }
            });
        } finally {
            try {
                w.close();
            } catch (IOException ignored) {
                // the buffered rest cannot be written either
            }
        }
        assertEquals("no space left on device", IoErrors.describe(e));
        RunScan.Scan<RunScan.SnapshotRecord> scan = RunScan.snapshots(dir.resolve(RunFiles.SNAPSHOTS));
        assertTrue(scan.damage().isEmpty(), "a full disk leaves no damage, only a torn tail");
        assertTrue(scan.records().size() >= 2, "the records written before are intact: " + scan.records().size());
        assertEquals(0L, scan.records().getFirst().at());
        assertTrue(scan.tornAt() > 0 || Files.size(dir.resolve(RunFiles.SNAPSHOTS)) == scan.ends().getLast());
        RunReader.Run run = RunReader.read(dir);
        assertEquals(scan.records().size(), run.iterations().size());
        assertTrue(RunCheck.of(dir).files().stream().filter(f -> f.file().equals(RunFiles.SNAPSHOTS)).findFirst()
                .orElseThrow().intact(), "a torn tail is what a crash leaves, not damage");
        assertTrue(!RunLock.held(dir), "the writer let go of the lock");
    }
}
