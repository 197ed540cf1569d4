package org.marginlab;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one way a file is replaced: the crash-safety of config.json, checkpoints, summaries and exports rests on it. */
class AtomicFilesTest {

    private static long temporaries(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".tmp")).count();
        }
    }

    @Test
    void createsAndReplacesWholeFilesLeavingNoTemporary(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("summary.json");
        AtomicFiles.write(f, "first".getBytes(StandardCharsets.UTF_8));
        assertEquals("first", Files.readString(f));
        byte[] big = new byte[3 << 20];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31 + 7);
        }
        AtomicFiles.write(f, big);
        assertArrayEquals(big, Files.readAllBytes(f), "a 3 MiB content lands byte for byte (the write loop finishes)");
        AtomicFiles.write(f, new byte[0]);
        assertEquals(0, Files.size(f));
        assertEquals(0, temporaries(dir));
        assertEquals(1, Files.list(dir).count(), "only the target is left in the folder");
    }

    @Test
    void aFailedReplaceKeepsTheOldFileAndNoTemporary(@TempDir Path dir) throws IOException {
        // The target is a non-empty folder: the temporary is written, the rename fails.
        Path target = dir.resolve("checkpoint.bin");
        Files.createDirectories(target);
        Files.writeString(target.resolve("inside"), "kept");
        assertThrows(IOException.class, () -> AtomicFiles.write(target, "new".getBytes(StandardCharsets.UTF_8)));
        assertEquals("kept", Files.readString(target.resolve("inside")));
        assertEquals(0, temporaries(dir), "the temporary is removed when the rename fails");
    }

    @Test
    void aWriteIntoAMissingFolderFailsWithoutCreatingIt(@TempDir Path dir) {
        Path f = dir.resolve("no-such-folder").resolve("x.csv");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(f, new byte[] {1}));
        assertEquals("no such file or folder", IoErrors.describe(e));
        assertTrue(Files.notExists(f.getParent()));
    }

    @Test
    void readersSeeTheOldOrTheNewContentNeverAMix(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("config.json");
        byte[] a = new byte[1 << 20];
        byte[] b = new byte[1 << 20];
        java.util.Arrays.fill(a, (byte) 'a');
        java.util.Arrays.fill(b, (byte) 'b');
        AtomicFiles.write(f, a);
        Thread writer = new Thread(() -> {
            try {
                for (int i = 0; i < 40; i++) {
                    AtomicFiles.write(f, i % 2 == 0 ? b : a);
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        int reads = 0;
        while (writer.isAlive() || reads == 0) {
            byte[] seen = Files.readAllBytes(f);
            assertEquals(1 << 20, seen.length, "never a partly written file");
            for (byte x : seen) {
                if (x != seen[0]) {
                    throw new AssertionError("a mix of the old and the new content");
                }
            }
            reads++;
        }
        writer.join();
        assertEquals(0, temporaries(dir));
    }
}
