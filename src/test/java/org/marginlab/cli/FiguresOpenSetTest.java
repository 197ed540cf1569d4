package org.marginlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code figures RUN RUN…} overlays the runs' open-set ROC: two tiny runs with classes 8 and 9 held out,
 * each curve checked against the run's own {@code evaluate --json} and against an all-pairs count over
 * the embeddings {@code evaluate --export-embeddings} writes.
 */
class FiguresOpenSetTest {

    @TempDir
    static Path tmp;
    static Path softmax;
    static Path cosface;

    @BeforeAll
    static void trainTinyRuns() {
        softmax = train("softmax");
        cosface = train("cosface");
    }

    private static Path train(String head) {
        Path dir = tmp.resolve(head);
        InfoCommandTest.Result r = InfoCommandTest.run("train", "--head", head, "--dim", "3", "--iterations", "6",
                "--batch", "32", "--probe-per-class", "5", "--snapshot-every", "3", "--device", "cpu", "--threads", "1",
                "--holdout-classes", "8,9", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        return dir;
    }

    @Test
    void overlaysTheRocOfEachRunAsEvaluateMeasuresIt() throws IOException {
        Path out = tmp.resolve("overlay");
        InfoCommandTest.Result r = InfoCommandTest.run("figures", softmax.toString(), cosface.toString(), "--out", out.toString(),
                "--format", "csv", "--threads", "1");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("training-curves.csv", "angle-stats.csv", "angle-stats-table.csv", "open-set-roc.csv"),
                r.out().lines().map(l -> Path.of(l).getFileName().toString()).toList());
        List<String> lines = Files.readAllLines(out.resolve("open-set-roc.csv"));
        assertEquals("run,far,tar,precision_at_1,map_at_r,tar_at_far_1e-1,tar_at_far_1e-2,tar_at_far_1e-3,tar_at_far_1e-4,eer",
                lines.getFirst());
        List<String[]> rows = lines.stream().skip(1).map(l -> l.split(",", -1)).toList();
        for (Path run : List.of(softmax, cosface)) {
            String label = org.marginlab.figures.RunData.defaultLabel(org.marginlab.run.RunReader.read(run).config());
            List<String[]> curve = rows.stream().filter(c -> c[0].equals(label)).toList();
            assertTrue(curve.size() > 10, label + ": " + curve.size() + " points");
            Path embeddings = tmp.resolve(run.getFileName() + "-embeddings.csv");
            InfoCommandTest.Result e = InfoCommandTest.run("evaluate", run.toString(), "--json", "--threads", "1",
                    "--export-embeddings", embeddings.toString());
            assertEquals(0, e.code(), e.err());
            JsonObject json = JsonParser.parseString(e.out()).getAsJsonObject();
            assertMetrics(json, curve, label);
            Pairs pairs = Pairs.of(embeddings);
            assertEquals(json.get("pairs").getAsLong(), (long) pairs.genuine.length + pairs.impostor.length);
            for (String[] c : curve) {
                pairs.assertOnRoc(Double.parseDouble(c[1]), Double.parseDouble(c[2]), label);
            }
            // the curve ends where every pair is accepted
            assertEquals("1", curve.getLast()[1]);
            assertEquals("1", curve.getLast()[2]);
        }
    }

    /** Each row's metric columns are the run's {@code evaluate --json} numbers. */
    private static void assertMetrics(JsonObject json, List<String[]> curve, String label) {
        JsonObject tar = json.getAsJsonObject("tar_at_far");
        double[] expected = {json.get("precision_at_1").getAsDouble(), json.get("map_at_r").getAsDouble(),
            tar.get("1e-1").getAsDouble(), tar.get("1e-2").getAsDouble(), tar.get("1e-3").getAsDouble(),
            tar.get("1e-4").getAsDouble(), json.get("eer").getAsDouble()};
        for (String[] c : curve) {
            for (int k = 0; k < expected.length; k++) {
                assertEquals(expected[k], Double.parseDouble(c[3 + k]), 1e-12, label + " metric " + k);
            }
        }
    }

