package org.marginlab.run;

import org.marginlab.config.ConfigJson;
import org.marginlab.config.TrainConfig;
import org.marginlab.UserException;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Writes a run directory: {@code config.json} and {@code summary.json} atomically, {@code metrics.csv},
 * {@code snapshots.bin} and {@code snapshots.idx} append-only with a flush per record, and
 * {@code checkpoint.bin} atomically, keeping the one before as {@code checkpoint.prev.bin}. A kill at any moment leaves every file readable by {@link RunReader}.
 * Used on the training thread only.
 */
public final class RunWriter implements AutoCloseable {

    private final Path dir;
    private final Writer metrics;
    private final FileOutputStream snapshotFile;
    private final DataOutputStream snapshots;
    private final DataOutputStream index;
    private long snapshotOffset;

    private RunWriter(Path dir, boolean append) throws IOException {
        this.dir = dir;
        Path metricsPath = dir.resolve(RunFiles.METRICS);
        boolean newMetrics = !append || !Files.exists(metricsPath);
        this.metrics = Files.newBufferedWriter(metricsPath, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                newMetrics ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        if (newMetrics) {
            metrics.write(MetricsRow.HEADER + "\n");
            metrics.flush();
        }
        Path bin = dir.resolve(RunFiles.SNAPSHOTS);
        boolean newBin = !append || !Files.exists(bin);
        this.snapshotFile = new FileOutputStream(bin.toFile(), !newBin);
        this.snapshots = new DataOutputStream(new BufferedOutputStream(snapshotFile, 1 << 16));
        if (newBin) {
            snapshots.write(SnapshotCodec.FILE_MAGIC);
            snapshots.flush();
        }
        this.snapshotOffset = Files.size(bin);
        Path idx = dir.resolve(RunFiles.INDEX);
        this.index = new DataOutputStream(new BufferedOutputStream(
                new FileOutputStream(idx.toFile(), !newBin && Files.exists(idx)), 4096));
    }

    /** A fresh run directory {@code runs/<time>-<head>} under {@code root}. */
    public static Path defaultDirectory(Path root, String head) {
        String time = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path p = root.resolve(time + "-" + head);
        for (int i = 2; Files.exists(p); i++) {
            p = root.resolve(time + "-" + head + "-" + i);
        }
        return p;
    }

    /** Starts a new run in {@code dir}; refuses a directory that already holds a run. */
    public static RunWriter create(Path dir, TrainConfig config) {
        try {
            if (Files.exists(dir.resolve(RunFiles.CONFIG))) {
                throw new UserException(UserException.Field.RUN_FOLDER,
                        "run folder " + dir + ": already holds a run (config.json); choose a new folder or resume it");
            }
            Files.createDirectories(dir);
            RunFiles.writeAtomically(dir.resolve(RunFiles.CONFIG), ConfigJson.toJson(config).getBytes(StandardCharsets.UTF_8));
            return new RunWriter(dir, false);
        } catch (IOException e) {
            throw new UserException(UserException.Field.RUN_FOLDER, "run folder " + dir + ": cannot write it (" + e.getMessage() + ")");
        }
    }

    /**
     * Reopens a run for resuming after {@code iteration}: drops snapshots, metric rows and index entries
     * from later iterations (they will be recomputed identically) and any torn tail, then appends.
     */
    public static RunWriter resume(Path dir, long iteration) {
        try {
            RunReader.Run run = RunReader.read(dir);
            Path bin = dir.resolve(RunFiles.SNAPSHOTS);
            List<RunReader.IndexEntry> keep = run.index().stream().filter(e -> e.iteration() <= iteration).toList();
            long end = keep.isEmpty() ? SnapshotCodec.FILE_MAGIC.length
                    : keep.getLast().offset() + SnapshotCodec.HEADER_BYTES + keep.getLast().length() + 4;
            if (Files.exists(bin)) {
                try (FileChannel ch = FileChannel.open(bin, StandardOpenOption.WRITE)) {
                    ch.truncate(end);
                }
            }
            ByteArrayOutputStream idx = new ByteArrayOutputStream();
            DataOutputStream o = new DataOutputStream(idx);
            for (RunReader.IndexEntry e : keep) {
                writeIndex(o, e.type(), e.iteration(), e.offset(), e.length());
            }
            o.flush();
            RunFiles.writeAtomically(dir.resolve(RunFiles.INDEX), idx.toByteArray());
            StringBuilder csv = new StringBuilder(MetricsRow.HEADER).append('\n');
            for (MetricsRow r : run.metrics()) {
                if (r.iteration() <= iteration) {
                    csv.append(r.toCsv()).append('\n');
                }
            }
            RunFiles.writeAtomically(dir.resolve(RunFiles.METRICS), csv.toString().getBytes(StandardCharsets.UTF_8));
            Files.deleteIfExists(dir.resolve(RunFiles.SUMMARY));
            return new RunWriter(dir, true);
        } catch (IOException e) {
            throw new UserException(dir + ": cannot reopen the run for resuming (" + e.getMessage() + ")");
        }
    }

    public Path directory() {
        return dir;
    }

    public void metrics(MetricsRow row) throws IOException {
        metrics.write(row.toCsv() + "\n");
        metrics.flush();
    }

    public void snapshot(IterationSnapshot s) throws IOException {
        append(SnapshotCodec.ITERATION, s.iteration(), SnapshotCodec.encode(s));
    }

    public void snapshot(EpochSnapshot s) throws IOException {
        append(SnapshotCodec.EPOCH, s.iteration(), SnapshotCodec.encode(s));
    }

    private void append(byte type, long iteration, byte[] payload) throws IOException {
        CRC32 crc = new CRC32();
        crc.update(payload);
        long offset = snapshotOffset;
        snapshots.writeInt(SnapshotCodec.RECORD_MAGIC);
        snapshots.writeByte(type);
        snapshots.writeInt(payload.length);
        snapshots.write(payload);
        snapshots.writeInt((int) crc.getValue());
        snapshots.flush();
        snapshotOffset += SnapshotCodec.HEADER_BYTES + payload.length + 4;
        writeIndex(index, type, iteration, offset, payload.length);
        index.flush();
    }

    private static void writeIndex(DataOutputStream o, byte type, long iteration, long offset, int length) throws IOException {
        o.writeByte(type);
        o.writeLong(iteration);
        o.writeLong(offset);
        o.writeInt(length);
    }

    /**
     * Writes {@code checkpoint.bin}, first renaming the one there to {@code checkpoint.prev.bin} so that
     * resume has a fallback. A damaged one is not rotated: the previous checkpoint is always sound.
     */
    public void checkpoint(Checkpoint c) throws IOException {
        Path latest = dir.resolve(RunFiles.CHECKPOINT);
        if (Checkpoint.sound(latest)) {
            Files.move(latest, dir.resolve(RunFiles.CHECKPOINT_PREVIOUS),
                    StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        c.write(latest);
    }

    public void summary(RunSummary s) throws IOException {
        RunFiles.writeAtomically(dir.resolve(RunFiles.SUMMARY), s.toJson().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (AutoCloseable c : new AutoCloseable[] {metrics, snapshots, index}) {
            try {
                c.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e instanceof IOException io ? io : new IOException(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

}
