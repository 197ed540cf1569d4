package org.marginlab.figures;

import java.awt.image.BufferedImage;
import java.util.Map;
import org.marginlab.figures.export.FigureExporter;
import org.marginlab.figures.theory.DzDthetaFigure;

/** Splits PNG export time into drawing and encoding (not a test). */
public final class EncodeTiming {
    public static void main(String[] a) {
        Figure f = new DzDthetaFigure();
        for (int rep = 0; rep < 6; rep++) {
            long t0 = System.nanoTime();
            BufferedImage img = FigureExporter.image(f, 1);
            long t1 = System.nanoTime();
            byte[] b = FigureExporter.pngBytes(img, 96, "t", Map.of());
            long t2 = System.nanoTime();
            System.out.printf("draw %.1f ms, encode %.1f ms, %d bytes%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6, b.length);
        }
    }
}
