package org.marginlab.loss;

/**
 * Interval arithmetic for the custom ψ's finiteness check: {@code [lo, hi]} encloses every value an expression
 * takes while θ ranges over a box, with bounds rounded outwards, and {@code undefined} set where some θ in the
 * box may leave an operation's domain (a divisor that may be 0, log or sqrt of what may be negative, acos
 * beyond ±1, a negative base under a fractional power). A finite interval that is not undefined proves the
 * expression finite on the whole box, which sampling cannot: a pole between two sample points escapes it.
 */
public record Interval(double lo, double hi, boolean undefined) {

    public static Interval of(double lo, double hi) {
        return new Interval(lo, hi, false);
    }

    /** Whether every value in the box is proven finite. */
    public boolean finite() {
        return !undefined && Double.isFinite(lo) && Double.isFinite(hi);
    }

    private static Interval out(double lo, double hi, boolean undefined) {
        if (Double.isNaN(lo) || Double.isNaN(hi)) {
            return new Interval(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, true);
        }
        return new Interval(Math.nextDown(lo), Math.nextUp(hi), undefined);
    }

    private static Interval unit(double lo, double hi, boolean undefined) {
        Interval r = out(lo, hi, undefined);
        return new Interval(Math.max(-1, r.lo), Math.min(1, r.hi), undefined);
    }

    /** Whether the closed interval holds a point c + k·period for some integer k. */
    private static boolean holds(double lo, double hi, double c, double period) {
        double k = Math.ceil((lo - c) / period);
        return c + k * period <= hi;
    }

    private static Interval cosOf(Interval a) {
        if (a.hi - a.lo >= 2 * Math.PI || !Double.isFinite(a.lo) || !Double.isFinite(a.hi)) {
            return new Interval(-1, 1, a.undefined);
        }
        double ca = Math.cos(a.lo);
        double cb = Math.cos(a.hi);
        double hi = holds(a.lo, a.hi, 0, 2 * Math.PI) ? 1 : Math.max(ca, cb);
        double lo = holds(a.lo, a.hi, Math.PI, 2 * Math.PI) ? -1 : Math.min(ca, cb);
        return unit(lo, hi, a.undefined);
    }

