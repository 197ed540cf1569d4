package org.marginlab;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The one number format of every CSV MarginLab writes (figure data, metrics.csv, report tables):
 * locale-independent, no float noise, an empty cell for an unknown (NaN) value.
 * <ul>
 * <li>A value that is exactly a float32 (the network's embeddings, weights and angles are float32)
 *     prints as the shortest decimal that reads back as that float: {@code 0.1f} is {@code 0.1}, not
 *     {@code 0.10000000149011612}.</li>
 * <li>Any other double prints to 15 significant digits, the most that survive decimal → double →
 *     decimal for every double, so the last-bit noise of arithmetic goes: {@code Math.toDegrees(π/6)}
 *     = 29.999999999999996 prints as {@code 30}, 0.1 + 0.2 as {@code 0.3}.</li>
 * </ul>
 * Whole numbers print without a decimal point ({@code 30}); very large or small magnitudes in
 * scientific form ({@code 1.5E-7}), which every CSV reader parses.
 */
public final class CsvNumbers {
    private CsvNumbers() {
    }

    private static final MathContext DOUBLE_DIGITS = new MathContext(15, RoundingMode.HALF_EVEN);

    public static String of(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        if (v == 0) {
            return "0";
        }
        BigDecimal d = (double) (float) v == v
                ? new BigDecimal(Float.toString((float) v))
                : new BigDecimal(v).round(DOUBLE_DIGITS);
        return plain(d.stripTrailingZeros());
    }

    public static String of(float v) {
        return of((double) v);
    }

    private static String plain(BigDecimal d) {
        // plain notation where it stays short (1e-6 ≤ |v| < 1e15), scientific beyond
        int magnitude = d.precision() - d.scale() - 1;
        return magnitude >= -6 && magnitude < 15 ? d.toPlainString() : d.toString();
    }
}
