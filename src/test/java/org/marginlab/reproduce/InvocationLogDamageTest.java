package org.marginlab.reproduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marginlab.UserException;

/** A damaged invocations.json is named in one line with where it stops reading: no parser's class names. */
class InvocationLogDamageTest {

    @Test
    void aLogCutShortSaysWhereInOneLine(@TempDir Path dir) throws Exception {
        // a list whose second entry is cut short: the parser stops at line 3, column 1 (after the last newline)
        Files.writeString(dir.resolve(InvocationLog.FILE), "[\n  {\"startedUtc\": \"2026-12-01T10:00:00Z\"},\n");
        UserException e = assertThrows(UserException.class, () -> InvocationLog.read(dir));
        assertEquals(dir.resolve(InvocationLog.FILE) + ": damaged (not a JSON list of invocations, at line 3 column 1); "
                + "rename it to keep it and start a fresh log", e.getMessage());
    }

    @Test
    void aLogThatIsNotAListSaysSo(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(InvocationLog.FILE), "{\"startedUtc\": \"x\"}\n");
        UserException e = assertThrows(UserException.class, () -> InvocationLog.read(dir));
        assertEquals(dir.resolve(InvocationLog.FILE) + ": damaged (not a JSON list of invocations, at line 1 column 2); "
                + "rename it to keep it and start a fresh log", e.getMessage());
    }
}
