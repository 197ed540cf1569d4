package org.marginlab.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marginlab.config.LiveField;
import org.marginlab.config.TrainConfig;
import org.marginlab.loss.HeadKind;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link RunWriter#discardNew} removes a run folder only when {@link RunWriter#create} made it and it holds nothing
 * but what create wrote; in every case it lets go of the lock.
 */
class DiscardNewRunTest {

    private static final TrainConfig CONFIG = TrainConfig.defaults(HeadKind.SOFTMAX);

    private static Set<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    @Test
    void removesTheFolderItMadeWithNothingInIt(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("a/new-run");
        RunWriter w = RunWriter.create(dir, CONFIG);
        assertEquals(Set.of(RunFiles.CONFIG, RunFiles.METRICS, RunFiles.SNAPSHOTS, RunFiles.INDEX, RunFiles.LOCK), names(dir));
        assertTrue(w.discardNew());
        assertFalse(Files.exists(dir));
        assertTrue(Files.isDirectory(tmp.resolve("a")), "only the run's own folder is removed");
        Files.createDirectories(dir);
        RunLock.acquire(dir).close(); // released
    }

    @Test
    void keepsAFolderThatWasThereBefore(@TempDir Path tmp) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("chosen"));
        RunWriter w = RunWriter.create(dir, CONFIG);
        byte[] config = Files.readAllBytes(dir.resolve(RunFiles.CONFIG));
        assertFalse(w.discardNew());
        assertEquals(Set.of(RunFiles.CONFIG, RunFiles.METRICS, RunFiles.SNAPSHOTS, RunFiles.INDEX, RunFiles.LOCK), names(dir));
        assertEquals(new String(config), Files.readString(dir.resolve(RunFiles.CONFIG)));
        assertFalse(RunLock.held(dir));
    }

    @Test
    void keepsAFolderWithAnythingMoreInIt(@TempDir Path tmp) throws Exception {
        Path changed = tmp.resolve("changed");
        RunWriter w = RunWriter.create(changed, CONFIG);
        w.change(new LiveChange(0, LiveField.LR, 1e-3, 2e-3));
        assertFalse(w.discardNew());
        assertTrue(names(changed).contains(RunFiles.CHANGES));
        assertFalse(RunLock.held(changed));

        Path noted = tmp.resolve("noted");
        RunWriter v = RunWriter.create(noted, CONFIG);
        Files.writeString(noted.resolve("notes.txt"), "mine");
        assertFalse(v.discardNew());
        assertEquals("mine", Files.readString(noted.resolve("notes.txt")));
        assertTrue(Files.exists(noted.resolve(RunFiles.CONFIG)));
        assertFalse(RunLock.held(noted));
    }
}
