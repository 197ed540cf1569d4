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

    @BeforeAll
    static void trainTinyRun() {
        run = tmp.resolve("run");
        InfoCommandTest.Result r = InfoCommandTest.run("train", "--head", "arc", "--dim", "2", "--iterations", "4",
                "--batch", "32", "--probe-per-class", "5", "--snapshot-every", "2", "--device", "cpu", "--out", run.toString());
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
    void csvHoldsTheProbeEmbeddings() throws IOException {
        Path out = tmp.resolve("csv");
        InfoCommandTest.Result r = InfoCommandTest.run("figures", run.toString(), "--out", out.toString(),
                "--format", "csv", "--only", "embedding-circle");
        assertEquals(0, r.code(), r.err());
        List<String> rows = Files.readAllLines(out.resolve("embedding-circle.csv"));
        // Header + 5 probes × 10 classes (+ any weight rows the figure plots).
        assertTrue(rows.size() >= 51, "rows: " + rows.size());
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

    private static int countColumn(Path csv) throws IOException {
        return Files.readAllLines(csv).stream().skip(1).mapToInt(l -> Integer.parseInt(l.split(",")[4])).sum();
    }
}
