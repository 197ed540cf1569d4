package org.marginlab.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marginlab.reproduce.RunAction;
import org.marginlab.run.Checkpoint;
import org.marginlab.run.RunReader;
import org.marginlab.run.RunSummary;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGTERM (what Ctrl-C's SIGINT also does) during {@code marginlab reproduce}, in a child JVM: the run training
 * stops at its next iteration with a checkpoint and a summary saying where, the command says how to continue and
 * exits 130; the same command run again continues that run from its checkpoint (not set aside, not trained anew).
 */
class ReproduceStopTest {

    private static final Pattern STOPPED = Pattern.compile("\\[(\\d+)/8 ([a-z0-9-]+)] stopped at iteration (\\d+) of 240");

    /** Runs the command in a child JVM and sends it SIGTERM once its stderr holds {@code trigger}; {exit, stderr}. */
    private static String[] stoppedChild(Path out, String trigger) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Djava.awt.headless=true",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "reproduce", "sphere", "--quick", "--out", out.toString(), "--threads", "1"));
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        StringBuilder err = new StringBuilder();
        boolean sent = false;
        try (InputStream in = p.getErrorStream()) {
            byte[] buf = new byte[4096];
            for (int n; (n = in.read(buf)) > 0; ) {
                err.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                if (!sent && err.indexOf(trigger) >= 0) {
                    p.toHandle().destroy(); // SIGTERM (Process.destroy would also close our end of its stderr)
                    sent = true;
                }
            }
        } finally {
            assertTrue(p.waitFor(300, TimeUnit.SECONDS), "child ended");
        }
        assertTrue(sent, "never saw '" + trigger + "':\n" + err);
        return new String[] {Integer.toString(p.exitValue()), err.toString()};
    }

    @Test
    void sigtermStopsTheRunAtTheNextIterationAndTheSameCommandContinuesIt(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        String[] first = stoppedChild(out, "] it "); // a run's progress line: it has trained
        assertEquals("130", first[0], first[1]);
        assertTrue(first[1].contains("marginlab: stopping at the next iteration (writing the checkpoint and summary.json)"),
                first[1]);
        Matcher m = STOPPED.matcher(first[1]);
        assertTrue(m.find(), first[1]);
        String key = m.group(2);
        long at = Long.parseLong(m.group(3));
        assertTrue(first[1].contains("marginlab: [" + m.group(1) + "/8 " + key + "] stopped at iteration " + at
                + " of 240; no report written. Rerun the same command to continue"), first[1]);
        assertTrue(first[1].contains(": marginlab reproduce sphere --quick --out " + out + " --threads 1"), first[1]);
        assertFalse(Files.exists(out.resolve("report.md")));

        Path run = out.resolve("runs").resolve(key);
        RunSummary stopped = RunReader.summary(run);
        assertEquals("cancelled", stopped.state());
        assertEquals("stopped at iteration " + at + " of 240", stopped.message());
        assertEquals(at, Checkpoint.latest(run).checkpoint().iteration(), "the checkpoint is where it stopped");
        assertEquals(RunAction.RESUME, RunAction.decide(run), "a stopped run is continued, not reused or redone");

        // The same command again: the stopped run resumes at its checkpoint; stopped again once it has.
        String[] second = stoppedChild(out, key + "] resuming at iteration " + at);
        assertEquals("130", second[0], second[1]);
        assertTrue(Files.exists(run.resolve("summary.stopped-1.json")), "the first stop's summary, kept beside the run");
        try (var siblings = Files.list(out.resolve("runs"))) {
            assertFalse(siblings.anyMatch(d -> d.getFileName().toString().contains(".unfinished-")), "nothing set aside");
        }
        Matcher again = STOPPED.matcher(second[1]);
        assertTrue(again.find(), second[1]);
        long at2 = Long.parseLong(again.group(3));
        assertTrue(again.group(2).equals(key) ? at2 >= at : Integer.parseInt(again.group(1)) > Integer.parseInt(m.group(1)),
                "the second stop is past the first: " + again.group());
        assertEquals(List.of(), RunReader.read(run).skipped(), "the run reads whole");
    }
}
