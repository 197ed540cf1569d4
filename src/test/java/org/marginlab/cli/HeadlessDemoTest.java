package org.marginlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marginlab.config.DemoPreset;
import org.marginlab.run.RunReader;

/** ./marginlab with no display: the default demo headless, its files, and where they are. */
class HeadlessDemoTest {

    @Test
    void trainsTheDemoAndWritesRunFiguresAndAPictureOfTheWindow(@TempDir Path tmp) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path dir = HeadlessDemo.run(DemoPreset.DEFAULT, 12, tmp, new PrintWriter(out, true), new PrintWriter(err, true));
        assertTrue(err.toString().startsWith("marginlab: no display here, so this is the demo \"3-D sphere, ArcFace\""),
                err.toString());
        assertTrue(err.toString().contains("it 12/12"), "a progress bar: " + err);
        RunReader.Run run = RunReader.read(dir);
        assertEquals("finished", run.summary().state());
        assertEquals(DemoPreset.DEFAULT.config().head(), run.config().head());
        assertEquals(3, run.config().dim());
        long pngs;
        try (var files = Files.list(dir.resolve("figures"))) {
            pngs = files.filter(p -> p.toString().endsWith(".png")).count();
        }
        assertTrue(pngs >= 8, pngs + " figures");
        BufferedImage window = ImageIO.read(dir.resolve("window.png").toFile());
        assertEquals(1280, window.getWidth());
        assertEquals(800, window.getHeight());
        int coloured = 0;
        for (int y = 0; y < 800; y += 2) {
            for (int x = 0; x < 1280; x += 2) {
                int rgb = window.getRGB(x, y);
                int r = (rgb >> 16) & 255, g = (rgb >> 8) & 255, b = rgb & 255;
                coloured += Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 60 ? 1 : 0;
            }
        }
        assertTrue(coloured > 500, "the window shows the coloured sphere: " + coloured);
        assertEquals(String.join(System.lineSeparator(),
                "run:     " + dir.toAbsolutePath(),
                "figures: " + dir.resolve("figures").toAbsolutePath() + " (" + pngs + " PNGs)",
                "window:  " + dir.resolve("window.png").toAbsolutePath(),
                "see it in the window where there is a display: ./marginlab, then File → Open run… → " + dir, ""),
                out.toString());
    }
}