    private static Interval mulOf(Interval a, Interval b) {
        double[] p = {a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi};
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : p) {
            // 0·∞ is NaN: the product is then unbounded
            lo = Math.min(lo, Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v);
            hi = Math.max(hi, Double.isNaN(v) ? Double.POSITIVE_INFINITY : v);
        }
        return out(lo, hi, a.undefined || b.undefined);
    }

    private static Interval powOf(Interval a, Interval b) {
        boolean und = a.undefined || b.undefined;
        if (b.lo == b.hi && b.lo == Math.rint(b.lo) && Math.abs(b.lo) < 1e9) {
            double n = b.lo;
            if (n == 0) {
                return new Interval(1, 1, und);
            }
            if (n < 0) {
                if (a.lo <= 0 && a.hi >= 0) {
                    return new Interval(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, true);
                }
                Interval p = powOf(a, new Interval(-n, -n, false));
                return divOf(new Interval(1, 1, und), p);
            }
            double x = Math.pow(a.lo, n);
            double y = Math.pow(a.hi, n);
            if (n % 2 == 0) {
                double hi = Math.max(x, y);
                double lo = a.lo <= 0 && a.hi >= 0 ? 0 : Math.min(x, y);
                return out(lo, hi, und);
            }
            return out(x, y, und);
        }
        // a fractional or varying exponent: defined for a base > 0, or ≥ 0 with an exponent > 0
        if (a.lo < 0 || (a.lo == 0 && b.lo <= 0)) {
            return new Interval(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, true);
        }
        double[] c = {Math.pow(a.lo, b.lo), Math.pow(a.lo, b.hi), Math.pow(a.hi, b.lo), Math.pow(a.hi, b.hi)};
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : c) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        return out(lo, hi, und);
    }

    private static Interval divOf(Interval a, Interval b) {
        if (b.lo <= 0 && b.hi >= 0) {
            return new Interval(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, true);
        }
        return mulOf(a, out(1 / b.hi, 1 / b.lo, b.undefined));
    }

    /** The interval operations ψ's tree uses; the training-only ones are not needed for the check. */
    public static final Arith<Interval> OPS = new Arith<>() {
        public Interval constant(Interval like, double v) { return new Interval(v, v, false); }
        public Interval add(Interval a, Interval b) { return out(a.lo + b.lo, a.hi + b.hi, a.undefined || b.undefined); }
        public Interval sub(Interval a, Interval b) { return out(a.lo - b.hi, a.hi - b.lo, a.undefined || b.undefined); }
        public Interval mul(Interval a, Interval b) { return mulOf(a, b); }
        public Interval div(Interval a, Interval b) { return divOf(a, b); }
        public Interval neg(Interval a) { return new Interval(-a.hi, -a.lo, a.undefined); }
        public Interval pow(Interval a, Interval b) { return powOf(a, b); }
        public Interval cos(Interval a) { return cosOf(a); }
        public Interval sin(Interval a) { return cosOf(out(a.lo - Math.PI / 2, a.hi - Math.PI / 2, a.undefined)); }
        public Interval acos(Interval a) {
            boolean und = a.undefined || a.lo < -1 || a.hi > 1;
            return out(Math.acos(Math.min(1, a.hi)), Math.acos(Math.max(-1, a.lo)), und);
        }
        public Interval exp(Interval a) { return out(Math.exp(a.lo), Math.exp(a.hi), a.undefined); }
        public Interval log(Interval a) {
            if (a.lo <= 0) {
                return new Interval(Double.NEGATIVE_INFINITY, a.hi > 0 ? Math.log(a.hi) : Double.POSITIVE_INFINITY, true);
            }
            return out(Math.log(a.lo), Math.log(a.hi), a.undefined);
        }
        public Interval sqrt(Interval a) {
            return a.lo < 0 ? new Interval(0, a.hi > 0 ? Math.nextUp(Math.sqrt(a.hi)) : 0, true)
                    : out(Math.sqrt(a.lo), Math.sqrt(a.hi), a.undefined);
        }
        public Interval abs(Interval a) {
            double lo = a.lo <= 0 && a.hi >= 0 ? 0 : Math.min(Math.abs(a.lo), Math.abs(a.hi));
            return new Interval(lo, Math.max(Math.abs(a.lo), Math.abs(a.hi)), a.undefined);
        }
        public Interval min(Interval a, Interval b) {
            return new Interval(Math.min(a.lo, b.lo), Math.min(a.hi, b.hi), a.undefined || b.undefined);
        }
        public Interval max(Interval a, Interval b) {
            return new Interval(Math.max(a.lo, b.lo), Math.max(a.hi, b.hi), a.undefined || b.undefined);
        }
        public Interval whereGreater(Interval a, Interval b, Interval t, Interval f) {
            return new Interval(Math.min(t.lo, f.lo), Math.max(t.hi, f.hi), t.undefined || f.undefined);
        }
        public Interval detach(Interval a) { return a; }
        public Interval floor(Interval a) { return new Interval(Math.floor(a.lo), Math.floor(a.hi), a.undefined); }
        public Interval mulNumber(Interval a, double v) { return mulOf(a, new Interval(v, v, false)); }
        public Interval addNumber(Interval a, double v) { return out(a.lo + v, a.hi + v, a.undefined); }
        public Interval clipNumber(Interval a, double lo, double hi) {
            return new Interval(Math.min(Math.max(a.lo, lo), hi), Math.min(Math.max(a.hi, lo), hi), a.undefined);
        }
        public Interval modNumber(Interval a, double v) { return new Interval(0, v, a.undefined); }
    };
}
