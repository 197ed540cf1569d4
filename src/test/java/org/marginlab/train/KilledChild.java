package org.marginlab.train;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A test's {@code main} in a child JVM on the test class path, killed with SIGKILL as soon as it prints a line
 * starting {@code SNAP } (it prints that once the files of a snapshot are on disk, then waits), as a crash or
 * {@code kill -9} would kill a run.
 */
final class KilledChild {

    private KilledChild() {
    }

    /** A child's last step: trains {@code s} to its end (unless killed first), prints {@code DONE state} and exits. */
    static void trainToTheEnd(TrainingSession s) throws Exception {
        s.start();
        s.completion().get();
        System.out.println("DONE " + s.state());
        System.out.flush();
        System.exit(0);
    }

    /** Runs {@code main}'s class with {@code args}; its stdout lines up to the {@code SNAP} line, or to its end. */
    static List<String> run(Class<?> main, String... args) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
            for (String line; (line = r.readLine()) != null; ) {
                lines.add(line);
                if (line.startsWith("SNAP ")) {
                    p.destroyForcibly(); // SIGKILL
                    break;
                }
            }
        } finally {
            assertTrue(p.waitFor(300, TimeUnit.SECONDS), "child ended");
        }
        return lines;
    }
}
