package org.marginlab.figures.embedding;

/**
 * Anti-aliased filled discs written straight into a premultiplied-ARGB pixel array: coverage of a pixel
 * is 1 inside radius − ½, 0 beyond radius + ½ and linear in between, which matches Java2D's
 * anti-aliased ellipse fills of small dots to within a grey level or two, at a fraction of the cost.
 */
final class PixelDots {
    private final int[] px;
    private final int width;
    private final int height;

    PixelDots(int[] argbPre, int width, int height) {
        this.px = argbPre;
        this.width = width;
        this.height = height;
    }

    /** Fills a disc centred at device position (x, y) with radius {@code r} device pixels, colour {@code rgb} (opaque). */
    void disc(double x, double y, double r, int rgb) {
        int x0 = Math.max(0, (int) Math.floor(x - r - 0.5));
        int x1 = Math.min(width - 1, (int) Math.ceil(x + r + 0.5));
        int y0 = Math.max(0, (int) Math.floor(y - r - 0.5));
        int y1 = Math.min(height - 1, (int) Math.ceil(y + r + 0.5));
        int sr = (rgb >> 16) & 0xFF;
        int sg = (rgb >> 8) & 0xFF;
        int sb = rgb & 0xFF;
        double inner = r - 0.5;
        double inner2 = inner > 0 ? inner * inner : -1;
        double outer2 = (r + 0.5) * (r + 0.5);
        for (int j = y0; j <= y1; j++) {
            double dy = j + 0.5 - y;
            double dy2 = dy * dy;
            int row = j * width;
            for (int i = x0; i <= x1; i++) {
                double dx = i + 0.5 - x;
                double d2 = dx * dx + dy2;
                if (d2 >= outer2) {
                    continue;
                }
                int k = row + i;
                if (d2 <= inner2) {
                    px[k] = 0xFF000000 | rgb;
                    continue;
                }
                int a = (int) ((r + 0.5 - Math.sqrt(d2)) * 256);
                if (a <= 0) {
                    continue;
                }
                if (a >= 256) {
                    px[k] = 0xFF000000 | rgb;
                    continue;
                }
                px[k] = over(px[k], sr, sg, sb, a);
            }
        }
    }

    /**
     * Draws an anti-aliased straight line of device width {@code w} from (x0, y0) to (x1, y1) with butt
     * ends; {@code dashOn} &gt; 0 dashes it ({@code dashOn}, {@code dashOff} device lengths, starting on).
     */
    void line(double x0, double y0, double x1, double y1, double w, int rgb, double dashOn, double dashOff) {
        double ex = x1 - x0;
        double ey = y1 - y0;
        double len = Math.sqrt(ex * ex + ey * ey);
        if (len < 1e-9) {
            return;
        }
        double nx = ex / len;
        double ny = ey / len;
        double half = w / 2;
        double peak = Math.min(1, w);
        double pad = half + 1.5;
        double period = dashOn + dashOff;
        int sr = (rgb >> 16) & 0xFF;
        int sg = (rgb >> 8) & 0xFF;
        int sb = rgb & 0xFF;
        // walk the major axis and visit only the few pixels across the line at each step
        boolean steep = Math.abs(ey) > Math.abs(ex);
        double slope = steep ? ex / ey : ey / ex;
        double m0 = steep ? Math.min(y0, y1) : Math.min(x0, x1);
        double m1 = steep ? Math.max(y0, y1) : Math.max(x0, x1);
        int a0 = Math.max(0, (int) Math.floor(m0 - 1));
        int a1 = Math.min((steep ? height : width) - 1, (int) Math.ceil(m1 + 1));
        // across-axis half extent: the line's width grows by 1/cos of its angle to the major axis
        double spread = pad * Math.sqrt(1 + slope * slope);
        for (int m = a0; m <= a1; m++) {
            double c = m + 0.5;
            double mid = steep ? x0 + (c - y0) * slope : y0 + (c - x0) * slope;
            int b0 = Math.max(0, (int) Math.floor(mid - spread));
            int b1 = Math.min((steep ? width : height) - 1, (int) Math.ceil(mid + spread));
            for (int b = b0; b <= b1; b++) {
                int i = steep ? b : m;
                int j = steep ? m : b;
                double qx = i + 0.5 - x0;
                double qy = j + 0.5 - y0;
                double along = qx * nx + qy * ny;
                if (along < -0.5 || along > len + 0.5) {
                    continue;
                }
                double across = Math.abs(qx * ny - qy * nx);
                double cov = Math.min(peak, half + 0.5 - across);
                if (cov <= 0) {
                    continue;
                }
                // butt ends: fade over the half pixel either side of each end
                cov *= Math.min(1, Math.min(along + 0.5, len - along + 0.5));
                if (dashOn > 0) {
                    double phase = along - period * Math.floor(along / period);
                    if (phase >= dashOn) {
                        continue;
                    }
                }
                int a = (int) (cov * 256);
                if (a <= 0) {
                    continue;
                }
                int k = j * width + i;
                if (a >= 256) {
                    px[k] = 0xFF000000 | rgb;
                    continue;
                }
                px[k] = over(px[k], sr, sg, sb, a);
            }
        }
    }

    /** Source colour at coverage a/256 over destination pixel d (premultiplied-free "over"). */
    private static int over(int d, int sr, int sg, int sb, int a) {
        int na = 256 - a;
        int da = (d >>> 24) * na + 255 * a;
        int dr = ((d >> 16) & 0xFF) * na + sr * a;
        int dg = ((d >> 8) & 0xFF) * na + sg * a;
        int db = (d & 0xFF) * na + sb * a;
        return ((da >> 8) << 24) | ((dr >> 8) << 16) | ((dg >> 8) << 8) | (db >> 8);
    }
}
