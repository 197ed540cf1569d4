package org.marginlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FiguresCommandTest {

    @TempDir
    static Path tmp;
    static Path run;
    static Path run3;

    @BeforeAll
    static void trainTinyRuns() {
        run = tmp.resolve("run");
        InfoCommandTest.Result r = InfoCommandTest.run("train", "--head", "arc", "--dim", "2", "--iterations", "4",
                "--batch", "32", "--probe-per-class", "5", "--snapshot-every", "2", "--device", "cpu", "--out", run.toString());
        assertEquals(0, r.code(), r.err());
        run3 = tmp.resolve("run3");
        r = InfoCommandTest.run("train", "--head", "cosface", "--dim", "3", "--iterations", "4",
                "--batch", "32", "--probe-per-class", "5", "--snapshot-every", "2", "--device", "cpu", "--out", run3.toString());
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void rendersTheRunsFiguresAsPng() throws IOException {
        Path out = tmp.resolve("figs");
        InfoCommandTest.Result r = InfoCommandTest.run("figures", run.toString(), "--out", out.toString(),
                "--scale", "1", "--only", "embedding-circle,angle-stats");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(2, lines.size(), r.out());
        BufferedImage img = ImageIO.read(out.resolve("embedding-circle.png").toFile());
        assertTrue(img.getWidth() >= 400 && img.getHeight() >= 300, img.getWidth() + "x" + img.getHeight());
        // Not blank: many distinct colours (points of ten classes, rays, text).
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                colours.add(img.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 20, "only " + colours.size() + " colours");
        assertTrue(Files.size(out.resolve("angle-stats.png")) > 5_000);
    }

    @Test
    void aDamagedFileIsNamedTheRestDrawnAndTheExitStatusSaysSo() throws IOException {
        Path copy = tmp.resolve("damaged");
        Files.createDirectories(copy);
        try (var files = Files.list(run)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        // one byte of the first snapshot record's payload (after the 8-byte magic and the 9-byte record header)
        byte[] bin = Files.readAllBytes(copy.resolve("snapshots.bin"));
        bin[8 + 9 + 10] ^= 0x40;
        Files.write(copy.resolve("snapshots.bin"), bin);

        Path out = tmp.resolve("figs-damaged");
        InfoCommandTest.Result r = InfoCommandTest.run("figures", copy.toString(), "--out", out.toString(),
                "--only", "embedding-circle,training-curves");
        assertEquals(1, r.code(), r.err());
        assertEquals(2, r.out().lines().count(), "both figures drawn from the intact records: " + r.out());
        assertTrue(Files.exists(out.resolve("embedding-circle.png")) && Files.exists(out.resolve("training-curves.png")));
        List<String> err = r.err().lines().toList();
        assertTrue(err.stream().anyMatch(l -> l.startsWith(copy + ": snapshots.bin: ")), r.err());
        assertEquals("marginlab: drew 2 figures; skipped 1 damaged file (see above); `marginlab check " + copy + "` lists them",
                err.getLast());

        InfoCommandTest.Result intact = InfoCommandTest.run("figures", run.toString(), "--out", tmp.resolve("figs-intact").toString(),
                "--only", "training-curves");
        assertEquals(0, intact.code(), intact.err());
        assertTrue(intact.err().lines().noneMatch(l -> l.contains("damaged")), intact.err());
    }

    @Test
    void csvHoldsTheProbeEmbeddings() throws IOException {
        Path out = tmp.resolve("csv");
        InfoCommandTest.Result r = InfoCommandTest.run("figures", run.toString(), "--out", out.toString(),
                "--format", "csv", "--only", "embedding-circle");
        assertEquals(0, r.code(), r.err());
        List<String> rows = Files.readAllLines(out.resolve("embedding-circle.csv"));
        // Header + 5 probes × 10 classes (+ any weight rows the figure plots).
        assertTrue(rows.size() >= 51, "rows: " + rows.size());
        assertEquals("kind,class,class_name,x,y,id,theta_y_rad,p_y", rows.get(0));
        // the sample id is the probe's index in the test set: the first five test images of each class
        org.marginlab.data.Split test = org.marginlab.data.FashionMnist.load(null).test();
        List<String[]> points = rows.stream().filter(l -> l.startsWith("point,")).map(l -> l.split(",")).toList();
        for (int y = 0; y < 10; y++) {
            List<Integer> firstFive = new java.util.ArrayList<>();
            for (int i = 0; i < test.count() && firstFive.size() < 5; i++) {
                if (test.label(i) == y) {
                    firstFive.add(i);
                }
            }
            String cls = Integer.toString(y);
            assertEquals(firstFive, points.stream().filter(c -> c[1].equals(cls)).map(c -> Integer.parseInt(c[5])).toList(),
                    "class " + y);
        }
    }

    @Test
    void notARunIsOneLine() {
        InfoCommandTest.Result r = InfoCommandTest.run("figures", tmp.resolve("nope").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("not a run directory"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    void badScaleIsOneLine() {
        InfoCommandTest.Result r = InfoCommandTest.run("figures", run.toString(), "--scale", "7");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--scale 7"), r.err());
    }

    @Test
    void histogramClassFlagWritesOneFilePerClass() throws IOException {
        Path out = tmp.resolve("hist");
        InfoCommandTest.Result r = InfoCommandTest.run("figures", run.toString(), "--out", out.toString(),
                "--format", "csv", "--only", "angle-histograms", "--histogram-class", "3,all");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of(out.resolve("angle-histograms-class3.csv").toString(),
                out.resolve("angle-histograms-all.csv").toString()), r.out().lines().toList());
        // class 3 has its 1000 test images, all classes together 10 000
        assertEquals(1000, countColumn(out.resolve("angle-histograms-class3.csv")));
        assertEquals(10_000, countColumn(out.resolve("angle-histograms-all.csv")));
        InfoCommandTest.Result bad = InfoCommandTest.run("figures", run.toString(), "--histogram-class", "10");
        assertEquals(2, bad.code());
        assertEquals("marginlab: --histogram-class '10' must be a class from 0 to 9 or all", bad.err().strip());
    }

    /** With 2 and 5 held out, --histogram-class names Fashion-MNIST classes: 3 is Dress (the head's class 2). */
    @Test
    void histogramClassNamesTheDatasetClassWhenClassesAreHeldOut() throws IOException {
        Path held = tmp.resolve("held");
        InfoCommandTest.Result r = InfoCommandTest.run("train", "--head", "softmax", "--dim", "2", "--iterations", "2",
                "--batch", "32", "--probe-per-class", "5", "--device", "cpu", "--holdout-classes", "2,5", "--out", held.toString());
        assertEquals(0, r.code(), r.err());
        Path out = tmp.resolve("held-hist");
        r = InfoCommandTest.run("figures", held.toString(), "--out", out.toString(), "--format", "csv", "--only",
                "angle-histograms", "--histogram-class", "3");
        assertEquals(0, r.code(), r.err());
        // Dress has its 1000 test images; the head's class 3 would be Coat, also 1000, so check the title too
        assertEquals(1000, countColumn(out.resolve("angle-histograms-class3.csv")));
        var fig = new org.marginlab.figures.angles.AngleHistogramFigure();
        var run = org.marginlab.run.RunReader.read(held);
        fig.setRun(org.marginlab.figures.RunData.of(null, run.config(), run.iterations(), run.epochs()));
        fig.setSelectedClass(run.config().headClass(3));
        assertEquals("Target angle θ_y: class 3 (Dress)", fig.title());
        InfoCommandTest.Result bad = InfoCommandTest.run("figures", held.toString(), "--histogram-class", "5");
        assertEquals(2, bad.code());
        assertEquals("marginlab: --histogram-class '5' must be a trained class (0,1,3,4,6,7,8,9) or all", bad.err().strip());
    }

    @Test
    void aSecondExportAsksForForceInsteadOfOverwriting() throws IOException {
        Path out = tmp.resolve("twice");
        String[] args = {"figures", run.toString(), "--out", out.toString(), "--format", "csv", "--only", "angle-stats"};
        assertEquals(0, InfoCommandTest.run(args).code());
        Path csv = out.resolve("angle-stats.csv");
        Files.writeString(csv, "mine");
        InfoCommandTest.Result again = InfoCommandTest.run(args);
        assertEquals(2, again.code());
        assertEquals("marginlab: " + csv + " exists; add --force to replace them, or choose another --out", again.err().strip());
        assertEquals("", again.out());
        assertEquals("mine", Files.readString(csv), "nothing was written");
        String[] forced = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of("--force"))
                .toArray(String[]::new);
        assertEquals(0, InfoCommandTest.run(forced).code());
        assertTrue(Files.readString(csv).startsWith("run,set,epoch,iteration,"), "replaced with --force");
    }

    @Test
    void rawViewWritesTheFeaturesAndNormalisedTheirDirections() throws IOException {
        List<double[]> raw = points(tmp.resolve("raw"), "--view", "raw");
        List<double[]> unit = points(tmp.resolve("unit"), "--view", "normalised");
        assertEquals(50, raw.size());
        assertEquals(raw.size(), unit.size());
        boolean anyOffCircle = false;
        for (int i = 0; i < raw.size(); i++) {
            double n = Math.hypot(raw.get(i)[0], raw.get(i)[1]);
            anyOffCircle |= Math.abs(n - 1) > 1e-3;
            // the normalised view is the raw feature over its length
            assertEquals(raw.get(i)[0] / n, unit.get(i)[0], 1e-6);
            assertEquals(raw.get(i)[1] / n, unit.get(i)[1], 1e-6);
        }
        assertTrue(anyOffCircle, "raw features are not all on the unit circle");
    }

    private static List<double[]> points(Path out, String... flags) throws IOException {
        List<String> args = new java.util.ArrayList<>(List.of("figures", run.toString(), "--out", out.toString(),
                "--format", "csv", "--only", "embedding-circle"));
        args.addAll(List.of(flags));
        assertEquals(0, InfoCommandTest.run(args.toArray(String[]::new)).code());
        return Files.readAllLines(out.resolve("embedding-circle.csv")).stream().filter(l -> l.startsWith("point,"))
                .map(l -> l.split(",")).map(c -> new double[] {Double.parseDouble(c[3]), Double.parseDouble(c[4])}).toList();
    }

    @Test
    void sizeAndScaleSetThePixels() throws IOException {
        Path out = tmp.resolve("sized");
        InfoCommandTest.Result r = InfoCommandTest.run("figures", run.toString(), "--out", out.toString(),
                "--only", "angle-stats", "--size", "640x480", "--scale", "2");
        assertEquals(0, r.code(), r.err());
        BufferedImage img = ImageIO.read(out.resolve("angle-stats.png").toFile());
        assertEquals(1280, img.getWidth());
        assertEquals(960, img.getHeight());
        InfoCommandTest.Result bad = InfoCommandTest.run("figures", run.toString(), "--size", "640by480");
        assertEquals(2, bad.code());
        assertEquals("marginlab: --size '640by480' must be WIDTHxHEIGHT with each from 100 to 10000, e.g. 1200x800",
                bad.err().strip());
    }

    @Test
    void yawAndPitchSetTheSphereCamera() throws IOException {
        Path out = tmp.resolve("camera");
        InfoCommandTest.Result r = InfoCommandTest.run("figures", run3.toString(), "--out", out.toString(),
                "--format", "csv", "--only", "embedding-sphere", "--yaw", "90", "--pitch", "0");
        assertEquals(0, r.code(), r.err());
        List<String[]> rows = Files.readAllLines(out.resolve("embedding-sphere.csv")).stream()
                .filter(l -> l.startsWith("point,")).map(l -> l.split(",")).toList();
        assertEquals(50, rows.size());
        for (String[] c : rows) {
            double x1 = Double.parseDouble(c[3]);
            double x2 = Double.parseDouble(c[4]);
            double x3 = Double.parseDouble(c[5]);
            // looking from +x2 towards the origin with x3 up: x1 points left, x2 at the viewer
            assertEquals(-x1, Double.parseDouble(c[6]), 1e-6);
            assertEquals(x3, Double.parseDouble(c[7]), 1e-6);
            assertEquals(x2, Double.parseDouble(c[8]), 1e-6);
        }
        InfoCommandTest.Result bad = InfoCommandTest.run("figures", run3.toString(), "--pitch", "120");
        assertEquals("marginlab: --pitch 120.0 must be between -90 and 90 degrees", bad.err().strip());
    }

    @Test
    void angleUnitFlagConvertsTheStatistics() throws IOException {
        List<String> rad = angleStats(tmp.resolve("rad"), "rad");
        List<String> deg = angleStats(tmp.resolve("deg"), "deg");
        assertTrue(rad.get(0).endsWith("wc_intra_rad,w_inter_rad,c_inter_rad"), rad.get(0));
        assertTrue(deg.get(0).endsWith("wc_intra_deg,w_inter_deg,c_inter_deg"), deg.get(0));
        assertEquals(rad.size(), deg.size());
        for (int i = 1; i < rad.size(); i++) {
            String[] r = rad.get(i).split(",");
            String[] d = deg.get(i).split(",");
            for (int k = 4; k < 7; k++) {
                assertEquals(Math.toDegrees(Double.parseDouble(r[k])), Double.parseDouble(d[k]), 1e-9);
            }
        }
    }

    private static List<String> angleStats(Path out, String unit) throws IOException {
        InfoCommandTest.Result r = InfoCommandTest.run("figures", run.toString(), "--out", out.toString(), "--format", "csv",
                "--only", "angle-stats", "--angle-unit", unit);
        assertEquals(0, r.code(), r.err());
        return Files.readAllLines(out.resolve("angle-stats.csv"));
    }

    @Test
    void severalRunsOverlayTheirCurvesUnderTheirLabels() throws IOException {
        Path out = tmp.resolve("overlay");
        // (the open-set ROC of these runs would embed all 10 000 test images; FiguresOpenSetTest overlays it)
        InfoCommandTest.Result r = InfoCommandTest.run("figures", run.toString(), run3.toString(), "--out", out.toString(),
                "--format", "csv", "--only", "training-curves,angle-stats,angle-stats-table");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("training-curves.csv", "angle-stats.csv", "angle-stats-table.csv"),
                r.out().lines().map(l -> Path.of(l).getFileName().toString()).toList());
        List<String[]> curves = Files.readAllLines(out.resolve("training-curves.csv")).stream().skip(1)
                .map(l -> l.split(",")).toList();
        for (Path dir : List.of(run, run3)) {
            org.marginlab.run.RunReader.Run read = org.marginlab.run.RunReader.read(dir);
            String label = org.marginlab.figures.RunData.defaultLabel(read.config());
            long losses = read.iterations().stream().filter(s -> Double.isFinite(s.loss())).count();
            assertEquals(losses, curves.stream().filter(c -> c[0].equals(label) && c[1].equals("loss")).count(), label);
            assertEquals(read.epochs().size(),
                    curves.stream().filter(c -> c[0].equals(label) && c[1].equals("test_accuracy_percent")).count(), label);
        }
        InfoCommandTest.Result noOut = InfoCommandTest.run("figures", run.toString(), run3.toString());
        assertEquals(2, noOut.code());
        assertEquals(1, noOut.err().strip().lines().count(), noOut.err());
        assertTrue(noOut.err().contains("--out DIR is needed"), noOut.err());
    }

    private static int countColumn(Path csv) throws IOException {
        return Files.readAllLines(csv).stream().skip(1).mapToInt(l -> Integer.parseInt(l.split(",")[4])).sum();
    }
}
