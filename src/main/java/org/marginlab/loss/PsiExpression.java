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

    /** Whether ψ reads this variable ("theta", "s", "m"). */
    public boolean uses(String variable) {
        return root.uses(variable);
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
        return notFinite(s, s, m, m);
    }

    /**
     * Why this ψ cannot train somewhere in θ ∈ [0, π] × s ∈ [sLo, sHi] × m ∈ [mLo, mHi] (the values a warm-up
     * passes through), or empty when it is finite on the whole box. The same proof as {@link #notFinite(double,
     * double)} with s and m as intervals too: a box not shown finite is halved along the variable that alone
     * makes it least finite, so a pole in m (1/(m − 0.1)) is narrowed in m, a domain edge in θ in θ; equal
     * ends give exactly the one-point check.
     */
    public Optional<String> notFinite(double sLo, double sHi, double mLo, double mHi) {
        // a variable ψ does not use has no range to search (nor to name in the message)
        if (!root.uses("s")) {
            sLo = sHi;
        }
        if (!root.uses("m")) {
            mLo = mHi;
        }
        boolean sRanged = sLo != sHi;
        boolean mRanged = mLo != mHi;
        java.util.ArrayDeque<double[]> boxes = new java.util.ArrayDeque<>();
        boxes.push(new double[] {0, Math.PI, sLo, sHi, mLo, mHi});
        int seen = 0;
        while (!boxes.isEmpty()) {
            double[] b = boxes.pop();
            Interval e = box(b[0], b[1], b[2], b[3], b[4], b[5]);
            if (e.finite()) {
                continue;
            }
            double[] mid = {0.5 * (b[0] + b[1]), 0.5 * (b[2] + b[3]), 0.5 * (b[4] + b[5])};
            // the ends and middle of each variable, smallest θ first
            for (double theta : new double[] {b[0], mid[0], b[1]}) {
                for (double sv : distinct(b[2], mid[1], b[3])) {
                    for (double mv : distinct(b[4], mid[2], b[5])) {
                        double v = value(theta, sv, mv);
                        if (!Double.isFinite(v)) {
                            return Optional.of("ψ = " + text + " is " + (Double.isNaN(v) ? "not a number" : "infinite")
                                    + " at θ = " + HeadType.num(theta) + " rad" + at(sRanged, mRanged, HeadType.num(sv), HeadType.num(mv))
                                    + "; it must be finite on [0, π]");
                        }
                    }
                }
            }
            // split the variable that alone, the others at their middle, leaves ψ least finite (widest)
            int split = -1;
            double worst = -1;
            boolean splitNarrow = true;
            // at a domain edge met by rounding (cos θ = 1 at θ ≈ 0) even the middle point is not proven finite,
            // so every variable alone looks infinite: there the tie goes to the first, not the one still wide
            boolean middleFinite = box(mid[0], mid[0], mid[1], mid[1], mid[2], mid[2]).finite();
            for (int d = 0; d < 3; d++) {
                double w = b[2 * d + 1] - b[2 * d];
                if (w <= 0) {
                    continue;
                }
                double[] one = {mid[0], mid[0], mid[1], mid[1], mid[2], mid[2]};
                one[2 * d] = b[2 * d];
                one[2 * d + 1] = b[2 * d + 1];
                Interval alone = box(one[0], one[1], one[2], one[3], one[4], one[5]);
                double score = alone.finite() ? alone.hi() - alone.lo() : Double.POSITIVE_INFINITY;
                boolean narrow = w < POLE_WIDTH;
                // on a tie a variable that can still be split wins
                if (score > worst || (score == worst && middleFinite && splitNarrow && !narrow)) {
                    split = d;
                    worst = score;
                    splitNarrow = narrow;
                }
            }
            if (split < 0 || splitNarrow) {
                if (Double.isFinite(e.lo()) && Double.isFinite(e.hi())) {
                    // bounded, and finite at both ends and the middle: a domain edge met only by rounding
                    // (sqrt(1 − cos²θ) at θ = 0), not a pole
                    continue;
                }
                return Optional.of("ψ = " + text + " is not finite near θ = " + near(mid[0]) + " rad"
                        + at(sRanged, mRanged, near(mid[1]), near(mid[2])) + " (it has a pole there); it must be finite on [0, π]");
            }
            if (++seen > MAX_BOXES) {
                return Optional.of("ψ = " + text + " could not be shown finite near θ = " + HeadType.num(mid[0])
                        + " rad" + at(sRanged, mRanged, HeadType.num(mid[1]), HeadType.num(mid[2])) + "; simplify it or keep it clearly away from poles on [0, π]");
            }
            // lower half on top: the first failure found is the smallest θ (or s, m)
            double[] lo = b.clone();
            double[] hi = b.clone();
            lo[2 * split + 1] = mid[split];
            hi[2 * split] = mid[split];
            boxes.push(hi);
            boxes.push(lo);
        }
        return Optional.empty();
    }

    private Interval box(double t0, double t1, double s0, double s1, double m0, double m1) {
        return root.box(Interval.of(t0, t1), Interval.of(s0, s1), Interval.of(m0, m1));
    }

    private static double[] distinct(double lo, double mid, double hi) {
        return lo == hi ? new double[] {lo} : new double[] {lo, mid, hi};
    }

    /** ", s = …, m = …" for the variables searched over a range (none: today's one-point message). */
    private static String at(boolean sRanged, boolean mRanged, String s, String m) {
        return (sRanged ? ", s = " + s : "") + (mRanged ? ", m = " + m : "");
    }

    private static String near(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
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

        /** This node in interval arithmetic with s and m intervals too (the warm-up's range). */
        Interval box(Interval theta, Interval s, Interval m);

        /** Whether the variable occurs in this node. */
        default boolean uses(String variable) {
            return switch (this) {
                case Var v -> v.name().equals(variable);
                case Neg n -> n.x().uses(variable);
                case Bin b -> b.l().uses(variable) || b.r().uses(variable);
                case Call c -> c.args().stream().anyMatch(a -> a.uses(variable));
                default -> false;
            };
        }
    }

    private record Num(double v) implements Node {
        public <T> T eval(Arith<T> a, T theta, double s, double m) {
            return a.constant(theta, v);
        }

        public Interval box(Interval theta, Interval s, Interval m) {
            return Interval.OPS.constant(theta, v);
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

        public Interval box(Interval theta, Interval s, Interval m) {
            return switch (name) {
                case "theta" -> theta;
                case "s" -> s;
                case "m" -> m;
                default -> Interval.OPS.constant(theta, Math.PI);
            };
        }
    }

    private record Neg(Node x) implements Node {
        public <T> T eval(Arith<T> a, T theta, double s, double m) {
            return a.neg(x.eval(a, theta, s, m));
        }

        public Interval box(Interval theta, Interval s, Interval m) {
            return Interval.OPS.neg(x.box(theta, s, m));
        }
    }

    private record Bin(char op, Node l, Node r) implements Node {
        public <T> T eval(Arith<T> a, T theta, double s, double m) {
            return apply(a, l.eval(a, theta, s, m), r.eval(a, theta, s, m));
        }

        public Interval box(Interval theta, Interval s, Interval m) {
            return apply(Interval.OPS, l.box(theta, s, m), r.box(theta, s, m));
        }

        private <T> T apply(Arith<T> a, T x, T y) {
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
            return apply(a, args.get(0).eval(a, theta, s, m),
                    args.size() > 1 ? () -> args.get(1).eval(a, theta, s, m) : null);
        }

        public Interval box(Interval theta, Interval s, Interval m) {
            return apply(Interval.OPS, args.get(0).box(theta, s, m),
                    args.size() > 1 ? () -> args.get(1).box(theta, s, m) : null);
        }

        private <T> T apply(Arith<T> a, T x, java.util.function.Supplier<T> second) {
            return switch (fn) {
                case "cos" -> a.cos(x);
                case "sin" -> a.sin(x);
                case "acos" -> a.acos(x);
                case "exp" -> a.exp(x);
                case "log" -> a.log(x);
                case "sqrt" -> a.sqrt(x);
                case "abs" -> a.abs(x);
                case "min" -> a.min(x, second.get());
                default -> a.max(x, second.get());
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
