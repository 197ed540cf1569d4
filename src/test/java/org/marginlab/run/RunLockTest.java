package org.marginlab.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marginlab.UserException;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One writer per run: the OS lock, the holder named, and a dead holder never blocks. */
class RunLockTest {

    /** A child JVM: takes the lock of args[0], says "locked", then waits to be killed. */
    public static void main(String[] args) throws Exception {
        RunLock.acquire(Path.of(args[0]));
        System.out.println("locked");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    @Test
    void aSecondWriterInThisProcessIsRefusedWithTheHolderNamed(@TempDir Path dir) throws Exception {
        try (RunLock first = RunLock.acquire(dir)) {
            assertTrue(RunLock.held(dir));
            UserException e = assertThrows(UserException.class, () -> RunLock.acquire(dir));
            assertTrue(e.getMessage().contains("is being written by process " + ProcessHandle.current().pid() + " on "),
                    e.getMessage());
            assertTrue(e.getMessage().contains("nothing was changed"), e.getMessage());
            assertTrue(e.getMessage().matches(".* since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC.*"), e.getMessage());
        }
        assertFalse(RunLock.held(dir), "released on close");
        RunLock.acquire(dir).close();
    }

    @Test
    void anotherProcessHoldsItUntilKilledThenItIsFree(@TempDir Path dir) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), RunLockTest.class.getName(),
                dir.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream()));
            assertEquals("locked", r.readLine());
            assertTrue(RunLock.held(dir));
            UserException e = assertThrows(UserException.class, () -> RunLock.acquire(dir));
            assertTrue(e.getMessage().contains("process " + child.pid() + " on "), e.getMessage());
            String before = Files.readString(dir.resolve(RunFiles.LOCK));
            assertTrue(before.startsWith(child.pid() + " "), "the refused writer did not touch the holder's note");
        } finally {
            child.destroyForcibly(); // SIGKILL: no chance to unlock
            child.waitFor(30, TimeUnit.SECONDS);
        }
        assertFalse(RunLock.held(dir), "the lock of a killed process is gone");
        try (RunLock mine = RunLock.acquire(dir)) {
            assertTrue(Files.readString(dir.resolve(RunFiles.LOCK)).startsWith(ProcessHandle.current().pid() + " "));
        }
    }
}
