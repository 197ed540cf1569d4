package org.marginlab.run;

import org.marginlab.config.ConfigJson;
import org.marginlab.config.TrainConfig;
import com.google.gson.JsonParseException;
import org.marginlab.UserException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Loads a run directory back: config, metric rows, summary (if the run ended), and every complete
 * snapshot record. A record cut short by a kill, and anything after it, is ignored; a missing or torn
 * index is rebuilt from the snapshot file itself.
 */
public final class RunReader {

    /** One record of {@code snapshots.bin}: type, iteration, payload offset of its header and length. */
    public record IndexEntry(byte type, long iteration, long offset, int length) {
    }

    public record Run(Path directory, TrainConfig config, List<MetricsRow> metrics, RunSummary summary,
                      List<IterationSnapshot> iterations, List<EpochSnapshot> epochs, List<IndexEntry> index,
                      Long checkpointIteration) {
    }

    private RunReader() {
    }

    /** The run's summary.json alone, or null while the run has not ended. */
    public static RunSummary summary(Path dir) {
        Path sp = dir.resolve(RunFiles.SUMMARY);
        if (!Files.isRegularFile(sp)) {
            return null;
        }
        try {
            return RunSummary.fromJson(Files.readString(sp));
        } catch (IOException | JsonParseException e) {
            throw new UserException(sp + ": unreadable summary (" + e.getMessage() + ")");
        }
    }

    public static Run read(Path dir) {
        if (!Files.isRegularFile(dir.resolve(RunFiles.CONFIG))) {
            throw new UserException(dir + ": not a run directory (no " + RunFiles.CONFIG + ")");
        }
        TrainConfig config = ConfigJson.read(dir.resolve(RunFiles.CONFIG));
        List<MetricsRow> metrics = readMetrics(dir.resolve(RunFiles.METRICS));
        RunSummary summary = summary(dir);
        List<IterationSnapshot> its = new ArrayList<>();
        List<EpochSnapshot> eps = new ArrayList<>();
        List<IndexEntry> index = scan(dir.resolve(RunFiles.SNAPSHOTS), its, eps);
        Long ckpt = null;
        if (Files.isRegularFile(dir.resolve(RunFiles.CHECKPOINT))
                || Files.isRegularFile(dir.resolve(RunFiles.CHECKPOINT_PREVIOUS))) {
            try {
                ckpt = Checkpoint.latest(dir).checkpoint().iteration();
            } catch (UserException e) {
                ckpt = null;
            }
        }
        return new Run(dir, config, metrics, summary, its, eps, index, ckpt);
    }

    private static List<MetricsRow> readMetrics(Path file) {
        List<MetricsRow> rows = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return rows;
        }
        try {
            String text = Files.readString(file);
            boolean complete = text.endsWith("\n");
            List<String> lines = text.lines().toList();
            for (int i = 1; i < lines.size(); i++) {
                if (i == lines.size() - 1 && !complete) {
                    break; // cut short by a kill
                }
                MetricsRow r = MetricsRow.parse(lines.get(i));
                if (r != null) {
                    rows.add(r);
                }
            }
        } catch (IOException e) {
            throw new UserException(file + ": cannot read (" + e.getMessage() + ")");
        }
        return rows;
    }

    /**
     * Decodes every complete record in order into the two lists; returns their index entries.
     * Stops at the first record that is short, has a wrong magic or a wrong checksum.
     */
    public static List<IndexEntry> scan(Path file, List<IterationSnapshot> its, List<EpochSnapshot> eps) {
        List<IndexEntry> index = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return index;
        }
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UserException(file + ": cannot read (" + e.getMessage() + ")");
        }
        if (all.length < SnapshotCodec.FILE_MAGIC.length
                || !Arrays.equals(Arrays.copyOf(all, SnapshotCodec.FILE_MAGIC.length), SnapshotCodec.FILE_MAGIC)) {
            if (all.length == 0) {
                return index;
            }
            throw new UserException(file + ": not a MarginLab snapshot file (bad header)");
        }
        ByteBuffer buf = ByteBuffer.wrap(all);
        buf.position(SnapshotCodec.FILE_MAGIC.length);
        while (buf.remaining() >= SnapshotCodec.HEADER_BYTES) {
            int offset = buf.position();
            int magic = buf.getInt();
            byte type = buf.get();
            int length = buf.getInt();
            if (magic != SnapshotCodec.RECORD_MAGIC || length < 0 || buf.remaining() < (long) length + 4) {
                break;
            }
            byte[] payload = new byte[length];
            buf.get(payload);
            int stored = buf.getInt();
            CRC32 crc = new CRC32();
            crc.update(payload);
            if ((int) crc.getValue() != stored) {
                break;
            }
            try {
                if (type == SnapshotCodec.ITERATION) {
                    IterationSnapshot s = SnapshotCodec.decodeIteration(payload);
                    its.add(s);
                    index.add(new IndexEntry(type, s.iteration(), offset, length));
                } else if (type == SnapshotCodec.EPOCH) {
                    EpochSnapshot s = SnapshotCodec.decodeEpoch(payload);
                    eps.add(s);
                    index.add(new IndexEntry(type, s.iteration(), offset, length));
                } else {
                    break;
                }
            } catch (IOException e) {
                break;
            }
        }
        return index;
    }
}
