package org.marginlab.run;

import com.google.gson.JsonParseException;
import org.marginlab.UserException;
import org.marginlab.config.ConfigJson;
import org.marginlab.config.TrainConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads a run directory back: config, metric rows, summary (if the run ended), and every intact snapshot
 * record. What does not read is skipped and said, one line per file, in {@link Run#skipped()}: a record cut
 * short by a kill, a damaged stretch (intact records after it are still read), a summary.json that does not
 * parse. Only a missing or unreadable config.json stops the reading: without it nothing can be drawn.
 */
public final class RunReader {

    /** One record of {@code snapshots.bin}: type, iteration, payload offset of its header and length. */
    public record IndexEntry(byte type, long iteration, long offset, int length) {
    }

    /**
     * @param skipped one line per file of what was not read and why (empty when every file is intact)
     */
    public record Run(Path directory, TrainConfig config, List<MetricsRow> metrics, RunSummary summary,
                      List<IterationSnapshot> iterations, List<EpochSnapshot> epochs, List<IndexEntry> index,
                      Long checkpointIteration, List<String> skipped) {

        public Run(Path directory, TrainConfig config, List<MetricsRow> metrics, RunSummary summary,
                   List<IterationSnapshot> iterations, List<EpochSnapshot> epochs, List<IndexEntry> index,
                   Long checkpointIteration) {
            this(directory, config, metrics, summary, iterations, epochs, index, checkpointIteration, List.of());
        }
    }

    private RunReader() {
    }

    /** The run's summary.json alone, or null while the run has not ended (or when it does not read). */
    public static RunSummary summary(Path dir) {
        try {
            return summaryOrThrow(dir);
        } catch (UserException e) {
            return null;
        }
    }

    /** The run's summary.json, null when there is none; a UserException naming the file when it does not read. */
    static RunSummary summaryOrThrow(Path dir) {
        Path sp = dir.resolve(RunFiles.SUMMARY);
        if (!Files.exists(sp)) {
            return null;
        }
        String text = RunFiles.readText(sp);
        try {
            RunSummary s = RunSummary.fromJson(text);
            if (s == null || s.state() == null) {
                throw new JsonParseException("no state");
            }
            return s;
        } catch (JsonParseException e) {
            throw new UserException(sp + ": damaged (not the JSON summary MarginLab writes" + org.marginlab.IoErrors.jsonWhere(e) + ")");
        }
    }

    public static Run read(Path dir) {
        if (!Files.isRegularFile(dir.resolve(RunFiles.CONFIG))) {
            throw new UserException(dir + ": not a run directory (no " + RunFiles.CONFIG + "); pick the folder that holds a run's config.json");
        }
        TrainConfig config = ConfigJson.read(dir.resolve(RunFiles.CONFIG));
        List<String> skipped = new ArrayList<>();
        RunScan.Scan<MetricsRow> ms = RunScan.metrics(dir.resolve(RunFiles.METRICS));
        List<MetricsRow> metrics = increasing(ms.records(), MetricsRow::iteration);
        note(skipped, RunFiles.METRICS, ms, "line", ms.records().size() - metrics.size(), "rows");
        RunSummary summary;
        try {
            summary = summaryOrThrow(dir);
        } catch (UserException e) {
            summary = null;
            String m = e.getMessage();
            String p = dir.resolve(RunFiles.SUMMARY) + ": ";
            skipped.add(RunFiles.SUMMARY + ": " + (m.startsWith(p) ? m.substring(p.length()) : m)
                    + "; figures that need the final results are left out");
        }
        RunScan.Scan<RunScan.SnapshotRecord> ss = RunScan.snapshots(dir.resolve(RunFiles.SNAPSHOTS));
        List<IterationSnapshot> its = new ArrayList<>();
        List<EpochSnapshot> eps = new ArrayList<>();
        List<IndexEntry> index = new ArrayList<>();
        long lastIt = -1;
        long lastEp = -1;
        int outOfOrder = 0;
        for (RunScan.SnapshotRecord r : ss.records()) {
            if (r.iteration() != null && r.at() > lastIt) {
                its.add(r.iteration());
                lastIt = r.at();
                index.add(r.entry());
            } else if (r.epoch() != null && r.at() > lastEp) {
                eps.add(r.epoch());
                lastEp = r.at();
                index.add(r.entry());
            } else {
                outOfOrder++;
            }
        }
        note(skipped, RunFiles.SNAPSHOTS, ss, "bytes", outOfOrder, "records");
        Long ckpt = null;
        if (Files.isRegularFile(dir.resolve(RunFiles.CHECKPOINT))
                || Files.isRegularFile(dir.resolve(RunFiles.CHECKPOINT_PREVIOUS))) {
            try {
                ckpt = Checkpoint.latest(dir).checkpoint().iteration();
            } catch (UserException e) {
                ckpt = null;
            }
        }
        return new Run(dir, config, metrics, summary, its, eps, index, ckpt, List.copyOf(skipped));
    }

    /** The records whose key goes up, in order: a record that repeats or goes back (two writers) is left out. */
    private static <T> List<T> increasing(List<T> records, java.util.function.ToLongFunction<T> key) {
        List<T> out = new ArrayList<>();
        long last = Long.MIN_VALUE;
        for (T r : records) {
            if (key.applyAsLong(r) > last) {
                out.add(r);
                last = key.applyAsLong(r);
            }
        }
        return out;
    }

    private static void note(List<String> skipped, String file, RunScan.Scan<?> scan, String unit, int outOfOrder,
                             String what) {
        if (scan.unreadable() != null) {
            skipped.add(file + ": cannot read it (" + scan.unreadable() + "); left out");
            return;
        }
        if (!scan.exists()) {
            return;
        }
        List<String> parts = new ArrayList<>();
        if (scan.size() == 0) {
            parts.add("the file is empty (0 bytes)");
        } else if (!scan.damage().isEmpty()) {
            parts.add(scan.describeDamage(unit));
        }
        if (scan.tornAt() >= 0) {
            parts.add("an unfinished last " + ("bytes".equals(unit) ? "record" : "line") + " (cut short by a kill) from byte "
                    + scan.tornAt());
        }
        if (outOfOrder > 0) {
            parts.add(outOfOrder + " " + what + " that repeat earlier iterations (two writers?)");
        }
        if (!parts.isEmpty()) {
            skipped.add(file + ": " + String.join("; ", parts) + "; skipped that, used its " + (scan.records().size() - outOfOrder)
                    + " intact " + what);
        }
    }
}
