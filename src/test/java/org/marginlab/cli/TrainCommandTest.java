package org.marginlab.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marginlab.train.RunReader;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainCommandTest {

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    @Test
    void invalidValuesAreOneLineErrorsNamingTheFlag() {
        String[][] cases = {
                {"--dim", "1", "marginlab: --dim must be an integer in [2, 512] (got 1)"},
                {"--lr", "-1", "marginlab: --lr must be a number in (0, 1e4] (got -1.0)"},
                {"--schedule", "cosine", "marginlab: --schedule must be one of constant, step, onecycle (got cosine)"},
                {"--head", "triplet", "marginlab: --head 'triplet' is unknown; use one of softmax, normface, sphereface, lsoftmax, cosface, arcface, arc, center"},
                {"--device", "gpu:x", "marginlab: --device must be auto, cpu, gpu or gpu:<index> (got gpu:x)"},
                {"--probe-per-class", "0", "marginlab: --probe-per-class must be an integer in [1, 1000] (got 0)"},
        };
        for (String[] c : cases) {
            String[] r = run("train", c[0], c[1]);
            assertEquals("2", r[0], String.join(" ", c));
            assertEquals(c[2], r[2].strip());
        }
    }

    @Test
    void shortRunWritesTheRunDirectoryAndPrintsTheSummary(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        String[] r = run("train", "--head", "arc", "--dim", "3", "--iterations", "12", "--batch", "32",
                "--snapshot-every", "5", "--probe-per-class", "5", "--device", "cpu", "--threads", "1", "--out", dir.toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].matches("arc compact d=3: test accuracy 0\\.\\d{4}, WC-Intra \\d\\.\\d{3}, W-Inter \\d\\.\\d{3}, "
                + "C-Inter \\d\\.\\d{3} rad; 12 iterations in .*\\n"), r[1]);
        for (String f : new String[] {"config.json", "metrics.csv", "summary.json", "snapshots.bin", "snapshots.idx", "checkpoint.bin"}) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f);
        }
        RunReader.Run run = RunReader.read(dir);
        assertEquals(3, run.iterations().size()); // 5, 10, 12
        assertEquals(1, run.epochs().size());
        // The run's config re-runs it: same flags from the file give identical metrics.
        Path again = tmp.resolve("again");
        String[] r2 = run("train", "--config", dir.resolve("config.json").toString(), "--threads", "1", "--out", again.toString());
        assertEquals("0", r2[0], r2[2]);
        assertEquals(run.metrics().stream().map(m -> m.loss()).toList(),
                RunReader.read(again).metrics().stream().map(m -> m.loss()).toList());
    }
}
