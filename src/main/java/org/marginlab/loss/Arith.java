package org.marginlab.loss;

/**
 * Element-wise arithmetic over some value type T: plain doubles ({@link #DOUBLES}), doubles with their
 * derivative ({@link Dual#OPS}), or DJL tensors with autograd (model/heads). A head's formula written once
 * against this interface gives the theory figures and the training graph the same maths, while this package
 * stays free of DJL. Constants made with {@link #constant} are on the autograd path; the {@code …Number}
 * ops are for values that carry no gradient (a detached k, a mask).
 */
public interface Arith<T> {

    T constant(T like, double value);

    T add(T a, T b);

    T sub(T a, T b);

    T mul(T a, T b);

    T div(T a, T b);

    T neg(T a);

    T pow(T a, T b);

    T cos(T a);

    T sin(T a);

    T acos(T a);

    T exp(T a);

    T log(T a);

    T sqrt(T a);

    T abs(T a);

    T min(T a, T b);

    T max(T a, T b);

    /** ifGreater where a &gt; b, else otherwise (element-wise). */
    T whereGreater(T a, T b, T ifGreater, T otherwise);

    /** The same values without gradient. */
    T detach(T a);

    T floor(T a);

    T mulNumber(T a, double v);

    T addNumber(T a, double v);

    T clipNumber(T a, double lo, double hi);

    T modNumber(T a, double v);

    /** Plain doubles. */
    Arith<Double> DOUBLES = new Arith<>() {
        public Double constant(Double like, double v) { return v; }
        public Double add(Double a, Double b) { return a + b; }
        public Double sub(Double a, Double b) { return a - b; }
        public Double mul(Double a, Double b) { return a * b; }
        public Double div(Double a, Double b) { return a / b; }
        public Double neg(Double a) { return -a; }
        public Double pow(Double a, Double b) { return Math.pow(a, b); }
        public Double cos(Double a) { return Math.cos(a); }
        public Double sin(Double a) { return Math.sin(a); }
        public Double acos(Double a) { return Math.acos(a); }
        public Double exp(Double a) { return Math.exp(a); }
        public Double log(Double a) { return Math.log(a); }
        public Double sqrt(Double a) { return Math.sqrt(a); }
        public Double abs(Double a) { return Math.abs(a); }
        public Double min(Double a, Double b) { return Math.min(a, b); }
        public Double max(Double a, Double b) { return Math.max(a, b); }
        public Double whereGreater(Double a, Double b, Double t, Double f) { return a > b ? t : f; }
        public Double detach(Double a) { return a; }
        public Double floor(Double a) { return Math.floor(a); }
        public Double mulNumber(Double a, double v) { return a * v; }
        public Double addNumber(Double a, double v) { return a + v; }
        public Double clipNumber(Double a, double lo, double hi) { return Math.min(Math.max(a, lo), hi); }
        public Double modNumber(Double a, double v) { return a - v * Math.floor(a / v); }
    };
}
