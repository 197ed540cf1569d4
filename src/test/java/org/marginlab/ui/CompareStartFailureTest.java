package org.marginlab.ui;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marginlab.UserException;
import org.marginlab.config.ConfigField;
import org.marginlab.config.DeviceSpec;
import org.marginlab.config.TrainConfig;
import org.marginlab.loss.HeadKind;
import org.marginlab.run.RunLock;
import org.marginlab.train.TrainingListener;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A comparison whose third run cannot be created (its ArcFace margin is refused) starts none: the two runs created
 * before it let go of their locks, and their folders, which this call made and which hold only what creation wrote,
 * are removed; a folder that was there before stays untouched. The refusal says so in one line.
 */
class CompareStartFailureTest {

    private static TrainConfig config(HeadKind head) {
        return TrainConfig.defaults(head).toBuilder().dim(2).batchSize(32).iterations(40).seed(7)
                .device(DeviceSpec.parse("cpu")).build();
    }

    @Test
    void aFailingThirdHeadLeavesNoHalfMadeRuns(@TempDir Path tmp) throws Exception {
        Path runs = tmp.resolve("runs");
        Path before = Files.createDirectories(runs.resolve("20260101-000000-softmax")); // the user's, not this call's
        Files.writeString(before.resolve("notes.txt"), "mine");
        EngineBackend backend = new EngineBackend(runs, EngineBackend.engineHeads());
        TrainConfig bad = config(HeadKind.ARCFACE).toBuilder().set(ConfigField.M, -1.0).build();
        List<TrainConfig> configs = List.of(config(HeadKind.SOFTMAX), config(HeadKind.COSFACE), bad);
        TrainingListener quiet = new TrainingListener() { };

        UserException e = assertThrows(UserException.class,
                () -> backend.startCompare(configs, List.of(quiet, quiet, quiet)));
        String m = e.getMessage();
        assertFalse(m.contains("\n"), m);
        assertFalse(m.contains("Exception"), m);
        assertTrue(m.startsWith("arcface (run 3 of 3): Margin m"), m);
        assertTrue(m.contains("no run was started, and the new empty run folders "), m);

        // The two folders named are gone, and nothing else under runs/ but the user's folder, as it was.
        Matcher named = Pattern.compile(Pattern.quote(runs.toString()) + "/[^ ,]+").matcher(m);
        List<Path> removed = new java.util.ArrayList<>();
        while (named.find()) {
            removed.add(Path.of(named.group()));
        }
        assertEquals(2, removed.size(), m);
        assertTrue(removed.get(0).getFileName().toString().endsWith("-softmax"), m);
        assertTrue(removed.get(1).getFileName().toString().endsWith("-cosface"), m);
        try (Stream<Path> left = Files.list(runs)) {
            assertEquals(List.of(before), left.toList());
        }
        assertEquals("mine", Files.readString(before.resolve("notes.txt")));
        try (Stream<Path> left = Files.list(before)) {
            assertEquals(1, left.count());
        }
        // Their locks are free in this process: a writer may take each folder again.
        for (Path d : removed) {
            assertFalse(Files.exists(d), d.toString());
            Files.createDirectories(d);
            assertFalse(RunLock.held(d), d.toString());
            RunLock.acquire(d).close();
        }
    }
}
