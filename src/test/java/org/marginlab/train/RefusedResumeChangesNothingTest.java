package org.marginlab.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marginlab.UserException;
import org.marginlab.config.LiveField;
import org.marginlab.run.Checkpoint;
import org.marginlab.run.LiveChange;
import org.marginlab.run.RunFiles;
import org.marginlab.run.RunLock;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A checkpoint whose sections all pass its checksum but whose "replay" section does not read (one byte flipped
 * inside it, the CRC written again, as a buggy writer would): the resume is refused in one line naming the file and
 * the next step, and before it changed anything. The run also has a torn metrics.csv tail and a summary.json, the
 * two things a resume that goes on changes (cut, set aside as summary.stopped-1.json): both stay byte for byte.
 * The refusal closes what it opened and frees the lock, so a second try gets the same refusal.
 */
class RefusedResumeChangesNothingTest {

    @Test
    void damagedReplaySectionRefusesBeforeAnyChange(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        TrainingSession s = TrainingSession.create(TestData.small(40, 32), TestData.get(), TestData.SOFTMAX, dir);
        TestData.stopAt(s, 25);
        assertTrue(Files.exists(dir.resolve(RunFiles.SUMMARY)), "a stopped run writes summary.json");

        Path file = dir.resolve(RunFiles.CHECKPOINT);
        Checkpoint c = Checkpoint.read(file);
        byte[] replay = (new LiveChange(30, LiveField.LR, 1e-3, 2e-3).toCsv() + "\n").getBytes(StandardCharsets.UTF_8);
        int comma = new String(replay, StandardCharsets.UTF_8).indexOf(',');
        replay[comma] ^= (byte) 0xFF; // "30<0xD3>lr,…": four fields no more
        Map<String, byte[]> state = new TreeMap<>(c.state());
        state.put(TrainingSession.REPLAY_STATE, replay);
        new Checkpoint(c.iteration(), c.elapsedSeconds(), c.parameters(), c.optimizer(), state).write(file);
        assertEquals(25, Checkpoint.read(file).iteration(), "the checksum is sound: only the section's content is bad");
        // A kill mid-row: a resume that goes on would cut it.
        Files.write(dir.resolve(RunFiles.METRICS), "26,0.5".getBytes(StandardCharsets.US_ASCII),
                java.nio.file.StandardOpenOption.APPEND);

        Map<String, byte[]> before = contents(dir);
        UserException first = assertThrows(UserException.class,
                () -> TrainingSession.resumeRun(dir, TestData.get(), TestData.SOFTMAX));
        String m = first.getMessage();
        assertFalse(m.contains("\n"), m);
        assertFalse(m.contains("Exception"), m);
        assertTrue(m.startsWith(file + ": "), m);
        assertTrue(m.contains("\"replay\"") && m.contains("nothing was changed")
                && m.contains("marginlab train --config " + dir.resolve(RunFiles.CONFIG) + " --out NEW_FOLDER"), m);

        Map<String, byte[]> after = contents(dir);
        assertEquals(before.keySet(), after.keySet(), "same file names (summary.json not set aside)");
        for (String f : before.keySet()) {
            if (!f.equals(RunFiles.LOCK)) { // its holder note names whoever took the lock last, by design
                assertArrayEquals(before.get(f), after.get(f), f + " changed by a refused resume");
            }
        }
        assertEquals(List.of(), openFilesUnder(dir), "a refused resume leaves files of the run open");
        assertFalse(RunLock.held(dir), "a refused resume keeps the run's lock");
        UserException second = assertThrows(UserException.class,
                () -> TrainingSession.resumeRun(dir, TestData.get(), TestData.SOFTMAX));
        assertEquals(m, second.getMessage());
        RunLock.acquire(dir).close(); // and another writer may take it
    }

    private static Map<String, byte[]> contents(Path dir) throws Exception {
        Map<String, byte[]> m = new HashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                m.put(f.getFileName().toString(), Files.readAllBytes(f));
            }
        }
        return m;
    }

    /** The files under {@code dir} this process holds open (Linux: /proc/self/fd); empty where /proc is absent. */
    private static List<String> openFilesUnder(Path dir) throws Exception {
        Path fds = Path.of("/proc/self/fd");
        if (!Files.isDirectory(fds)) {
            return List.of();
        }
        Path real = dir.toRealPath();
        List<String> open = new java.util.ArrayList<>();
        try (Stream<Path> links = Files.list(fds)) {
            for (Path l : links.toList()) {
                try {
                    Path target = Files.readSymbolicLink(l);
                    if (target.startsWith(real)) {
                        open.add(target.getFileName().toString());
                    }
                } catch (java.io.IOException e) {
                    // closed while listing (the listing's own descriptor)
                }
            }
        }
        return open;
    }
}
