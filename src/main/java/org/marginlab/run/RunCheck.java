package org.marginlab.run;

import org.marginlab.UserException;
import org.marginlab.config.ConfigJson;
import org.marginlab.config.TrainConfig;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code marginlab check RUN}: every file of a run directory verified — records and their checksums
 * ({@link RunScan}), rows in order with none missing, snapshot records for the rows that have them,
 * checkpoints, the summary, and who holds the writer's lock — and said file by file, intact or damaged.
 * Reading never changes a byte.
 */
public final class RunCheck {

    private RunCheck() {
    }

    /** One file's verdict: intact or not, and one line of what was found. */
    public record FileReport(String file, boolean intact, String line) {
    }

    public record Report(Path directory, List<FileReport> files) {
        public boolean intact() {
            return files.stream().allMatch(FileReport::intact);
        }

        public long damaged() {
            return files.stream().filter(f -> !f.intact()).count();
        }
    }

    public static Report of(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new UserException(dir + ": no such folder; give a run directory (the folder holding config.json)");
        }
        List<FileReport> out = new ArrayList<>();
        TrainConfig config = null;
        Path cp = dir.resolve(RunFiles.CONFIG);
        if (!Files.exists(cp)) {
            out.add(new FileReport(RunFiles.CONFIG, false, "missing: without it the run cannot be read or resumed"));
        } else {
            try {
                config = ConfigJson.read(cp);
                out.add(new FileReport(RunFiles.CONFIG, true, "intact: " + config.head().id() + ", "
                        + config.backbone() + ", d = " + config.dim() + ", seed " + config.seed()));
            } catch (UserException e) {
                out.add(new FileReport(RunFiles.CONFIG, false, "damaged: " + strip(e.getMessage(), cp)));
                // (ConfigJson's own words: "not valid JSON at line 3 column 5", "unknown field 'x'", …)
            }
        }

        RunScan.Scan<MetricsRow> ms = RunScan.metrics(dir.resolve(RunFiles.METRICS));
        List<String> rowProblems = new ArrayList<>();
        long last = Long.MIN_VALUE;
        Set<Long> rows = new HashSet<>();
        for (MetricsRow r : ms.records()) {
            if (r.iteration() <= last) {
                rowProblems.add("the row of iteration " + r.iteration() + " comes after " + last + " (two writers?)");
            }
            last = Math.max(last, r.iteration());
            rows.add(r.iteration());
        }
        Long ckpt = null;
        try {
            ckpt = Checkpoint.latest(dir).checkpoint().iteration();
        } catch (UserException e) {
            ckpt = null;
        }
        if (config != null && (!ms.records().isEmpty() || (ckpt != null && ms.exists()))) {
            List<Long> missing = new ArrayList<>();
            long upTo = Math.max(last, ckpt == null ? -1 : ckpt);
            for (long i = 0; i <= upTo; i++) {
                if (config.snapshotDue(i) && !rows.contains(i)) {
                    missing.add(i);
                }
            }
            if (!missing.isEmpty()) {
                rowProblems.add("rows missing at " + (missing.size() == 1 ? "iteration " + missing.getFirst()
                        : missing.size() + " snapshot iterations from " + missing.getFirst() + " to " + missing.getLast()));
            }
        }
        out.add(csvReport(RunFiles.METRICS, ms, rowProblems, ms.records().isEmpty() ? "no rows"
                : ms.records().size() + " rows, iterations " + ms.records().getFirst().iteration() + "–" + last, true));

        RunScan.Scan<RunScan.SnapshotRecord> ss = RunScan.snapshots(dir.resolve(RunFiles.SNAPSHOTS));
        out.add(snapshotReport(ss, ms.records()));
        out.add(indexReport(dir.resolve(RunFiles.INDEX), ss));
        out.add(checkpointReport(dir, RunFiles.CHECKPOINT, config, last));
        out.add(checkpointReport(dir, RunFiles.CHECKPOINT_PREVIOUS, config, last));

        RunScan.Scan<LiveChange> cs = RunScan.changes(dir.resolve(RunFiles.CHANGES));
        List<String> changeProblems = new ArrayList<>();
        for (int i = 1; i < cs.records().size(); i++) {
            if (cs.records().get(i).iteration() < cs.records().get(i - 1).iteration()) {
                changeProblems.add("row " + (i + 1) + " goes back to iteration " + cs.records().get(i).iteration());
            }
        }
        if (cs.tornAt() >= 0) {
            changeProblems.add("its last line is cut short: a change of the run's history may be lost");
        }
        out.add(csvReport(RunFiles.CHANGES, cs, changeProblems, cs.records().size() + " change"
                + (cs.records().size() == 1 ? "" : "s") + " made while training", false));

