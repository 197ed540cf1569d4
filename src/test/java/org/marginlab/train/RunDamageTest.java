package org.marginlab.train;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marginlab.UserException;
import org.marginlab.run.LiveChange;
import org.marginlab.run.RunCheck;
import org.marginlab.run.RunFiles;
import org.marginlab.run.RunReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every file of a run × every kind of damage: truncated, zero-length, random bytes, one byte flipped, missing,
 * read-only. For each, {@code check} says which file is damaged (and only that one), reading the run draws what is
 * intact and says in one line what it skipped, and a resume either refuses in one line with a next step and
 * changes nothing, or continues keeping every intact byte.
 */
class RunDamageTest {

    private static Path template;
    @TempDir
    static Path shared;

    enum Damage { TRUNCATED, ZERO_LENGTH, RANDOM_BYTES, FLIPPED_BYTE, MISSING, READ_ONLY }

    /** A run stopped at iteration 25 of 40 (checkpoints at 25 and 20) with one change made while training. */
    @BeforeAll
    static void stoppedRun() throws Exception {
        template = shared.resolve("template");
        TrainingSession s = TrainingSession.create(TestData.small(40, 32), TestData.get(), TestData.SOFTMAX, template,
                List.of(new LiveChange(5, org.marginlab.config.LiveField.LR, 1e-3, 2e-3)));
        TestData.stopAt(s, 25);
        RunCheck.Report r = RunCheck.of(template);
        assertTrue(r.intact(), r.toString());
    }

    private static Path copy(Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(template)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        return to;
    }

    private static void damage(Path file, Damage d) throws IOException {
        byte[] all = Files.readAllBytes(file);
        switch (d) {
            case TRUNCATED -> Files.write(file, java.util.Arrays.copyOf(all, all.length / 2));
            case ZERO_LENGTH -> Files.write(file, new byte[0]);
            case RANDOM_BYTES -> {
                byte[] r = new byte[all.length];
                new Random(all.length).nextBytes(r);
                Files.write(file, r);
            }
            case FLIPPED_BYTE -> {
                all[all.length / 2] ^= (byte) 0xFF;
                Files.write(file, all);
            }
            case MISSING -> Files.delete(file);
            case READ_ONLY -> file.toFile().setWritable(false, false);
        }
    }

