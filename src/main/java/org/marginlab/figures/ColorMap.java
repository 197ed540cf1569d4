package org.marginlab.figures;

import java.awt.Color;

/**
 * Piece-wise linear colour maps over [lo, hi]. {@link #DIVERGING} is Paul Tol's colour-blind-safe BuRd
 * (blue at −1, white at 0, red at +1) for cosine similarities; {@link #SEQUENTIAL} runs white → Tol's
 * dark blue for counts.
 */
public final class ColorMap {

    public static final ColorMap DIVERGING = new ColorMap(-1, 1,
            0x2166AC, 0x4393C3, 0x92C5DE, 0xD1E5F0, 0xF7F7F7, 0xFDDBC7, 0xF4A582, 0xD6604D, 0xB2182B);
    public static final ColorMap SEQUENTIAL = new ColorMap(0, 1,
            0xFFFFFF, 0xD1E5F0, 0x92C5DE, 0x4393C3, 0x2166AC, 0x053061);

    private final double lo;
    private final double hi;
    private final Color[] stops;

    public ColorMap(double lo, double hi, int... rgb) {
        this.lo = lo;
        this.hi = hi;
        this.stops = new Color[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            stops[i] = new Color(rgb[i]);
        }
    }

    public double lo() {
        return lo;
    }

    public double hi() {
        return hi;
    }

    /** The same stops over another range, e.g. counts 0…max. */
    public ColorMap over(double newLo, double newHi) {
        int[] rgb = new int[stops.length];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = stops[i].getRGB() & 0xFFFFFF;
        }
        return new ColorMap(newLo, newHi, rgb);
    }

    /** The colour of {@code v}, clamped to the ends. */
    public Color color(double v) {
        if (Double.isNaN(v)) {
            return FigureStyle.grid();
        }
        double t = hi == lo ? 0 : (v - lo) / (hi - lo);
        t = Math.max(0, Math.min(1, t)) * (stops.length - 1);
        int i = Math.min((int) Math.floor(t), stops.length - 2);
        return FigureStyle.mix(stops[i], stops[i + 1], t - i);
    }

    /** Black or white, whichever reads better on {@code c}. */
    public static Color textOn(Color c) {
        double luminance = 0.299 * c.getRed() + 0.587 * c.getGreen() + 0.114 * c.getBlue();
        return luminance > 140 ? FigureStyle.ink() : Color.WHITE;
    }
}
