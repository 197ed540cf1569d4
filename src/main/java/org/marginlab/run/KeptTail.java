package org.marginlab.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Predicate;

/**
 * The intact records a resumed run finds after its checkpoint in one append-only file (a kill after a snapshot
 * but before its checkpoint leaves some). They stay where they are: the resumed run recomputes them, and each
 * record it would write is first compared with the next one on record ({@link #matches}); when they agree nothing
 * is written. When one disagrees the rest of the old tail is {@linkplain #setAside set aside} whole into a sibling
 * file that reads like the file itself, and from there the run appends its own.
 */
final class KeptTail {

    private record Entry(long offset, long end) {
    }

    private final Path file;
    private final long headerEnd;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();

    /**
     * @param headerEnd where the file's first record starts (after the snapshot magic or the CSV header line): a
     *                  set-aside copy begins with those bytes
     * @param ends      the end offset of every record of the tail, in file order; the first starts at {@code from}
     */
    KeptTail(Path file, long headerEnd, long from, List<Long> ends) {
        this.file = file;
        this.headerEnd = headerEnd;
        long start = from;
        for (long end : ends) {
            entries.add(new Entry(start, end));
            start = end;
        }
    }

    /** How many records of the old tail are not yet matched. */
    int size() {
        return entries.size();
    }

    String fileName() {
        return file.getFileName().toString();
    }

    /**
     * Whether the next record on record is the one the run would write ({@code same} tests its bytes); if so it
     * counts as written. False when the tail is used up or the record differs (the tail is then left as it was).
     */
    boolean matches(Predicate<byte[]> same) throws IOException {
        if (entries.isEmpty()) {
            return false;
        }
        Entry e = entries.getFirst();
        if (!same.test(read(e.offset(), e.end()))) {
            return false;
        }
        entries.removeFirst();
        return true;
    }

    /**
     * Copies the header and the unmatched records into {@code sibling} (atomically, so a kill leaves the tail in
     * the file, the copy, or both; never in neither), then cuts them from the file.
     *
     * @return where the file now ends
     */
    long setAside(Path sibling) throws IOException {
        long from = entries.getFirst().offset();
        long end = entries.getLast().end();
        byte[] header = read(0, headerEnd);
        byte[] tail = read(from, end);
        byte[] copy = new byte[header.length + tail.length];
        System.arraycopy(header, 0, copy, 0, header.length);
        System.arraycopy(tail, 0, copy, header.length, tail.length);
        RunFiles.writeAtomically(sibling, copy);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(from);
            ch.force(true);
        }
        entries.clear();
        return from;
    }

    private byte[] read(long from, long to) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(to - from));
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            while (b.hasRemaining()) {
                if (ch.read(b, from + b.position()) < 0) {
                    throw new IOException(file + " ends at byte " + (from + b.position()) + ", before its record");
                }
            }
        }
        return b.array();
    }
}
