package org.marginlab.cli;

import static org.marginlab.cli.CliRun.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code marginlab evaluate} on bad input: one line naming what is wrong and the fix, exit code 2. */
class EvaluateCommandTest {


    @Test
    void aFolderWithoutConfigIsNoRun(@TempDir Path dir) {
        String[] r = run("evaluate", dir.toString());
        assertEquals("2", r[0]);
        assertEquals("marginlab: " + dir + ": not a run directory (no config.json); give a directory written by marginlab train\n", r[2]);
    }

    @Test
    void anExistingExportIsNotReplacedWithoutForce(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("config.json"), "{}");
        Path csv = Files.writeString(dir.resolve("e.csv"), "keep");
        String[] r = run("evaluate", dir.toString(), "--export-embeddings", csv.toString());
        assertEquals("2", r[0]);
        assertEquals("marginlab: --export-embeddings " + csv + ": the file exists; pass --force to replace it or choose another name\n", r[2]);
        assertEquals("keep", Files.readString(csv));
    }
}
