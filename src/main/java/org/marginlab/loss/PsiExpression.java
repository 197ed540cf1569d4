package org.marginlab.loss;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A ψ(θ) the user types, parsed once into a tree that evaluates over any {@link Arith}: plain doubles for
 * the theory curves, {@link Dual}s for ∂ψ/∂θ, DJL tensors for the training graph. Grammar (usual precedence,
 * {@code ^} binds tighter than unary minus and is right-associative):
 * <pre>
 * expr    = term { ("+" | "-") term }
 * term    = unary { ("*" | "/") unary }
 * unary   = "-" unary | power
 * power   = primary [ "^" unary ]
 * primary = number | "theta" | "s" | "m" | "pi" | fn "(" expr { "," expr } ")" | "(" expr ")"
 * fn      = cos sin acos exp log sqrt abs (one argument) | min max (two)
 * </pre>
 */
public final class PsiExpression {

    /** θ values the monotonicity check samples on [0, π], ends included. */
    static final int CHECK_SAMPLES = 1801;

    private final String text;
    private final Node root;

    private PsiExpression(String text, Node root) {
        this.text = text;
        this.root = root;
    }

    /** Parses {@code text}; a mistake is an IllegalArgumentException of one line naming where it is. */
    public static PsiExpression parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("ψ is empty; type a formula in theta, e.g. cos(theta + m)");
        }
        Parser p = new Parser(text);
        Node n = p.expr();
        p.skipSpace();
        if (p.pos < text.length()) {
            throw p.error("unexpected '" + text.charAt(p.pos) + "'");
        }
        return new PsiExpression(text.trim(), n);
    }

    public String text() {
        return text;
    }

    /** ψ over any arithmetic: θ is a value of T, s and m constants. */
    public <T> T eval(Arith<T> a, T theta, double s, double m) {
        return root.eval(a, theta, s, m);
    }

    public double value(double theta, double s, double m) {
        return eval(Arith.DOUBLES, theta, s, m);
    }

    /** ∂ψ/∂θ by forward-mode differentiation of the same tree. */
    public double slope(double theta, double s, double m) {
        return eval(Dual.OPS, Dual.variable(theta), s, m).d();
    }

    /** Boxes the finiteness proof may split [0, π] into before it gives up on an expression. */
    static final int MAX_BOXES = 200_000;
    /** A box this narrow that still cannot be proven finite holds a pole (or a hole) of ψ. */
    static final double POLE_WIDTH = 1e-9;

    /**
     * Why this ψ cannot train at (s, m): a θ in [0, π] where it is not finite; empty when it is finite there.
     * Proven, not sampled: ψ is evaluated in interval arithmetic ({@link Interval}) over [0, π], halving each
     * box it cannot show finite; a box that is still not finite when narrower than {@link #POLE_WIDTH} holds a
     * pole, so a pole between any two sample points is found too.
     */
    public Optional<String> notFinite(double s, double m) {
        java.util.ArrayDeque<double[]> boxes = new java.util.ArrayDeque<>();
        boxes.push(new double[] {0, Math.PI});
        int seen = 0;
        while (!boxes.isEmpty()) {
            double[] b = boxes.pop();
            Interval e = eval(Interval.OPS, Interval.of(b[0], b[1]), s, m);
            if (e.finite()) {
                continue;
            }
            double mid = 0.5 * (b[0] + b[1]);
            for (double theta : new double[] {b[0], mid, b[1]}) {
                double v = value(theta, s, m);
                if (!Double.isFinite(v)) {
                    return Optional.of("ψ = " + text + " is " + (Double.isNaN(v) ? "not a number" : "infinite")
                            + " at θ = " + HeadType.num(theta) + " rad; it must be finite on [0, π]");
                }
            }
            if (b[1] - b[0] < POLE_WIDTH) {
                if (Double.isFinite(e.lo()) && Double.isFinite(e.hi())) {
                    // bounded, and finite at both ends and the middle: a domain edge met only by rounding
                    // (sqrt(1 − cos²θ) at θ = 0), not a pole
                    continue;
                }
                return Optional.of("ψ = " + text + " is not finite near θ = "
                        + new java.math.BigDecimal(mid).round(new java.math.MathContext(6)).stripTrailingZeros()
                        .toPlainString() + " rad (it has a pole there); it must be finite on [0, π]");
            }
            if (++seen > MAX_BOXES) {
                return Optional.of("ψ = " + text + " could not be shown finite near θ = " + HeadType.num(mid)
                        + " rad; simplify it or keep it clearly away from poles on [0, π]");
            }
            // left half on top: the first failure found is the smallest θ
            boxes.push(new double[] {mid, b[1]});
            boxes.push(new double[] {b[0], mid});
        }
        return Optional.empty();
    }

    /** The first θ in [0, π] where ψ rises (a margin should fall with the angle), or empty when it never does. */
    public Optional<String> notDecreasing(double s, double m) {
        double prev = value(0, s, m);
        for (int i = 1; i < CHECK_SAMPLES; i++) {
            double theta = Math.PI * i / (CHECK_SAMPLES - 1);
            double v = value(theta, s, m);
            if (v > prev + 1e-12 * Math.max(1, Math.abs(prev))) {
                return Optional.of("ψ = " + text + " rises near θ = " + HeadType.num(theta)
                        + " rad: the target logit should fall as θ grows, or the margin pulls the wrong way there");
            }
            prev = v;
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return text;
    }

    // ---------------------------------------------------------------------------------------------

    private interface Node {
        <T> T eval(Arith<T> a, T theta, double s, double m);
    }

    private record Num(double v) implements Node {
        public <T> T eval(Arith<T> a, T theta, double s, double m) {
            return a.constant(theta, v);
        }
    }

    private record Var(String name) implements Node {
        public <T> T eval(Arith<T> a, T theta, double s, double m) {
            return switch (name) {
                case "theta" -> theta;
                case "s" -> a.constant(theta, s);
                case "m" -> a.constant(theta, m);
                default -> a.constant(theta, Math.PI);
            };
        }
    }

    private record Neg(Node x) implements Node {
        public <T> T eval(Arith<T> a, T theta, double s, double m) {
            return a.neg(x.eval(a, theta, s, m));
        }
    }

    private record Bin(char op, Node l, Node r) implements Node {
        public <T> T eval(Arith<T> a, T theta, double s, double m) {
            T x = l.eval(a, theta, s, m);
            T y = r.eval(a, theta, s, m);
            return switch (op) {
                case '+' -> a.add(x, y);
                case '-' -> a.sub(x, y);
                case '*' -> a.mul(x, y);
                case '/' -> a.div(x, y);
                default -> a.pow(x, y);
            };
        }
    }

    private record Call(String fn, List<Node> args) implements Node {
        public <T> T eval(Arith<T> a, T theta, double s, double m) {
            T x = args.get(0).eval(a, theta, s, m);
            return switch (fn) {
                case "cos" -> a.cos(x);
                case "sin" -> a.sin(x);
                case "acos" -> a.acos(x);
                case "exp" -> a.exp(x);
                case "log" -> a.log(x);
                case "sqrt" -> a.sqrt(x);
                case "abs" -> a.abs(x);
                case "min" -> a.min(x, args.get(1).eval(a, theta, s, m));
                default -> a.max(x, args.get(1).eval(a, theta, s, m));
            };
        }
    }

    private static final List<String> ONE_ARG = List.of("cos", "sin", "acos", "exp", "log", "sqrt", "abs");
    private static final List<String> TWO_ARGS = List.of("min", "max");
    private static final List<String> VARIABLES = List.of("theta", "s", "m", "pi");

    private static final class Parser {
        private final String src;
        private int pos;

        Parser(String src) {
            this.src = src;
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException("ψ: " + what + " at character " + (pos + 1) + " of '" + src.trim()
                    + "'; use numbers, theta, s, m, pi, + - * / ^, ( ) and cos sin acos exp log sqrt abs min max");
        }

        void skipSpace() {
            while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
                pos++;
            }
        }

        boolean eat(char c) {
            skipSpace();
            if (pos < src.length() && src.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        Node expr() {
            Node n = term();
            while (true) {
                if (eat('+')) {
                    n = new Bin('+', n, term());
                } else if (eat('-')) {
                    n = new Bin('-', n, term());
                } else {
                    return n;
                }
            }
        }

        Node term() {
            Node n = unary();
            while (true) {
                if (eat('*')) {
                    n = new Bin('*', n, unary());
                } else if (eat('/')) {
                    n = new Bin('/', n, unary());
                } else {
                    return n;
                }
            }
        }

        Node unary() {
            if (eat('-')) {
                return new Neg(unary());
            }
            if (eat('+')) {
                return unary();
            }
            return power();
        }

        Node power() {
            Node base = primary();
            if (eat('^')) {
                return new Bin('^', base, unary());
            }
            return base;
        }

        Node primary() {
            skipSpace();
            if (pos >= src.length()) {
                throw error("the formula ends too early");
            }
            char c = src.charAt(pos);
            if (eat('(')) {
                Node n = expr();
                if (!eat(')')) {
                    throw error("missing ')'");
                }
                return n;
            }
            if (Character.isDigit(c) || c == '.') {
                int start = pos;
                while (pos < src.length() && (Character.isDigit(src.charAt(pos)) || src.charAt(pos) == '.')) {
                    pos++;
                }
                if (pos < src.length() && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
                    int save = pos;
                    pos++;
                    if (pos < src.length() && (src.charAt(pos) == '+' || src.charAt(pos) == '-')) {
                        pos++;
                    }
                    if (pos < src.length() && Character.isDigit(src.charAt(pos))) {
                        while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
                            pos++;
                        }
                    } else {
                        pos = save;
                    }
                }
                String num = src.substring(start, pos);
                try {
                    return new Num(Double.parseDouble(num));
                } catch (NumberFormatException e) {
                    pos = start;
                    throw error("'" + num + "' is not a number");
                }
            }
            if (Character.isLetter(c)) {
                int start = pos;
                while (pos < src.length() && Character.isLetterOrDigit(src.charAt(pos))) {
                    pos++;
                }
                String name = src.substring(start, pos).toLowerCase(Locale.ROOT);
                if (name.equals("θ")) {
                    name = "theta";
                }
                if (ONE_ARG.contains(name) || TWO_ARGS.contains(name)) {
                    if (!eat('(')) {
                        throw error(name + " needs its argument in parentheses");
                    }
                    List<Node> args = new ArrayList<>();
                    args.add(expr());
                    while (eat(',')) {
                        args.add(expr());
                    }
                    int want = ONE_ARG.contains(name) ? 1 : 2;
                    if (args.size() != want) {
                        throw error(name + " takes " + want + " argument" + (want == 1 ? "" : "s") + ", got " + args.size());
                    }
                    if (!eat(')')) {
                        throw error("missing ')' after " + name + "'s argument");
                    }
                    return new Call(name, args);
                }
                if (VARIABLES.contains(name)) {
                    return new Var(name);
                }
                pos = start;
                throw error("unknown name '" + name + "'");
            }
            throw error("unexpected '" + c + "'");
        }
    }
}