    private static Map<String, byte[]> contents(Path dir) throws IOException {
        Map<String, byte[]> m = new HashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                m.put(f.getFileName().toString(), Files.readAllBytes(f));
            }
        }
        return m;
    }

    /** Whether {@code check} must call the file damaged after {@code d} (a lock note, an absent optional file, an index prefix are not). */
    private static boolean damaging(String file, Damage d) {
        if (d == Damage.READ_ONLY || file.equals(RunFiles.LOCK)) {
            return false;
        }
        if (d == Damage.MISSING) {
            return file.equals(RunFiles.CONFIG) || file.equals(RunFiles.METRICS) || file.equals(RunFiles.SNAPSHOTS)
                    || file.equals(RunFiles.CHECKPOINT);
        }
        if (file.equals(RunFiles.INDEX)) {
            return d == Damage.RANDOM_BYTES || d == Damage.FLIPPED_BYTE; // a shorter index is one a kill left behind
        }
        return true;
    }

    private static void oneLineWithoutInternals(String message) {
        assertFalse(message.contains("\n"), message);
        for (String bad : new String[] {"Exception", "setStrictness", "Input length", "java.", "null"}) {
            assertFalse(message.contains(bad), "library text in: " + message);
        }
    }

    @Test
    void everyFileTimesEveryDamage(@TempDir Path tmp) throws Exception {
        List<String> failures = new ArrayList<>();
        for (String file : List.of(RunFiles.CONFIG, RunFiles.METRICS, RunFiles.SNAPSHOTS, RunFiles.INDEX, RunFiles.CHECKPOINT,
                RunFiles.CHECKPOINT_PREVIOUS, RunFiles.CHANGES, RunFiles.SUMMARY, RunFiles.LOCK)) {
            for (Damage d : Damage.values()) {
                String cas = file + " × " + d;
                Path dir = copy(tmp.resolve(file + "-" + d));
                damage(dir.resolve(file), d);
                Map<String, byte[]> before = contents(dir);

                // check: that file, and only it, damaged
                RunCheck.Report report = RunCheck.of(dir);
                for (RunCheck.FileReport f : report.files()) {
                    boolean expectIntact = !f.file().equals(file) || !damaging(file, d);
                    if (f.intact() != expectIntact) {
                        failures.add(cas + ": check says " + f.file() + " " + f.line());
                    }
                    oneLineWithoutInternals(f.line());
                }

                // reading (figures, evaluate, Open run): intact parts, and one line per skipped file
                try {
                    RunReader.Run run = RunReader.read(dir);
                    run.skipped().forEach(RunDamageTest::oneLineWithoutInternals);
                    boolean said = run.skipped().stream().anyMatch(l -> l.contains(file));
                    boolean mustSay = damaging(file, d) && (file.equals(RunFiles.METRICS) || file.equals(RunFiles.SNAPSHOTS)
                            || file.equals(RunFiles.SUMMARY)) && d != Damage.MISSING;
                    if (mustSay && !said) {
                        failures.add(cas + ": the reader skipped it in silence");
                    }
                    if (!file.equals(RunFiles.SNAPSHOTS) && run.iterations().size() != 3) {
                        failures.add(cas + ": intact snapshots not all read: " + run.iterations().size());
                    }
                } catch (UserException e) {
                    oneLineWithoutInternals(e.getMessage());
                    if (!file.equals(RunFiles.CONFIG)) {
                        failures.add(cas + ": reading refused: " + e.getMessage());
                    }
                }
                assertUnchanged(cas, before, contents(dir), failures);

                // resume: refuse (one line, nothing changed), or continue keeping every intact byte
                try {
                    TrainingSession r = TrainingSession.resumeRun(dir, TestData.get(), TestData.SOFTMAX);
                    r.cancel();
                    r.completion().get(60, TimeUnit.SECONDS);
                    Map<String, byte[]> after = contents(dir);
                    for (String f : before.keySet()) {
                        if (f.equals(RunFiles.SUMMARY) || f.equals(RunFiles.LOCK) || f.equals(RunFiles.INDEX)
                                || f.startsWith("checkpoint")) {
                            continue; // rewritten by design: the stop's summary, the lock's holder, the derived index
                        }
                        byte[] a = before.get(f);
                        byte[] b = after.get(f);
                        if (b == null || !java.util.Arrays.equals(a, 0, Math.min(a.length, b.length), b, 0, Math.min(a.length, b.length))
                                || (b.length < a.length && !(f.equals(file) && d == Damage.TRUNCATED))) {
                            failures.add(cas + ": resume changed intact bytes of " + f);
                        }
                    }
                    if (damaging(file, d) && !file.equals(RunFiles.CHECKPOINT) && !file.equals(RunFiles.SUMMARY)
                            && !file.equals(RunFiles.INDEX) && !(file.equals(RunFiles.CHECKPOINT_PREVIOUS))) {
                        failures.add(cas + ": resume went on over damage");
                    }
                } catch (UserException e) {
                    oneLineWithoutInternals(e.getMessage());
                    assertUnchanged(cas + " (refused resume)", before, contents(dir), failures);
                    if (!damaging(file, d) && d != Damage.READ_ONLY) {
                        failures.add(cas + ": resume refused an intact run: " + e.getMessage());
                    }
                }
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " cases:\n" + String.join("\n", failures));
        }
    }

    private static void assertUnchanged(String cas, Map<String, byte[]> before, Map<String, byte[]> after, List<String> failures) {
        for (var e : before.entrySet()) {
            if (e.getKey().equals(RunFiles.LOCK)) {
                continue; // the lock file's note is the one thing a refused or reading command may create
            }
            if (!java.util.Arrays.equals(e.getValue(), after.get(e.getKey()))) {
                failures.add(cas + ": " + e.getKey() + " changed");
            }
        }
    }
}
