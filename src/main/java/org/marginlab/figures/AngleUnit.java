package org.marginlab.figures;

/** How an angle axis is labelled; data stay in radians. */
public enum AngleUnit {
    RADIANS("rad"), DEGREES("°");

    private final String symbol;

    AngleUnit(String symbol) {
        this.symbol = symbol;
    }

    /** Converts radians into this unit. */
    public double of(double radians) {
        return this == RADIANS ? radians : Math.toDegrees(radians);
    }

    /** Axis label suffix, e.g. {@code "θ_y (°)"}. */
    public String label(String quantity) {
        return quantity + " (" + symbol + ")";
    }
}
