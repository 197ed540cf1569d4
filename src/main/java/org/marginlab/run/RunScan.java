package org.marginlab.run;

import org.marginlab.IoErrors;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.zip.CRC32;

/**
 * Reads the append-only files of a run ({@code snapshots.bin}, {@code metrics.csv}, {@code changes.csv})
 * record by record, keeping every intact record and saying where the rest is. Damage is told apart from a
 * <em>torn tail</em>, the one thing a crash leaves: an appended record or line cut short at the end of the
 * file (a snapshot record whose header is whole but whose bytes end early; a last CSV line with no newline).
 * Anything else that does not read (a bad checksum, a garbage line, a record out of order) is damage, and
 * intact records after it are still found: the snapshot scan resynchronises on the next record header whose
 * checksum holds. This is the one verification that {@code marginlab check}, the figures, evaluate, resume and
 * the window's Open run share (through {@link RunReader} and {@link RunCheck}).
 */
public final class RunScan {

    private RunScan() {
    }

    /** A stretch of a file that does not read: bytes {@code [from, to)}, and why, in words. */
    public record Damage(long from, long to, String why) {
    }

    /**
     * What a scan found.
     *
     * @param exists   the file is there
     * @param size     its length in bytes
     * @param records  the intact records, in file order
     * @param ends     for each intact record, the offset just after it
     * @param damage   stretches that do not read (the torn tail not among them)
     * @param tornAt   the offset where a torn tail starts, or -1
     * @param unreadable the file exists but cannot be read at all (permissions), in words; else null
     */
    public record Scan<T>(boolean exists, long size, List<T> records, List<Long> ends, List<Damage> damage,
                          long tornAt, String unreadable) {

        public boolean intact() {
            return exists && unreadable == null && damage.isEmpty() && tornAt < 0;
        }

        /** Damage followed by an intact record: cutting the file there would lose intact records. */
        public boolean damagedInTheMiddle() {
            if (damage.isEmpty()) {
                return false;
            }
            long lastEnd = ends.isEmpty() ? 0 : ends.getLast();
            return damage.getFirst().from() < lastEnd;
        }

        /** The damage in one phrase, e.g. "bytes 1 200–1 800 do not read (bad checksum)"; null when none. */
        public String describeDamage(String unit) {
            if (damage.isEmpty()) {
                return null;
            }
            Damage d = damage.getFirst();
            String more = damage.size() > 1 ? " and " + (damage.size() - 1) + " more stretch" + (damage.size() > 2 ? "es" : "") : "";
            if (!"bytes".equals(unit)) {
                return d.why() + more; // a CSV line's reason names its line
            }
            return "bytes " + d.from() + "–" + d.to() + " (" + d.why() + ")" + more;
        }
    }

    /** A decoded snapshot record with its place. */
    public record SnapshotRecord(RunReader.IndexEntry entry, IterationSnapshot iteration, EpochSnapshot epoch) {
        public long at() {
            return entry.iteration();
        }
    }

    // ---------------------------------------------------------------- snapshots.bin

    public static Scan<SnapshotRecord> snapshots(Path file) {
        return read(file, RunScan::snapshotRecords);
    }