        Path sp = dir.resolve(RunFiles.SUMMARY);
        if (!Files.exists(sp)) {
            out.add(new FileReport(RunFiles.SUMMARY, true, "absent: the run has not ended (it was killed, or it trains now)"));
        } else {
            try {
                RunSummary s = RunReader.summaryOrThrow(dir);
                out.add(new FileReport(RunFiles.SUMMARY, true, "intact: " + s.state() + ", " + s.message()));
            } catch (UserException e) {
                out.add(new FileReport(RunFiles.SUMMARY, false, strip(e.getMessage(), sp)));
            }
        }

        if (!Files.exists(dir.resolve(RunFiles.LOCK))) {
            out.add(new FileReport(RunFiles.LOCK, true, "absent: no writer has locked this run"));
        } else if (RunLock.held(dir)) {
            out.add(new FileReport(RunFiles.LOCK, true, "held: " + RunLock.holder(dir) + " is writing the run now"));
        } else {
            out.add(new FileReport(RunFiles.LOCK, true, "free (last writer: " + RunLock.holder(dir) + ")"));
        }
        out.addAll(setAside(dir));
        return new Report(dir, List.copyOf(out));
    }

    /**
     * The files a resume set aside beside the run ({@code NAME.superseded-K.EXT}: records it recomputed otherwise,
     * see {@link RunWriter#resume}), each verified like the file it was cut from.
     */
    private static List<FileReport> setAside(Path dir) {
        List<Path> files;
        try (var list = Files.list(dir)) {
            files = list.filter(f -> f.getFileName().toString().matches("(metrics|changes|snapshots)\\.superseded-\\d+\\.(csv|bin)"))
                    .sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
        List<FileReport> out = new ArrayList<>();
        String why = " a resume set aside (the resumed run computed them otherwise)";
        for (Path f : files) {
            String name = f.getFileName().toString();
            if (name.startsWith("snapshots.")) {
                RunScan.Scan<RunScan.SnapshotRecord> ss = RunScan.snapshots(f);
                String good = ss.records().size() + " records" + why;
                out.add(ss.intact() ? new FileReport(name, true, "intact: " + good)
                        : new FileReport(name, false, "damaged: " + (ss.unreadable() != null ? "cannot read it (" + ss.unreadable() + ")"
                        : ss.damage().isEmpty() ? "its last record is cut short" : ss.describeDamage("bytes")) + "; intact: " + good));
            } else {
                RunScan.Scan<?> cs = name.startsWith("metrics.") ? RunScan.metrics(f) : RunScan.changes(f);
                out.add(csvReport(name, cs, List.of(), cs.records().size() + " rows" + why, true));
            }
        }
        return out;
    }

    private static String strip(String message, Path file) {
        String p = file.toString() + ": ";
        return message.startsWith(p) ? message.substring(p.length()) : message;
    }

    private static <T> FileReport csvReport(String name, RunScan.Scan<T> scan, List<String> problems, String good,
                                            boolean required) {
        if (scan.unreadable() != null) {
            return new FileReport(name, false, "cannot read it (" + scan.unreadable() + ")");
        }
        if (!scan.exists()) {
            return required ? new FileReport(name, false, "missing")
                    : new FileReport(name, true, "absent: no setting was changed while training");
        }
        List<String> parts = new ArrayList<>();
        if (scan.size() == 0) {
            parts.add("the file is empty (0 bytes)");
        } else if (!scan.damage().isEmpty()) {
            parts.add(scan.describeDamage("line"));
        }
        parts.addAll(problems);
        String torn = scan.tornAt() >= 0 ? "; its last line is unfinished (a kill while appending; resume cuts it)" : "";
        if (parts.isEmpty()) {
            return new FileReport(name, true, "intact: " + good + torn);
        }
        return new FileReport(name, false, "damaged: " + String.join("; ", parts) + "; intact: " + good + torn);
    }

    private static FileReport snapshotReport(RunScan.Scan<RunScan.SnapshotRecord> ss, List<MetricsRow> rows) {
        String name = RunFiles.SNAPSHOTS;
        if (ss.unreadable() != null) {
            return new FileReport(name, false, "cannot read it (" + ss.unreadable() + ")");
        }
        if (!ss.exists()) {
            return new FileReport(name, false, "missing");
        }
        List<String> parts = new ArrayList<>();
        if (ss.size() == 0) {
            parts.add("the file is empty (0 bytes)");
        } else if (!ss.damage().isEmpty()) {
            parts.add(ss.describeDamage("bytes"));
        }
        long lastIt = -1;
        long lastEp = -1;
        int its = 0;
        int eps = 0;
        Set<Long> itSet = new HashSet<>();
        for (RunScan.SnapshotRecord r : ss.records()) {
            if (r.iteration() != null) {
                if (r.at() <= lastIt) {
                    parts.add("an iteration record of " + r.at() + " comes after " + lastIt + " (two writers?)");
                }
                lastIt = Math.max(lastIt, r.at());
                itSet.add(r.at());
                its++;
            } else {
                if (r.at() <= lastEp) {
                    parts.add("an epoch record of iteration " + r.at() + " comes after " + lastEp + " (two writers?)");
                }
                lastEp = Math.max(lastEp, r.at());
                eps++;
            }
        }
        List<Long> missing = new ArrayList<>();
        for (MetricsRow r : rows) {
            boolean probe = !Double.isNaN(r.probeWcIntra()) || !Double.isNaN(r.loss());
            if (probe && !itSet.contains(r.iteration())) {
                missing.add(r.iteration());
            }
        }
        if (!missing.isEmpty()) {
            parts.add("no record for " + (missing.size() == 1 ? "iteration " + missing.getFirst()
                    : missing.size() + " iterations that metrics.csv has rows for, from " + missing.getFirst() + " to " + missing.getLast()));
        }
        String good = its + " iteration and " + eps + " epoch records" + (its > 0 ? ", iterations up to " + lastIt : "");
        String torn = ss.tornAt() >= 0 ? "; its last record is unfinished from byte " + ss.tornAt()
                + " (a kill while appending; resume cuts it)" : "";
        if (parts.isEmpty()) {
            return new FileReport(name, true, "intact: " + good + torn);
        }
        return new FileReport(name, false, "damaged: " + String.join("; ", parts) + "; intact: " + good + torn);
    }

    private static FileReport indexReport(Path file, RunScan.Scan<RunScan.SnapshotRecord> ss) {
        String name = RunFiles.INDEX;
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            return new FileReport(name, true, "absent (it is derived from snapshots.bin, rebuilt on resume)");
        } catch (IOException e) {
            return new FileReport(name, false, "cannot read it (" + org.marginlab.IoErrors.describe(e) + ")");
        }
        int entry = SnapshotCodec.INDEX_ENTRY_BYTES;
        int n = all.length / entry;
        ByteBuffer b = ByteBuffer.wrap(all);
        int matching = 0;
        for (int i = 0; i < n && i < ss.records().size(); i++) {
            RunReader.IndexEntry e = ss.records().get(i).entry();
            byte type = b.get();
            long it = b.getLong();
            long off = b.getLong();
            int len = b.getInt();
            if (type != e.type() || it != e.iteration() || off != e.offset() || len != e.length()) {
                break;
            }
            matching++;
        }
        if (!ss.intact()) {
            return new FileReport(name, true, n + " entries; not compared, as snapshots.bin is damaged (it is derived "
                    + "from that file and rebuilt from it on resume)");
        }
        if (matching == n && n <= ss.records().size()) {
            int behind = ss.records().size() - n;
            boolean cut = all.length % entry != 0;
            return new FileReport(name, true, "intact: " + n + " entries" + (behind > 0 || cut ? ", behind snapshots.bin"
                    + (cut ? " with its last entry cut short" : "") + " (a kill between the two writes; rebuilt on resume)" : ""));
        }
        return new FileReport(name, false, "damaged: entry " + (matching + 1) + " of " + n
                + " does not match snapshots.bin; nothing is lost (it is derived from snapshots.bin, and rebuilt on resume)");
    }

    private static FileReport checkpointReport(Path dir, String name, TrainConfig config, long lastRow) {
        Path file = dir.resolve(name);
        if (!Files.exists(file)) {
            boolean expected = name.equals(RunFiles.CHECKPOINT) && config != null && lastRow >= config.snapshotEvery();
            return new FileReport(name, !expected, expected ? "missing, though the run trained past its first checkpoint"
                    + (Files.exists(dir.resolve(RunFiles.CHECKPOINT_PREVIOUS)) ? "; resume uses " + RunFiles.CHECKPOINT_PREVIOUS : "")
                    : "absent");
        }
        try {
            Checkpoint c = Checkpoint.read(file);
            return new FileReport(name, true, "intact: iteration " + c.iteration());
        } catch (UserException e) {
            return new FileReport(name, false, strip(e.getMessage(), file));
        }
    }
}
