package org.marginlab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marginlab.UserException;

/**
 * The OS lock of writer.lock is a POSIX record lock: closing ANY channel this process has on the file drops it,
 * though the FileLock still says valid. So asking about a run this process writes (a second acquire, held, the
 * holder's name) must not open the file, or another process can then take the run and write it too.
 */
class RunLockSameProcessTest {

    /** Run in a child JVM: prints "held" or "free" for the run folder in args[0], as another process sees it. */
    public static final class Probe {
        public static void main(String[] args) {
            System.out.println(RunLock.held(Path.of(args[0])) ? "held" : "free");
        }
    }

    private static String seenByAnotherProcess(Path dir) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"), Probe.class.getName(),
                dir.toString())).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the probe JVM did not end");
        return out;
    }

    @Test
    void askingAboutARunThisProcessWritesKeepsItLockedForOthers(@TempDir Path dir) throws Exception {
        try (RunLock lock = RunLock.acquire(dir)) {
            assertEquals("held", seenByAnotherProcess(dir));
            long pid = ProcessHandle.current().pid();
            // a second writer in this process (the window continuing a run its Compare tab trains) is refused ...
            UserException e = assertThrows(UserException.class, () -> RunLock.acquire(dir));
            assertTrue(e.getMessage().startsWith("run folder " + dir + " is being written by process " + pid + " on "),
                    e.getMessage());
            assertTrue(RunLock.held(dir));
            assertTrue(RunLock.holder(dir).startsWith("process " + pid + " on "), RunLock.holder(dir));
            // ... and the run stays locked against every other process
            assertEquals("held", seenByAnotherProcess(dir));
        }
        assertEquals("free", seenByAnotherProcess(dir));
        // released, it can be taken again here
        RunLock.acquire(dir).close();
    }
}
