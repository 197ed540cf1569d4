package org.marginlab.figures;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;

/** Test helpers: render a figure and read pixels. */
final class Pixels {
    private Pixels() {
    }

    static BufferedImage render(Figure f) {
        var d = f.preferredSize();
        BufferedImage img = new BufferedImage(d.width, d.height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        f.draw(g, new Rectangle2D.Double(0, 0, d.width, d.height));
        g.dispose();
        return img;
    }

    static Color at(BufferedImage img, double x, double y) {
        return new Color(img.getRGB((int) Math.floor(x), (int) Math.floor(y)));
    }

    static boolean near(Color a, Color b, int tol) {
        return Math.abs(a.getRed() - b.getRed()) <= tol && Math.abs(a.getGreen() - b.getGreen()) <= tol
                && Math.abs(a.getBlue() - b.getBlue()) <= tol;
    }

    /** Fraction of pixels that are not the white background. */
    static double inked(BufferedImage img) {
        long n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
                    n++;
                }
            }
        }
        return n / (double) (img.getWidth() * img.getHeight());
    }

    /** Number of distinct colours, a cheap "there is a picture here" measure. */
    static int colours(BufferedImage img) {
        java.util.Set<Integer> s = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                s.add(img.getRGB(x, y));
            }
        }
        return s.size();
    }
}
