package org.marginlab.cli;

import static org.marginlab.cli.CliRun.run;

import org.junit.jupiter.api.Test;
import org.marginlab.config.ConfigJson;
import org.junit.jupiter.api.io.TempDir;
import org.marginlab.run.IterationSnapshot;
import org.marginlab.run.MetricsRow;
import org.marginlab.run.RunReader;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainCommandTest {


    @Test
    void invalidValuesAreOneLineErrorsNamingTheFlag() {
        String[][] cases = {
                {"--dim", "1", "marginlab: --dim must be an integer in [2, 512] (got 1)"},
                {"--lr", "-1", "marginlab: --lr must be a number in (0, 10000] (got -1)"},
                {"--schedule", "cosine", "marginlab: --schedule must be one of constant, step, onecycle (got cosine)"},
                {"--head", "triplet", "marginlab: --head must be one of softmax, normface, sphereface, lsoftmax, cosface, arcface, arc, center, combined, adacos, subcenter-arcface, custom (got triplet)"},
                {"--device", "gpu:x", "marginlab: --device must be auto, cpu, gpu or gpu:<index> (got gpu:x)"},
                {"--probe-per-class", "0", "marginlab: --probe-per-class must be an integer in [1, 1000] (got 0)"},
        };
        for (String[] c : cases) {
            String[] r = run("train", c[0], c[1]);
            assertEquals("2", r[0], String.join(" ", c));
            assertEquals(c[2], r[2].strip());
        }
    }

    /** The engine names folders in the window's words; the CLI adds the flag that sets them. */
    @Test
    void folderErrorsNameTheFlag(@TempDir Path tmp) throws Exception {
        Path missing = tmp.resolve("missing");
        String[] r = run("train", "--data", missing.toString(), "--out", tmp.resolve("run").toString());
        assertEquals("2", r[0], r[2]);
        assertEquals("marginlab: data set folder " + missing + ": no such folder; give a CIFAR-10/100 binary folder, an IDX set "
                + "(Fashion-MNIST, MNIST, …) or a folder of one sub-folder of images per class (--data)", r[2].strip());
        Path taken = Files.createDirectories(tmp.resolve("taken"));
        Files.writeString(taken.resolve("config.json"), "{}");
        r = run("train", "--iterations", "1", "--device", "cpu", "--threads", "1", "--out", taken.toString());
        assertEquals("2", r[0], r[2]);
        assertEquals("marginlab: run folder " + taken
                + ": already holds a run (config.json); choose a new folder or resume it (--out)", r[2].strip());
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
        assertEquals(4, run.iterations().size()); // 0, 5, 10, 12
        // The window opens the run's config.json with every field valid, so Start is enabled.
        org.marginlab.ui.viewmodel.SettingsViewModel form = new org.marginlab.ui.viewmodel.SettingsViewModel();
        form.load(ConfigJson.read(dir.resolve("config.json")));
        assertTrue(form.validProperty().get(), form.firstErrorProperty().get());
        assertEquals(1, run.epochs().size());
        // The run's config re-runs it: same flags from the file give identical metrics.
        Path again = tmp.resolve("again");
        String[] r2 = run("train", "--config", dir.resolve("config.json").toString(), "--threads", "1", "--out", again.toString());
        assertEquals("0", r2[0], r2[2]);
        assertEquals(run.metrics().stream().map(m -> m.loss()).toList(),
                RunReader.read(again).metrics().stream().map(m -> m.loss()).toList());

        // With a changes.csv beside the config.json, the re-run takes those changes at their iterations.
        Files.writeString(dir.resolve("changes.csv"), "iteration,field,old,new\n6,s,7.0,3.0\n");
        Path changed = tmp.resolve("changed");
        String[] r3 = run("train", "--config", dir.resolve("config.json").toString(), "--threads", "1", "--out", changed.toString());
        assertEquals("0", r3[0], r3[2]);
        assertTrue(r3[2].startsWith("replaying 1 change made while training, from " + dir.toAbsolutePath().resolve("changes.csv")), r3[2]);
        // s warms up from 1 to 7 over the first 4 iterations (a third of 12), then 3 from iteration 6.
        assertEquals(java.util.List.of(1.0, 7.0, 3.0, 3.0),
                RunReader.read(changed).metrics().stream().map(MetricsRow::s).toList());
        assertEquals(java.util.List.of("iteration,field,old,new", "6,s,7.0,3.0"),
                Files.readAllLines(changed.resolve("changes.csv")));
    }

    /**
     * Issue 13's time resolution: a snapshot of the untrained model at iteration 0, and at every snapshot
     * row of metrics.csv the probe-set angle statistics (recomputed here from the snapshot by Eq. 12–14) and
     * the live s and m of the warm-up (by hand: s = 1 + 15·i/60, m = 0.2·i/60 until iteration 60).
     */
    @Test
    void everySnapshotRowHasProbeAngleStatisticsAndTheLiveHeadParameters(@TempDir Path tmp) {
        Path dir = tmp.resolve("run");
        String[] r = run("train", "--head", "arcface", "--dim", "3", "--iterations", "120", "--batch", "32",
                "--snapshot-every", "20", "--margin-warmup", "60", "--probe-per-class", "5", "--device", "cpu",
                "--threads", "1", "--out", dir.toString());
        assertEquals("0", r[0], r[2]);
        RunReader.Run run = RunReader.read(dir);
        assertEquals(java.util.List.of(0L, 20L, 40L, 60L, 80L, 100L, 120L),
                run.iterations().stream().map(IterationSnapshot::iteration).toList());
        for (IterationSnapshot s : run.iterations()) {
            MetricsRow row = run.metrics().stream().filter(m -> m.iteration() == s.iteration()).findFirst().orElseThrow();
            double f = Math.min(1, s.iteration() / 60.0);
            assertEquals(1 + 15 * f, row.s(), 1e-5, "live s at " + s.iteration());
            assertEquals(0.2 * f, row.m(), 1e-6, "live m at " + s.iteration());
            assertEquals(row.s(), s.headParams().s(), 1e-5, "the snapshot records the same s");
            assertEquals(row.m(), s.headParams().m(), 1e-6);
            double[] expected = probeStatistics(s);
            assertEquals(expected[0], row.probeWcIntra(), 1e-5, "WC-Intra at " + s.iteration());
            assertEquals(expected[1], row.probeWInter(), 1e-5, "W-Inter at " + s.iteration());
            assertEquals(expected[2], row.probeCInter(), 1e-5, "C-Inter at " + s.iteration());
        }
        assertTrue(Double.isNaN(run.metrics().getFirst().loss()), "no training loss before the first step");
        MetricsRow last = run.metrics().getLast();
        assertEquals(120, last.iteration());
        assertTrue(Double.isFinite(last.wcIntra()), "the full test set's statistics at the end of the run");
    }

    /** WC-Intra, W-Inter, C-Inter of the probes: mean ∠(centre_j, W_j), mean ∠(W_i, W_j), mean ∠(c_i, c_j). */
    private static double[] probeStatistics(IterationSnapshot s) {
        int c = s.classCount();
        int d = s.dimension();
        double[][] centre = new double[c][d];
        for (int i = 0; i < s.probeLabels().length; i++) {
            for (int k = 0; k < d; k++) {
                centre[s.probeLabels()[i]][k] += s.embeddings()[i][k];
            }
        }
        double[][] w = new double[c][d];
        for (int j = 0; j < c; j++) {
            for (int k = 0; k < d; k++) {
                w[j][k] = s.weights()[j][k];
            }
        }
        double wc = 0;
        double wi = 0;
        double ci = 0;
        for (int i = 0; i < c; i++) {
            wc += angle(centre[i], w[i]) / c;
            for (int j = 0; j < c; j++) {
                if (i != j) {
                    wi += angle(w[i], w[j]) / (c * (c - 1));
                    ci += angle(centre[i], centre[j]) / (c * (c - 1));
                }
            }
        }
        return new double[] {wc, wi, ci};
    }

    private static double angle(double[] a, double[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int k = 0; k < a.length; k++) {
            dot += a[k] * b[k];
            na += a[k] * a[k];
            nb += b[k] * b[k];
        }
        return Math.acos(Math.max(-1, Math.min(1, dot / Math.sqrt(na * nb))));
    }
}
