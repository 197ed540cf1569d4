package org.marginlab.train;

import org.marginlab.config.Schedule;


/**
 * Learning rate as a function of the iteration.
 * <ul>
 *   <li>{@code constant}: the base rate throughout;</li>
 *   <li>{@code step}: ×0.1 after 50 % and again after 75 % of the run;</li>
 *   <li>{@code onecycle}: Smith's one-cycle policy as PyTorch's OneCycleLR draws it: cosine rise from
 *   base/25 to base over the first 30 %, then cosine fall to base/10⁴.</li>
 * </ul>
 */
public final class LrSchedule {

    private final Schedule kind;
    private final double base;
    private final long total;

    public LrSchedule(Schedule kind, double base, long totalIterations) {
        this.kind = kind;
        this.base = base;
        this.total = Math.max(1, totalIterations);
    }

    public double rate(long iteration) {
        double t = Math.min(1.0, (double) iteration / total);
        return switch (kind) {
            case STEP -> base * (t < 0.5 ? 1 : t < 0.75 ? 0.1 : 0.01);
            case ONECYCLE -> {
                double warm = 0.3;
                double start = base / 25;
                double end = base / 1e4;
                if (t < warm) {
                    yield cosine(start, base, t / warm);
                }
                yield cosine(base, end, (t - warm) / (1 - warm));
            }
            case CONSTANT -> base;
        };
    }

    private static double cosine(double from, double to, double frac) {
        return to + (from - to) * (1 + Math.cos(Math.PI * frac)) / 2;
    }
}