    /**
     * Reads the whole file and scans its bytes; a file that is not there, or cannot be read, says so in its scan
     * (not there; unreadable, with the reason).
     */
    private static <T> Scan<T> read(Path file, Function<byte[], Scan<T>> scan) {
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new Scan<>(false, 0, List.of(), List.of(), List.of(), -1, null);
        } catch (IOException e) {
            return new Scan<>(true, 0, List.of(), List.of(), List.of(), -1, IoErrors.describe(e));
        }
        return scan.apply(all);
    }

    private static Scan<SnapshotRecord> snapshotRecords(byte[] all) {
        List<SnapshotRecord> records = new ArrayList<>();
        List<Long> ends = new ArrayList<>();
        List<Damage> damage = new ArrayList<>();
        long torn = -1;
        int magic = SnapshotCodec.FILE_MAGIC.length;
        int pos;
        if (all.length >= magic && Arrays.equals(Arrays.copyOf(all, magic), SnapshotCodec.FILE_MAGIC)) {
            pos = magic;
        } else if (all.length == 0) {
            damage.add(new Damage(0, 0, "the file is empty; its header \"MLSNAP01\" is missing"));
            return new Scan<>(true, 0, records, ends, damage, -1, null);
        } else if (all.length < magic && Arrays.equals(all, Arrays.copyOf(SnapshotCodec.FILE_MAGIC, all.length))) {
            return new Scan<>(true, all.length, records, ends, damage, 0, null); // killed while writing the header
        } else {
            int next = nextRecord(all, 0);
            damage.add(new Damage(0, next < 0 ? all.length : next, "not the header \"MLSNAP01\""));
            if (next < 0) {
                return new Scan<>(true, all.length, records, ends, damage, -1, null);
            }
            pos = next;
        }
        while (pos < all.length) {
            SnapshotRecord r = recordAt(all, pos);
            if (r != null) {
                records.add(r);
                pos = (int) (pos + SnapshotCodec.HEADER_BYTES + r.entry().length() + 4);
                ends.add((long) pos);
                continue;
            }
            int next = nextRecord(all, pos + 1);
            if (next < 0) {
                if (tornRecord(all, pos)) {
                    torn = pos;
                } else {
                    damage.add(new Damage(pos, all.length, why(all, pos)));
                }
                break;
            }
            damage.add(new Damage(pos, next, why(all, pos)));
            pos = next;
        }
        return new Scan<>(true, all.length, records, ends, damage, torn, null);
    }

    /** The record starting at {@code pos} when it is whole, its checksum holds and it decodes; else null. */
    private static SnapshotRecord recordAt(byte[] all, int pos) {
        if (all.length - pos < SnapshotCodec.HEADER_BYTES) {
            return null;
        }
        ByteBuffer buf = ByteBuffer.wrap(all, pos, all.length - pos);
        if (buf.getInt() != SnapshotCodec.RECORD_MAGIC) {
            return null;
        }
        byte type = buf.get();
        int length = buf.getInt();
        if (length < 0 || buf.remaining() < (long) length + 4) {
            return null;
        }
        CRC32 crc = new CRC32();
        crc.update(all, buf.position(), length);
        int stored = ByteBuffer.wrap(all, buf.position() + length, 4).getInt();
        if ((int) crc.getValue() != stored) {
            return null;
        }
        byte[] payload = Arrays.copyOfRange(all, buf.position(), buf.position() + length);
        try {
            if (type == SnapshotCodec.ITERATION) {
                IterationSnapshot s = SnapshotCodec.decodeIteration(payload);
                return new SnapshotRecord(new RunReader.IndexEntry(type, s.iteration(), pos, length), s, null);
            }
            if (type == SnapshotCodec.EPOCH) {
                EpochSnapshot s = SnapshotCodec.decodeEpoch(payload);
                return new SnapshotRecord(new RunReader.IndexEntry(type, s.iteration(), pos, length), null, s);
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    /** The next offset from {@code from} on where a whole, sound record starts; -1 when none does. */
    private static int nextRecord(byte[] all, int from) {
        byte[] m = ByteBuffer.allocate(4).putInt(SnapshotCodec.RECORD_MAGIC).array();
        for (int p = Math.max(0, from); p + SnapshotCodec.HEADER_BYTES <= all.length; p++) {
            if (all[p] == m[0] && all[p + 1] == m[1] && all[p + 2] == m[2] && all[p + 3] == m[3] && recordAt(all, p) != null) {
                return p;
            }
        }
        return -1;
    }

    /** A record cut short by a kill: its header (as far as it got) is sound and the file ends inside it. */
    private static boolean tornRecord(byte[] all, int pos) {
        int left = all.length - pos;
        byte[] m = ByteBuffer.allocate(4).putInt(SnapshotCodec.RECORD_MAGIC).array();
        for (int i = 0; i < Math.min(4, left); i++) {
            if (all[pos + i] != m[i]) {
                return false;
            }
        }
        if (left < SnapshotCodec.HEADER_BYTES) {
            return left < 5 || all[pos + 4] == SnapshotCodec.ITERATION || all[pos + 4] == SnapshotCodec.EPOCH;
        }
        ByteBuffer buf = ByteBuffer.wrap(all, pos + 4, left - 4);
        byte type = buf.get();
        int length = buf.getInt();
        return (type == SnapshotCodec.ITERATION || type == SnapshotCodec.EPOCH) && length >= 0
                && (long) length + 4 > buf.remaining();
    }

    private static String why(byte[] all, int pos) {
        if (all.length - pos < SnapshotCodec.HEADER_BYTES
                || ByteBuffer.wrap(all, pos, 4).getInt() != SnapshotCodec.RECORD_MAGIC) {
            return "no record header";
        }
        int length = ByteBuffer.wrap(all, pos + 5, 4).getInt();
        if (length < 0 || all.length - pos - SnapshotCodec.HEADER_BYTES < (long) length + 4) {
            return "bad record length";
        }
        return "bad checksum";
    }

    // ---------------------------------------------------------------- CSV files

    /** One data line of a CSV file: its 1-based line number, text and the offset just after its newline. */
    public record Line(int number, String text, long end) {
    }

    /**
     * The lines of a CSV file after its header. {@code header} tells a good header line; {@code parse} turns a
     * line into a record or returns null when it does not read. A last line without its newline is a torn tail.
     */
    public static <T> Scan<T> csv(Path file, Function<String, Boolean> header, Function<String, T> parse) {
        return read(file, all -> csvLines(all, header, parse));
    }

    private static <T> Scan<T> csvLines(byte[] all, Function<String, Boolean> header, Function<String, T> parse) {
        List<T> records = new ArrayList<>();
        List<Long> ends = new ArrayList<>();
        List<Damage> damage = new ArrayList<>();
        long torn = -1;
        if (all.length == 0) {
            damage.add(new Damage(0, 0, "the file is empty; its header line is missing"));
            return new Scan<>(true, 0, records, ends, damage, -1, null);
        }
        int start = 0;
        int number = 0;
        while (start < all.length) {
            int nl = start;
            while (nl < all.length && all[nl] != '\n') {
                nl++;
            }
            number++;
            boolean complete = nl < all.length;
            String text = utf8(all, start, nl);
            if (!complete) {
                torn = start; // a kill while appending this line
                break;
            }
            long end = nl + 1L;
            if (number == 1) {
                if (text == null || !header.apply(text)) {
                    damage.add(new Damage(start, end, "line 1 is not the header"));
                }
            } else {
                T r = text == null ? null : parse.apply(text);
                if (r == null) {
                    damage.add(new Damage(start, end, "line " + number + (text == null ? " is not UTF-8 text" : " does not read")));
                } else {
                    records.add(r);
                    ends.add(end);
                }
            }
            start = nl + 1;
        }
        return new Scan<>(true, all.length, records, ends, damage, torn, null);
    }

    private static String utf8(byte[] all, int from, int to) {
        try {
            CharBuffer c = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(all, from, to - from));
            String s = c.toString();
            return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    public static Scan<MetricsRow> metrics(Path file) {
        return csv(file, h -> h.equals(MetricsRow.HEADER) || h.startsWith("iteration,epoch,loss,"), MetricsRow::parse);
    }

    public static Scan<LiveChange> changes(Path file) {
        return csv(file, LiveChange.HEADER::equals, LiveChange::parse);
    }
}
