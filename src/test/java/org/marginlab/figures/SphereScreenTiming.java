package org.marginlab.figures;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import org.marginlab.figures.embedding.EmbeddingSphereFigure;
import org.marginlab.loss.HeadKind;

/** Times the sphere with 10 000 points: exact Java2D drawing versus the window's screen path (printed, never asserted). */
public final class SphereScreenTiming {
    public static void main(String[] args) {
        RunData run = SyntheticRun.build(HeadKind.ARCFACE, 3, 1, 1, 10000, 7);
        EmbeddingSphereFigure f = new EmbeddingSphereFigure();
        f.setRun(run);
        BufferedImage img = new BufferedImage(1000, 640, BufferedImage.TYPE_INT_ARGB_PRE);
        int[] px = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
        if (args.length > 1) {
            // write one frame of the chosen path, to look at
            Graphics2D g = img.createGraphics();
            if (args[0].equals("exact")) {
                f.draw(g, new Rectangle2D.Double(0, 0, 1000, 640));
            } else {
                f.drawOnScreen(g, new Rectangle2D.Double(0, 0, 1000, 640), px, 1000, 640);
            }
            g.dispose();
            try {
                javax.imageio.ImageIO.write(img, "png", new java.io.File(args[1]));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return;
        }
        for (int rep = 0; rep < 6; rep++) {
            var mx = java.lang.management.ManagementFactory.getThreadMXBean();
            long c0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            int frames = 0;
            while (System.nanoTime() - t0 < 1e9) {
                Graphics2D g = img.createGraphics();
                f.rotateBy(3, 0);
                if (args.length > 0 && args[0].equals("exact")) {
                    f.draw(g, new Rectangle2D.Double(0, 0, 1000, 640));
                } else {
                    f.drawOnScreen(g, new Rectangle2D.Double(0, 0, 1000, 640), px, 1000, 640);
                }
                g.dispose();
                frames++;
            }
            System.out.printf("%.2f ms per frame, %.2f ms CPU%n", (System.nanoTime() - t0) / 1e6 / frames,
                    (mx.getCurrentThreadCpuTime() - c0) / 1e6 / frames);
        }
    }
}
