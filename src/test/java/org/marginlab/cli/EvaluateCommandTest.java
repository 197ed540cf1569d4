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

    /** --json writes numbers as the CSVs do: plain decimals to 15 significant digits, never 1.6E-4, null for n/a. */
    @Test
    void jsonNumbersArePlainDecimals() {
        var m = new org.marginlab.metrics.openset.OpenSetMetrics(new org.marginlab.metrics.openset.Retrieval(0.647, 0.30698288660775125, 2000),
                new org.marginlab.metrics.openset.Verification(998_000, 1_001_000, new Double[] {0.1307807807807808, 0.014533533533533533,
                    0.0014774774774774775, 1.6116116116116116E-4}, 0.47713813813813816, new double[0], new double[0]));
        assertEquals("{\"precision_at_1\":0.647,\"map_at_r\":0.306982886607751,\"tar_at_far\":{\"1e-1\":0.130780780780781,"
                + "\"1e-2\":0.0145335335335335,\"1e-3\":0.00147747747747748,\"1e-4\":0.000161161161161161},\"eer\":0.477138138138138,"
                + "\"pairs\":1999000,\"classes\":[8,9]}", EvaluateCommand.json(m, java.util.List.of(8, 9)));
        var none = new org.marginlab.metrics.openset.OpenSetMetrics(new org.marginlab.metrics.openset.Retrieval(1, 1, 3),
                new org.marginlab.metrics.openset.Verification(3, 0, new Double[4], Double.NaN, new double[0], new double[0]));
        assertEquals("{\"precision_at_1\":1,\"map_at_r\":1,\"tar_at_far\":{\"1e-1\":null,\"1e-2\":null,\"1e-3\":null,\"1e-4\":null},"
                + "\"eer\":null,\"pairs\":3,\"classes\":[3]}", EvaluateCommand.json(none, java.util.List.of(3)));
    }
}
