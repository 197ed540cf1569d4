package org.marginlab.run;

import org.marginlab.IoErrors;
import org.marginlab.UserException;
import org.marginlab.config.ConfigJson;
import org.marginlab.config.TrainConfig;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.Writer;
import java.nio.ByteBuffer;
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
    private final RunLock lock;
    private boolean closed;
    /** What {@link #create} wrote to config.json in the folder it made itself; null otherwise ({@link #discardNew}). */
    private byte[] madeWithConfig;
    /** Entries in {@code snapshots.idx}: one per record of {@code snapshots.bin}. */
    private long indexEntries;
    /** A resumed run's records after its checkpoint, not yet matched by what it recomputes; null when none. */
    private KeptTail metricsTail;
    private KeptTail snapshotsTail;
    private KeptTail changesTail;
    private List<String> resumeNotes = List.of();
    private java.util.function.Consumer<String> notices = line -> { };

    private RunWriter(Path dir, boolean append, RunLock lock) throws IOException {
        this(dir, append, lock, java.util.function.UnaryOperator.identity());
    }

    /** @param sink wraps each append-only file's stream: tests inject a failing disk here */
    private RunWriter(Path dir, boolean append, RunLock lock, java.util.function.UnaryOperator<java.io.OutputStream> sink)
            throws IOException {
        this.dir = dir;
        this.lock = lock;
        Path metricsPath = dir.resolve(RunFiles.METRICS);
        boolean newMetrics = !append || !Files.exists(metricsPath) || Files.size(metricsPath) == 0;
        this.metrics = new java.io.BufferedWriter(new java.io.OutputStreamWriter(
                sink.apply(new FileOutputStream(metricsPath.toFile(), !newMetrics)), StandardCharsets.UTF_8));
        if (newMetrics) {
            metrics.write(MetricsRow.HEADER + "\n");
            metrics.flush();
        }
        Path bin = dir.resolve(RunFiles.SNAPSHOTS);
        // A header cut short by a kill holds no record: start the file again.
        boolean newBin = !append || !Files.exists(bin) || Files.size(bin) < SnapshotCodec.FILE_MAGIC.length;
        this.snapshotFile = new FileOutputStream(bin.toFile(), !newBin);
        this.snapshots = new DataOutputStream(new BufferedOutputStream(sink.apply(snapshotFile), 1 << 16));
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

    /**
     * Starts a new run in {@code dir}; refuses a directory that already holds a run, or one another process
     * is writing, before it writes anything. Holds the run's {@link RunLock} until {@link #close}.
     */
    public static RunWriter create(Path dir, TrainConfig config) {
        return create(dir, config, java.util.function.UnaryOperator.identity());
    }

    /** {@link #create(Path, TrainConfig)} whose append-only streams go through {@code sink} (for fault injection). */
    static RunWriter create(Path dir, TrainConfig config, java.util.function.UnaryOperator<java.io.OutputStream> sink) {
        if (Files.exists(dir.resolve(RunFiles.CONFIG))) {
            throw new UserException(UserException.Field.RUN_FOLDER,
                    "run folder " + dir + ": already holds a run (config.json); choose a new folder or resume it");
        }
        refuseLeftovers(dir);
        boolean made = !Files.exists(dir);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UserException(UserException.Field.RUN_FOLDER, "run folder " + dir + ": cannot create it ("
                    + IoErrors.describe(e) + "); choose a folder you can write");
        }
        RunLock lock = RunLock.acquire(dir);
        try {
            if (Files.exists(dir.resolve(RunFiles.CONFIG))) {
                throw new UserException(UserException.Field.RUN_FOLDER,
                        "run folder " + dir + ": already holds a run (config.json); choose a new folder or resume it");
            }
            refuseLeftovers(dir);
            byte[] json = ConfigJson.toJson(config).getBytes(StandardCharsets.UTF_8);
            RunFiles.writeAtomically(dir.resolve(RunFiles.CONFIG), json);
            RunWriter w = new RunWriter(dir, false, lock, sink);
            w.madeWithConfig = made ? json : null;
            return w;
        } catch (IOException e) {
            lock.close();
            throw new UserException(UserException.Field.RUN_FOLDER, "run folder " + dir + ": cannot write it ("
                    + IoErrors.describe(e) + "); choose a folder you can write");
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * Refuses a folder that holds a run's records without its config.json (moved or renamed): a new writer would
     * truncate them to their headers.
     */
    private static void refuseLeftovers(Path dir) {
        List<String> found = new java.util.ArrayList<>();
        for (String f : RunFiles.ALL) {
            if (!f.equals(RunFiles.CONFIG) && !f.equals(RunFiles.LOCK) && Files.exists(dir.resolve(f))) {
                found.add(f);
            }
        }
        if (!found.isEmpty()) {
            throw new UserException(UserException.Field.RUN_FOLDER, "run folder " + dir + ": already holds a run's files ("
                    + String.join(", ", found) + ") though no config.json; choose a new folder, or restore its config.json "
                    + "to resume it");
        }
    }

    /**
     * Reopens a run for resuming after {@code iteration}, under {@code lock} (which the writer then holds).
     * First it verifies the append-only files ({@link RunScan}): damage anywhere, or rows and records missing
     * up to the checkpoint, is a UserException naming the file and the next step, and nothing is changed.
     * Then it cuts only a torn tail a kill left (said in {@link #resumeNotes}) and rebuilds the index, which is
     * derived from {@code snapshots.bin}. Rows and records after the checkpoint stay: the resumed run recomputes
     * them and writes nothing while what it computes is what is on record; from the first that differs it sets
     * the rest aside ({@code NAME.superseded-K.EXT}, said through {@link #onNotice}) and appends its own.
     *
     * @param expectedRow whether an uninterrupted run writes a metrics row at an iteration (snapshot, epoch end)
     */
    public static RunWriter resume(Path dir, long iteration, RunLock lock, java.util.function.LongPredicate expectedRow) {
        String next = "; nothing was changed. `marginlab check " + dir + "` lists what is intact; the run is deterministic, so "
                + "marginlab train --config " + dir.resolve(RunFiles.CONFIG) + " --out NEW_FOLDER trains it again in full";
        for (String f : RunFiles.ALL) {
            Path p = dir.resolve(f);
            if (Files.exists(p) && !Files.isWritable(p)) {
                throw new UserException(p + ": read-only, and resuming appends to the run; make it writable (chmod u+w) "
                        + "or train the run again into a new folder (nothing was changed)");
            }
        }
        RunScan.Scan<MetricsRow> ms = RunScan.metrics(dir.resolve(RunFiles.METRICS));
        refuseDamage(RunFiles.METRICS, ms, "line", next);
        RunScan.Scan<RunScan.SnapshotRecord> ss = RunScan.snapshots(dir.resolve(RunFiles.SNAPSHOTS));
        refuseDamage(RunFiles.SNAPSHOTS, ss, "bytes", next);
        RunScan.Scan<LiveChange> cs = RunScan.changes(dir.resolve(RunFiles.CHANGES));
        refuseDamage(RunFiles.CHANGES, cs, "line", next);
        if (cs.tornAt() >= 0 && tornChangeIteration(dir.resolve(RunFiles.CHANGES), cs.tornAt()) < iteration) {
            // A change is appended before its iteration's checkpoint: one cut short before the checkpoint is damage.
            throw new UserException(dir.resolve(RunFiles.CHANGES) + ": damaged (its last line is cut short and may be a change "
                    + "the checkpoint already holds); resuming would lose it" + next);
        }
        // Rows and records up to the checkpoint are what the resumed run keeps: every one must be there.
        java.util.Set<Long> rows = new java.util.HashSet<>();
        java.util.Set<Long> its = new java.util.HashSet<>();
        java.util.Set<Long> eps = new java.util.HashSet<>();
        for (RunScan.SnapshotRecord r : ss.records()) {
            (r.iteration() != null ? its : eps).add(r.at());
        }
        List<Long> missingRows = new java.util.ArrayList<>();
        List<Long> missingRecords = new java.util.ArrayList<>();
        for (MetricsRow r : ms.records()) {
            rows.add(r.iteration());
            if (r.iteration() <= iteration) {
                boolean probe = !Double.isNaN(r.probeWcIntra()) || !Double.isNaN(r.loss());
                if ((probe && !its.contains(r.iteration())) || (!Double.isNaN(r.testAccuracy()) && !eps.contains(r.iteration()))) {
                    missingRecords.add(r.iteration());
                }
            }
        }
        for (long i = 0; i <= iteration; i++) {
            if (expectedRow.test(i) && !rows.contains(i)) {
                missingRows.add(i);
            }
        }
        if (!missingRows.isEmpty()) {
            throw new UserException(dir.resolve(RunFiles.METRICS) + ": the rows of " + span(missingRows)
                    + " are missing, though the checkpoint is at iteration " + iteration
                    + "; resuming would leave them missing for good" + next);
        }
        if (!missingRecords.isEmpty()) {
            throw new UserException(dir.resolve(RunFiles.SNAPSHOTS) + ": the snapshot records of " + span(missingRecords)
                    + " are missing, though metrics.csv has their rows; resuming would leave them missing for good" + next);
        }
        try {
            List<String> notes = new java.util.ArrayList<>();
            cutTorn(dir.resolve(RunFiles.METRICS), ms, "its last line", notes);
            cutTorn(dir.resolve(RunFiles.SNAPSHOTS), ss, "its last record", notes);
            cutTorn(dir.resolve(RunFiles.CHANGES), cs, "its last line", notes);
            ByteArrayOutputStream idx = new ByteArrayOutputStream();
            DataOutputStream o = new DataOutputStream(idx);
            for (RunScan.SnapshotRecord r : ss.records()) {
                RunReader.IndexEntry e = r.entry();
                writeIndex(o, e.type(), e.iteration(), e.offset(), e.length());
            }
            o.flush();
            RunFiles.writeAtomically(dir.resolve(RunFiles.INDEX), idx.toByteArray());
            // A stopped run's summary is superseded by the run it continues into (a new one is written at its end),
            // but it is a record of the stop: kept beside it, never deleted.
            Path summary = dir.resolve(RunFiles.SUMMARY);
            if (Files.exists(summary)) {
                Path kept = null;
                for (int k = 1; kept == null || Files.exists(kept); k++) {
                    kept = dir.resolve("summary.stopped-" + k + ".json");
                }
                Files.move(summary, kept);
            }
            // What the run wrote after its checkpoint stays; the resumed run checks it record by record.
            KeptTail metricsTail = tail(dir.resolve(RunFiles.METRICS), ms, r -> r.iteration() <= iteration);
            KeptTail snapshotsTail = tail(dir.resolve(RunFiles.SNAPSHOTS), ss, r -> r.at() <= iteration);
            // Changes from the checkpoint's iteration on act after it: the resumed run makes them again.
            KeptTail changesTail = tail(dir.resolve(RunFiles.CHANGES), cs, c -> c.iteration() < iteration);
            RunWriter w = new RunWriter(dir, true, lock);
            w.indexEntries = ss.records().size();
            w.resumeNotes = List.copyOf(notes);
            w.metricsTail = metricsTail;
            w.snapshotsTail = snapshotsTail;
            w.changesTail = changesTail;
            return w;
        } catch (IOException e) {
            throw new UserException(dir + ": cannot reopen the run for resuming (" + IoErrors.describe(e)
                    + "); check the folder's permissions and free space");
        }
    }

    /** The iteration a torn changes.csv line begins with, or -1 when it is cut before its first comma. */
    private static long tornChangeIteration(Path file, long at) {
        try {
            byte[] all = Files.readAllBytes(file);
            String tail = new String(all, (int) at, all.length - (int) at, StandardCharsets.UTF_8);
            int comma = tail.indexOf(',');
            return comma < 0 ? -1 : Long.parseLong(tail.substring(0, comma));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static void refuseDamage(String file, RunScan.Scan<?> scan, String unit, String next) {
        if (scan.unreadable() != null) {
            throw new UserException(file + ": cannot read it (" + scan.unreadable() + ")" + next);
        }
        if (!scan.damage().isEmpty()) {
            throw new UserException(file + ": damaged (" + (scan.size() == 0 ? "the file is empty" : scan.describeDamage(unit))
                    + "); resuming would cut or build on it" + next);
        }
    }

    /** Cuts a torn tail (a record a kill cut short: it holds nothing whole) and says so in {@code notes}. */
    private static void cutTorn(Path file, RunScan.Scan<?> scan, String what, List<String> notes) throws IOException {
        if (scan.tornAt() < 0) {
            return;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(scan.tornAt());
            ch.force(true);
        }
        notes.add(file + ": " + what + " was cut short by a kill (bytes " + scan.tornAt() + "–" + scan.size()
                + "); cut off, and the resumed run writes it again");
    }

    /** The intact records after the last one that {@code upToCheckpoint}, or null when there are none. */
    private static <T> KeptTail tail(Path file, RunScan.Scan<T> scan, java.util.function.Predicate<T> upToCheckpoint)
            throws IOException {
        if (!scan.exists()) {
            return null;
        }
        int first = 0;
        for (int i = 0; i < scan.records().size(); i++) {
            if (upToCheckpoint.test(scan.records().get(i))) {
                first = i + 1;
            }
        }
        if (first == scan.records().size()) {
            return null;
        }
        long header = headerEnd(file, scan);
        return new KeptTail(file, header, first == 0 ? header : scan.ends().get(first - 1),
                scan.ends().subList(first, scan.ends().size()));
    }

    /** Where the first record would start: after the snapshot file's magic or the CSV header line. */
    private static long headerEnd(Path file, RunScan.Scan<?> scan) throws IOException {
        if (file.getFileName().toString().equals(RunFiles.SNAPSHOTS)) {
            return Math.min(scan.size(), SnapshotCodec.FILE_MAGIC.length);
        }
        byte[] all = Files.readAllBytes(file);
        for (int i = 0; i < all.length; i++) {
            if (all[i] == '\n') {
                return i + 1;
            }
        }
        return all.length;
    }

    /** "iterations 25, 50 and 75" or "iterations 25–300 (12 rows)". */
    private static String span(List<Long> its) {
        if (its.size() == 1) {
            return "iteration " + its.getFirst();
        }
        if (its.size() <= 4) {
            return "iterations " + String.join(", ", its.subList(0, its.size() - 1).stream().map(String::valueOf).toList())
                    + " and " + its.getLast();
        }
        return "iterations " + its.getFirst() + "–" + its.getLast() + " (" + its.size() + ")";
    }

    public Path directory() {
        return dir;
    }

    /** What resuming found and did, one line each (a torn tail cut off); empty when nothing. */
    public List<String> resumeNotes() {
        return resumeNotes;
    }

    /** Where to say, in one line, that a resumed run set aside records it recomputed differently. */
    public void onNotice(java.util.function.Consumer<String> notices) {
        this.notices = notices;
    }

    public void metrics(MetricsRow row) throws IOException {
        String line = row.toCsv() + "\n";
        // The images/s on record was measured when it was written: a recomputed row is the same row but for that.
        if (onRecord(metricsTail, old -> {
            String text = new String(old, StandardCharsets.UTF_8);
            MetricsRow was = MetricsRow.parse(text.strip());
            return was != null && text.equals(row.withImagesPerSecond(was.imagesPerSecond()).toCsv() + "\n");
        }, "row", row.iteration())) {
            return;
        }
        metrics.write(line);
        metrics.flush();
    }

    /**
     * Whether a resumed run's record is the next one on record after its checkpoint (then it is not written
     * again). When it is not, every file's unmatched records are set aside, and the caller appends.
     */
    private boolean onRecord(KeptTail tail, java.util.function.Predicate<byte[]> same, String what, long iteration)
            throws IOException {
        if (tail == null || tail.size() == 0) {
            return false;
        }
        if (tail.matches(same)) {
            return true;
        }
        setAsideTails(what + " of iteration " + iteration + " in " + tail.fileName());
        return false;
    }

    /**
     * Moves every file's unmatched records to {@code NAME.superseded-K.EXT} (the first K free for all of them):
     * the resumed run computes differently from here on (other threads or device), and the old records are kept.
     */
    private void setAsideTails(String first) throws IOException {
        KeptTail[] tails = {metricsTail, snapshotsTail, changesTail};
        int k = 1;
        while (true) {
            boolean free = true;
            for (KeptTail t : tails) {
                free &= t == null || !Files.exists(dir.resolve(superseded(t.fileName(), k)));
            }
            if (free) {
                break;
            }
            k++;
        }
        List<String> kept = new java.util.ArrayList<>();
        for (KeptTail t : tails) {
            if (t == null || t.size() == 0) {
                continue;
            }
            String name = superseded(t.fileName(), k);
            int records = t.size();
            long end = t.setAside(dir.resolve(name));
            if (t == snapshotsTail) {
                snapshotOffset = end;
                indexEntries -= records;
                try (FileChannel ch = FileChannel.open(dir.resolve(RunFiles.INDEX), StandardOpenOption.WRITE)) {
                    ch.truncate(indexEntries * SnapshotCodec.INDEX_ENTRY_BYTES);
                }
            }
            kept.add(name + " (" + records + (t == snapshotsTail ? " record" : " row") + (records == 1 ? "" : "s") + ")");
        }
        notices.accept(dir + ": the resumed run's " + first + " differs from the one on record (resumed with other "
                + "threads or another device?); the records from there on are kept in " + String.join(", ", kept)
                + ", and the run goes on with its own");
    }

    /** {@code metrics.csv} → {@code metrics.superseded-K.csv}. */
    static String superseded(String name, int k) {
        int dot = name.lastIndexOf('.');
        return name.substring(0, dot) + ".superseded-" + k + name.substring(dot);
    }

    /** Appends a row to {@code changes.csv}, creating it with its header on the first change. */
    public void change(LiveChange c) throws IOException {
        Path file = dir.resolve(RunFiles.CHANGES);
        String row = c.toCsv() + "\n";
        byte[] bytes = row.getBytes(StandardCharsets.UTF_8);
        if (onRecord(changesTail, old -> java.util.Arrays.equals(old, bytes), "change", c.iteration())) {
            return;
        }
        if (!Files.exists(file)) {
            row = LiveChange.HEADER + "\n" + row;
        }
        Files.writeString(file, row, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    public void snapshot(IterationSnapshot s) throws IOException {
        // Like a metrics row, a recomputed snapshot is the one on record but for the images/s measured then.
        if (onRecord(snapshotsTail, old -> {
            try {
                IterationSnapshot was = old[4] == SnapshotCodec.ITERATION ? SnapshotCodec.decodeIteration(
                        java.util.Arrays.copyOfRange(old, SnapshotCodec.HEADER_BYTES, old.length - 4)) : null;
                return was != null && java.util.Arrays.equals(old,
                        record(SnapshotCodec.ITERATION, SnapshotCodec.encode(s.withImagesPerSecond(was.imagesPerSecond()))));
            } catch (IOException e) {
                return false;
            }
        }, "snapshot", s.iteration())) {
            return;
        }
        append(SnapshotCodec.ITERATION, s.iteration(), SnapshotCodec.encode(s));
    }

    public void snapshot(EpochSnapshot s) throws IOException {
        byte[] payload = SnapshotCodec.encode(s);
        if (onRecord(snapshotsTail, old -> java.util.Arrays.equals(old, record(SnapshotCodec.EPOCH, payload)),
                "epoch snapshot", s.iteration())) {
            return;
        }
        append(SnapshotCodec.EPOCH, s.iteration(), payload);
    }

    /** A record of {@code snapshots.bin} as its bytes: magic, type, length, payload, CRC-32 of the payload. */
    private static byte[] record(byte type, byte[] payload) {
        CRC32 crc = new CRC32();
        crc.update(payload);
        return ByteBuffer.allocate(SnapshotCodec.HEADER_BYTES + payload.length + 4).putInt(SnapshotCodec.RECORD_MAGIC)
                .put(type).putInt(payload.length).put(payload).putInt((int) crc.getValue()).array();
    }

    private void append(byte type, long iteration, byte[] payload) throws IOException {
        long offset = snapshotOffset;
        byte[] r = record(type, payload);
        snapshots.write(r);
        snapshots.flush();
        snapshotOffset += r.length;
        writeIndex(index, type, iteration, offset, payload.length);
        index.flush();
        indexEntries++;
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
        if (closed) {
            return;
        }
        try {
            closeStreams();
        } finally {
            lock.close();
        }
    }

    private void closeStreams() throws IOException {
        closed = true;
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

    /**
     * Gives up a run {@link #create} began and nothing was trained in (a comparison whose later run could not be
     * created): closes it and, only when create made the folder itself and it still holds nothing but what create
     * wrote (that config.json, the record files with their headers alone, writer.lock), removes those files and the
     * folder. Anything else stays where it is.
     *
     * @return whether the folder was removed
     */
    public boolean discardNew() throws IOException {
        if (closed) {
            return false;
        }
        boolean remove;
        try {
            closeStreams();
            remove = madeWithConfig != null && holdsOnlyCreation();
            if (remove) {
                for (String f : new String[] {RunFiles.CONFIG, RunFiles.METRICS, RunFiles.SNAPSHOTS, RunFiles.INDEX,
                        RunFiles.LOCK}) {
                    Files.deleteIfExists(dir.resolve(f)); // the lock file last, while still held
                }
            }
        } finally {
            lock.close();
        }
        if (remove) {
            try {
                Files.delete(dir);
            } catch (java.nio.file.DirectoryNotEmptyException e) {
                return false; // a file came in meanwhile: the folder stays with it
            }
        }
        return remove;
    }

    private boolean holdsOnlyCreation() throws IOException {
        java.util.Set<String> mine = java.util.Set.of(RunFiles.CONFIG, RunFiles.METRICS, RunFiles.SNAPSHOTS, RunFiles.INDEX,
                RunFiles.LOCK);
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            if (!files.allMatch(f -> mine.contains(f.getFileName().toString()) && Files.isRegularFile(f))) {
                return false;
            }
        }
        return java.util.Arrays.equals(Files.readAllBytes(dir.resolve(RunFiles.CONFIG)), madeWithConfig)
                && java.util.Arrays.equals(Files.readAllBytes(dir.resolve(RunFiles.METRICS)),
                        (MetricsRow.HEADER + "\n").getBytes(StandardCharsets.UTF_8))
                && java.util.Arrays.equals(Files.readAllBytes(dir.resolve(RunFiles.SNAPSHOTS)), SnapshotCodec.FILE_MAGIC)
                && (!Files.exists(dir.resolve(RunFiles.INDEX)) || Files.size(dir.resolve(RunFiles.INDEX)) == 0);
    }

}
