package org.marginlab.loss;

/**
 * A value with its derivative in one variable (forward-mode automatic differentiation): ∂ψ/∂θ of a typed
 * ψ(θ) comes from the same parse as ψ itself, without a finite difference.
 */
public record Dual(double v, double d) {

    public static Dual variable(double v) {
        return new Dual(v, 1);
    }

    public static Dual constant(double v) {
        return new Dual(v, 0);
    }

    public static final Arith<Dual> OPS = new Arith<>() {
        public Dual constant(Dual like, double v) { return Dual.constant(v); }
        public Dual add(Dual a, Dual b) { return new Dual(a.v + b.v, a.d + b.d); }
        public Dual sub(Dual a, Dual b) { return new Dual(a.v - b.v, a.d - b.d); }
        public Dual mul(Dual a, Dual b) { return new Dual(a.v * b.v, a.d * b.v + a.v * b.d); }
        public Dual div(Dual a, Dual b) { return new Dual(a.v / b.v, (a.d * b.v - a.v * b.d) / (b.v * b.v)); }
        public Dual neg(Dual a) { return new Dual(-a.v, -a.d); }
        public Dual pow(Dual a, Dual b) {
            double v = Math.pow(a.v, b.v);
            double d = a.d == 0 ? 0 : b.v * Math.pow(a.v, b.v - 1) * a.d;
            if (b.d != 0) {
                d += v * Math.log(a.v) * b.d;
            }
            return new Dual(v, d);
        }
        public Dual cos(Dual a) { return new Dual(Math.cos(a.v), -Math.sin(a.v) * a.d); }
        public Dual sin(Dual a) { return new Dual(Math.sin(a.v), Math.cos(a.v) * a.d); }
        public Dual acos(Dual a) { return new Dual(Math.acos(a.v), -a.d / Math.sqrt(1 - a.v * a.v)); }
        public Dual exp(Dual a) { double e = Math.exp(a.v); return new Dual(e, e * a.d); }
        public Dual log(Dual a) { return new Dual(Math.log(a.v), a.d / a.v); }
        public Dual sqrt(Dual a) { double r = Math.sqrt(a.v); return new Dual(r, a.d / (2 * r)); }
        public Dual abs(Dual a) { return a.v < 0 ? neg(a) : a; }
        public Dual min(Dual a, Dual b) { return b.v < a.v ? b : a; }
        public Dual max(Dual a, Dual b) { return b.v > a.v ? b : a; }
        public Dual whereGreater(Dual a, Dual b, Dual t, Dual f) { return a.v > b.v ? t : f; }
        public Dual detach(Dual a) { return Dual.constant(a.v); }
        public Dual floor(Dual a) { return Dual.constant(Math.floor(a.v)); }
        public Dual mulNumber(Dual a, double v) { return new Dual(a.v * v, a.d * v); }
        public Dual addNumber(Dual a, double v) { return new Dual(a.v + v, a.d); }
        public Dual clipNumber(Dual a, double lo, double hi) {
            return a.v < lo ? Dual.constant(lo) : a.v > hi ? Dual.constant(hi) : a;
        }
        public Dual modNumber(Dual a, double v) { return new Dual(a.v - v * Math.floor(a.v / v), a.d); }
    };
}
