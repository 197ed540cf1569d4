package org.marginlab.loss;

import org.marginlab.Range;

/**
 * One parameter a head declares: everything the CLI flag, the settings form, the live knob, the Theory
 * slider, a figure's label and the docs table say about it.
 *
 * @param name     the key in JSON and on the command line ("s", "m", "m1", "psi", …)
 * @param symbol   how figures and labels write it ("s", "m", "λ", "m₁", "ψ")
 * @param kind     number, integer, flag or text
 * @param range    the values the formula accepts (null for flags and text)
 * @param unit     what one unit of it is ("rad", "cosine", "" when none)
 * @param help     one line on what it does in this head
 * @param live     whether it may change while a run trains
 * @param schedule how training moves it from the configured value
 * @param sliderMin where a slider for it starts (the Theory tab)
 * @param sliderMax where a slider for it ends: the span worth exploring, inside {@code range}
 */
public record HeadParam(String name, String symbol, Kind kind, Range range, String unit, String help,
                        boolean live, Schedule schedule, double sliderMin, double sliderMax) {

    public HeadParam(String name, String symbol, Kind kind, Range range, String unit, String help,
                     boolean live, Schedule schedule) {
        this(name, symbol, kind, range, unit, help, live, schedule,
                range == null ? 0 : range.loOpen() ? Math.min(0.5, range.hi()) : range.lo(),
                range == null ? 1 : Math.min(range.hi(), 64));
    }

    /** The same parameter with a slider over [lo, hi]. */
    public HeadParam slider(double lo, double hi) {
        return new HeadParam(name, symbol, kind, range, unit, help, live, schedule, lo, hi);
    }

    /** Whether the parameter takes whole numbers only (ψ's m, k). */
    public boolean integer() {
        return range != null && range.integer();
    }

    public enum Kind { NUMBER, FLAG, TEXT }

    /** How training moves a parameter over the iterations ({@link MarginSchedule}). */
    public enum Schedule {
        /** The configured value throughout. */
        NONE,
        /** Linear from min(1, v) to v over the warm-up (scales, and multiplicative margins). */
        WARM_FROM_ONE,
        /** Linear from 0 to v over the warm-up (additive margins). */
        WARM_FROM_ZERO,
        /** SphereFace's λ annealing from λ_base down to λ_min. */
        ANNEALED,
        /** Set every step from the batch (AdaCos's dynamic s); recorded like a warm-up. */
        ADAPTIVE
    }

    public static HeadParam number(String name, String symbol, Range range, String unit, String help,
                                   Schedule schedule) {
        return new HeadParam(name, symbol, Kind.NUMBER, range, unit, help, true, schedule);
    }

    public static HeadParam flag(String name, String symbol, String help) {
        return new HeadParam(name, symbol, Kind.FLAG, null, "", help, false, Schedule.NONE);
    }

    public static HeadParam text(String name, String symbol, String help) {
        return new HeadParam(name, symbol, Kind.TEXT, null, "", help, false, Schedule.NONE);
    }

    public HeadParam fixed() {
        return new HeadParam(name, symbol, kind, range, unit, help, false, schedule, sliderMin, sliderMax);
    }

    public boolean numeric() {
        return kind == Kind.NUMBER;
    }
}
