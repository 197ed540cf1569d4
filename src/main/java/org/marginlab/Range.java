package org.marginlab;

import java.math.BigDecimal;

/**
 * The values a numeric setting accepts: an interval, open or closed at each end (an infinite upper end
 * means unbounded), optionally whole numbers only. {@link #describe()} is the wording every error and
 * help text uses, so the CLI, the window and the docs state a range the same way.
 */
public record Range(double lo, boolean loOpen, double hi, boolean hiOpen, boolean integer) {

    public static Range closed(double lo, double hi) {
        return new Range(lo, false, hi, false, false);
    }

    /** (lo, hi]. */
    public static Range aboveUpTo(double lo, double hi) {
        return new Range(lo, true, hi, false, false);
    }

    /** [lo, hi). */
    public static Range fromBelow(double lo, double hi) {
        return new Range(lo, false, hi, true, false);
    }

    public static Range atLeast(double lo) {
        return closed(lo, Double.POSITIVE_INFINITY);
    }

    public static Range integers(long lo, long hi) {
        return new Range(lo, false, hi, false, true);
    }

    public static Range integersFrom(long lo) {
        return new Range(lo, false, Double.POSITIVE_INFINITY, false, true);
    }

    public boolean contains(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v) || (integer && v != Math.rint(v))) {
            return false;
        }
        boolean aboveLo = loOpen ? v > lo : v >= lo;
        boolean belowHi = hiOpen ? v < hi : v <= hi;
        return aboveLo && belowHi;
    }

    public boolean bounded() {
        return hi != Double.POSITIVE_INFINITY;
    }

    /** "a number in (0, 1000]", "an integer in [1, 8]", "an integer ≥ 0". */
    public String describe() {
        String what = integer ? "an integer" : "a number";
        if (!bounded()) {
            return what + (loOpen ? " > " : " ≥ ") + fmt(lo);
        }
        return what + " in " + interval();
    }

    /** "(0, 1000]", or "≥ 0" when unbounded above. */
    public String interval() {
        if (!bounded()) {
            return (loOpen ? "> " : "≥ ") + fmt(lo);
        }
        return (loOpen ? "(" : "[") + fmt(lo) + ", " + fmt(hi) + (hiOpen ? ")" : "]");
    }

    /** Plain decimals as people type them (0.0005, 1000000), and π for π. */
    public static String fmt(double v) {
        if (v == Math.PI) {
            return "π";
        }
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }
}
