package org.marginlab.figures;

import java.util.Locale;

/** Number formatting for figure labels: locale-independent, no trailing zeros (CSV cells: {@link org.marginlab.CsvNumbers}). */
public final class Fmt {
    private Fmt() {
    }

    /** Short label form, e.g. 0.35, 16, 1e-3. */
    public static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        if (Math.abs(v) < 1e-3 && v != 0) {
            return String.format(Locale.ROOT, "%.3g", v);
        }
        String s = String.format(Locale.ROOT, "%.4f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    public static String fixed(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
