package org.marginlab.figures.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import org.junit.jupiter.api.Test;

/** Why an export could not be written, in the user's words: never an exception's class name. */
class FigureExporterReasonTest {

    @Test
    void aFullDiskIsSaidInWordsWithoutTheExceptionClass() {
        // FileChannel.write on a full disk throws a plain IOException with the OS's text (ENOSPC)
        assertEquals("no space left on device", FigureExporter.reason(new IOException("No space left on device")));
        assertEquals("input/output error", FigureExporter.reason(new IOException()));
        assertEquals("permission denied", FigureExporter.reason(new AccessDeniedException("/x/fig.png")));
    }
}
