package org.marginlab.figures;

import java.awt.Color;

/**
 * The colour of each class on a light or a dark background, for any number of classes from 2 to 100.
 *
 * <p>Up to {@link #QUALITATIVE} classes get a qualitative palette: Okabe &amp; Ito's eight colour-blind-safe
 * colours first (their hues kept, each made just dark enough on white, or light enough on the dark theme,
 * for WCAG's 3:1 contrast of graphics against their background; black becomes grey), then twelve more chosen
 * one by one as the farthest in OKLab from those already taken among the colours that keep 3:1. A room reads
 * them from a projector in either theme. More classes than that cannot be told apart by colour alone: they get
 * a sequential map (hue swept at one OKLab lightness that keeps 3:1), and hover names the class.
 */
public final class ClassPalette {
    private ClassPalette() {
    }

    /** Classes that each get a colour of their own; beyond this many a sequential map. */
    public static final int QUALITATIVE = 20;

    /** WCAG 2 contrast every class colour keeps against its background (non-text graphics: 3:1). */
    public static final double MIN_CONTRAST = 3.0;

    private static final int[] ON_LIGHT = {
        0x0072B2, 0xB57A00, 0x009E73, 0xC573A1, 0x3294C8, 0xCC4400, 0x7D8A00, 0x4D4D4D, // Okabe–Ito
        0x222296, 0x862D99, 0xA2041C, 0x097017, 0x8C63DD, 0x5A1D59, 0x926460, 0xBE346D,
        0x4E46BD, 0x6B1709, 0x427669, 0x034721,
    };

    private static final int[] ON_DARK = {
        0x167BBC, 0xE69F00, 0x009E73, 0xCC79A7, 0x56B4E9, 0xD55E00, 0xF0E442, 0xD9D9D9, // Okabe–Ito
        0x09E095, 0xFAA1F7, 0x9480FD, 0x27FDF7, 0x88774F, 0x9DB791, 0x7DB20D, 0x9062AC,
        0xF2A7A2, 0xD3456C, 0x828DB5, 0x8DFC8E,
    };

    /**
     * The colour of class {@code i} of {@code n} drawn on {@code background}.
     *
     * @throws IllegalArgumentException for i outside [0, n) (n below 1 included)
     */
    public static Color colour(int i, int n, Color background) {
        if (i < 0 || i >= n) {
            throw new IllegalArgumentException("class " + i + " of " + n);
        }
        boolean dark = luminance(background) < 0.18;
        if (n <= QUALITATIVE) {
            return new Color((dark ? ON_DARK : ON_LIGHT)[i]);
        }
        return sequential(i / (double) (n - 1), background, dark);
    }

    /**
     * Hue from orange (t = 0) round through green and blue to purple (t = 1) at OKLab lightness 0.55 on a
     * light background, 0.78 on a dark one, darkened or lightened further where a hue would fall under 3:1.
     */
    private static Color sequential(double t, Color background, boolean dark) {
        double hue = Math.toRadians(40 + 280 * t);
        double l = dark ? 0.78 : 0.55;
        for (int k = 0; k < 60; k++) {
            Color c = oklab(l, 0.12 * Math.cos(hue), 0.12 * Math.sin(hue));
            if (contrast(c, background) >= MIN_CONTRAST + 0.1) {
                return c;
            }
            l += dark ? 0.01 : -0.01;
        }
        return dark ? Color.WHITE : Color.BLACK;
    }

    /** WCAG 2 relative luminance of an sRGB colour. */
    public static double luminance(Color c) {
        return 0.2126 * linear(c.getRed()) + 0.7152 * linear(c.getGreen()) + 0.0722 * linear(c.getBlue());
    }

    /** WCAG 2 contrast ratio of two colours, 1 to 21. */
    public static double contrast(Color a, Color b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double linear(int v) {
        double c = v / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    /** Björn Ottosson's OKLab to sRGB, clipped into the gamut. */
    private static Color oklab(double l, double a, double b) {
        double l_ = Math.pow(l + 0.3963377774 * a + 0.2158037573 * b, 3);
        double m_ = Math.pow(l - 0.1055613458 * a - 0.0638541728 * b, 3);
        double s_ = Math.pow(l - 0.0894841775 * a - 1.2914855480 * b, 3);
        double r = 4.0767416621 * l_ - 3.3077619564 * m_ + 0.2309699292 * s_;
        double g = -1.2684380046 * l_ + 2.6097574011 * m_ - 0.3413193965 * s_;
        double bl = -0.0041960863 * l_ - 0.7034186147 * m_ + 1.7076147010 * s_;
        return new Color(srgb(r), srgb(g), srgb(bl));
    }

    private static int srgb(double linear) {
        double x = Math.min(1, Math.max(0, linear));
        double v = x <= 0.0031308 ? 12.92 * x : 1.055 * Math.pow(x, 1 / 2.4) - 0.055;
        return (int) Math.round(v * 255);
    }
}