    @Test
    void oneRunWithHeldOutClassesGetsItsRocBesideItsOtherFigures() throws IOException {
        Path out = tmp.resolve("single");
        InfoCommandTest.Result r = InfoCommandTest.run("figures", softmax.toString(), "--out", out.toString(), "--format", "csv",
                "--threads", "1");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.endsWith("training-curves.csv")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.endsWith("open-set-roc.csv")), r.out());
        List<String[]> rows = Files.readAllLines(out.resolve("open-set-roc.csv")).stream().skip(1).map(l -> l.split(",", -1)).toList();
        assertEquals(List.of("softmax"), rows.stream().map(c -> c[0]).distinct().toList());
        InfoCommandTest.Result e = InfoCommandTest.run("evaluate", softmax.toString(), "--json", "--threads", "1");
        assertEquals(0, e.code(), e.err());
        assertMetrics(JsonParser.parseString(e.out()).getAsJsonObject(), rows, "softmax");
    }

    @Test
    void aRunWithoutAModelIsLeftOutWithOneLine() throws IOException {
        Path bare = tmp.resolve("bare");
        Files.createDirectories(bare);
        try (Stream<Path> files = Files.list(softmax)) {
            for (Path f : files.filter(f -> !f.getFileName().toString().startsWith("checkpoint")).toList()) {
                Files.copy(f, bare.resolve(f.getFileName()));
            }
        }
        Path out = tmp.resolve("only");
        InfoCommandTest.Result r = InfoCommandTest.run("figures", softmax.toString(), bare.toString(), "--out", out.toString(),
                "--format", "csv", "--only", "open-set-roc", "--threads", "1");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of(out.resolve("open-set-roc.csv").toString()), r.out().lines().toList());
        List<String> err = r.err().lines().filter(l -> l.startsWith("marginlab:")).toList();
        assertEquals(List.of("marginlab: " + bare + ": no model file (checkpoint.bin), so no open-set ROC for it; "
                + "it stopped before its first snapshot"), err);
        // both runs are softmax, so the legend tells them apart by directory; only the one with a model is drawn
        assertEquals(List.of("softmax (softmax)"), Files.readAllLines(out.resolve("open-set-roc.csv")).stream().skip(1)
                .map(l -> l.split(",")[0]).distinct().toList());
    }

    /**
     * Where the ROC cannot be measured (here: no data set in the given folder), a run's other figures are still
     * written, with one line on why the ROC is missing; asked for by name, the ROC's failure fails the command.
     */
    @Test
    void aRocThatCannotBeMeasuredLeavesTheOtherFiguresWritten() throws IOException {
        Path nowhere = Files.createDirectories(tmp.resolve("no-dataset"));
        Path out = tmp.resolve("no-roc");
        InfoCommandTest.Result r = InfoCommandTest.run("figures", softmax.toString(), "--out", out.toString(), "--format", "csv",
                "--data", nowhere.toString(), "--threads", "1");
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.isRegularFile(out.resolve("training-curves.csv")), r.out());
        assertFalse(Files.exists(out.resolve("open-set-roc.csv")));
        List<String> err = r.err().lines().filter(l -> l.startsWith("marginlab:")).toList();
        assertEquals(1, err.size(), r.err());
        assertTrue(err.getFirst().startsWith("marginlab: " + softmax + ": no open-set ROC: "), err.getFirst());

        InfoCommandTest.Result only = InfoCommandTest.run("figures", softmax.toString(), "--out", tmp.resolve("no-roc-only").toString(),
                "--format", "csv", "--only", "open-set-roc", "--data", nowhere.toString(), "--threads", "1");
        assertEquals(2, only.code(), only.err());
    }

    /** Cosine similarities of every pair of exported embeddings, genuine and impostor, each sorted descending. */
    private record Pairs(double[] genuine, double[] impostor) {

        static Pairs of(Path csv) throws IOException {
            List<String[]> rows = Files.readAllLines(csv).stream().skip(1).map(l -> l.split(",")).toList();
            int n = rows.size();
            int[] label = new int[n];
            double[][] x = new double[n][];
            for (int i = 0; i < n; i++) {
                String[] c = rows.get(i);
                label[i] = Integer.parseInt(c[1]);
                double[] v = Arrays.stream(c, 2, c.length).mapToDouble(Double::parseDouble).toArray();
                double norm = Math.sqrt(Arrays.stream(v).map(a -> a * a).sum());
                x[i] = Arrays.stream(v).map(a -> a / norm).toArray();
            }
            double[] gen = new double[n * (n - 1) / 2];
            double[] imp = new double[n * (n - 1) / 2];
            int g = 0;
            int m = 0;
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    double s = 0;
                    for (int k = 0; k < x[i].length; k++) {
                        s += x[i][k] * x[j][k];
                    }
                    if (label[i] == label[j]) {
                        gen[g++] = s;
                    } else {
                        imp[m++] = s;
                    }
                }
            }
            return new Pairs(descending(Arrays.copyOf(gen, g)), descending(Arrays.copyOf(imp, m)));
        }

        private static double[] descending(double[] a) {
            Arrays.sort(a);
            for (int i = 0, j = a.length - 1; i < j; i++, j--) {
                double t = a[i];
                a[i] = a[j];
                a[j] = t;
            }
            return a;
        }

        /**
         * (far, tar) is what some threshold t gives: with k = far·N impostor pairs accepted, t lies above the
         * (k+1)-th highest impostor similarity and at most the k-th, so at least the genuine pairs at or above
         * the k-th and at most those above the (k+1)-th are accepted (with a float32-sized slack).
         */
        void assertOnRoc(double far, double tar, String what) {
            long k = Math.round(far * impostor.length);
            assertEquals(far, (double) k / impostor.length, 1e-12, what + ": FAR " + far + " is a count of impostor pairs");
            double kth = k > 0 ? impostor[(int) k - 1] : 2;
            double next = k < impostor.length ? impostor[(int) k] : -2;
            long accepted = Math.round(tar * genuine.length);
            long least = Arrays.stream(genuine).filter(s -> s >= kth + 1e-6).count();
            long most = Arrays.stream(genuine).filter(s -> s > next - 1e-6).count();
            assertTrue(accepted >= least && accepted <= most,
                    what + ": (FAR " + far + ", TAR " + tar + ") accepts " + accepted + " genuine pairs, an all-pairs count gives "
                            + least + " to " + most);
        }
    }
}
