package org.marginlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScreenshotCommandTest {
    @TempDir
    Path tmp;

    @Test
    void writesThePngOfTheWholeWindowAfterALiveRun() throws Exception {
        Path png = tmp.resolve("shot.png");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"screenshot", "--out", png.toString(), "--head", "cosface", "--dim", "2",
            "--iterations", "3", "--snapshot-every", "1", "--tab", "Training curves", "--size", "1200x800"},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, code, err.toString());
        assertTrue(out.toString().contains("iteration 3 / 3"), out.toString());
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(1200, img.getWidth());
        assertEquals(800, img.getHeight());
        // The training-curves tab draws coloured series: the picture is not an empty window.
        int coloured = 0;
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                int rgb = img.getRGB(x, y);
                int r = (rgb >> 16) & 255;
                int g = (rgb >> 8) & 255;
                int b = rgb & 255;
                if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 80) {
                    coloured++;
                }
            }
        }
        assertTrue(coloured > 200, "coloured pixels: " + coloured);
    }

    @Test
    void tooFewCompareHeadsIsAOneLineError() {
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"screenshot", "--out", tmp.resolve("x.png").toString(), "--compare", "arc"},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(2, code);
        assertEquals("marginlab: --compare: give two to four heads, e.g. --compare softmax,cosface,arcface,arc",
                err.toString().trim());
    }
}
