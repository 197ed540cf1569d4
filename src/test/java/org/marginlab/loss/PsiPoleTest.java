package org.marginlab.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The custom ψ's finiteness check is a proof over [0, π], so a pole between sample points is refused. */
class PsiPoleTest {

    private static Optional<String> why(String psi) {
        return PsiExpression.parse(psi).notFinite(16, 0.2);
    }

    @Test
    void polesBetweenAnySamplePointsAreRefusedWithWhere() {
        // 1/(θ − a) has its pole at θ = a; 1.0001, e and π/2 (tan θ) lie between the 1801-point grid's θ = kπ/1800
        String[][] cases = {{"1/(theta-1.0001)", "1.0001"}, {"1/(theta - 2.718281828459045)", "2.71828"},
            {"sin(theta)/cos(theta)", "1.5708"}, {"cos(theta) + 0.001/(theta - 0.5 - m)", "0.7"}};
        for (String[] c : cases) {
            String msg = why(c[0]).orElseThrow(() -> new AssertionError(c[0] + " accepted"));
            assertTrue(msg.startsWith("ψ = " + c[0] + " is "), msg);
            assertTrue(msg.contains("θ = " + c[1]), msg);
            assertEquals(1, msg.lines().count());
        }
        assertTrue(why("1/(theta-1)").orElseThrow().contains("θ = 1"));
        // log(θ − 1) is not a number below θ = 1: refused at the first θ checked
        assertTrue(why("log(theta-1)").orElseThrow().contains("not a number at θ = 0 rad"));
        assertTrue(why("sqrt(theta - 1e-12)").isPresent());
        assertTrue(why("(theta - 2)^(-2)").orElseThrow().contains("θ = 2"));
    }

    @Test
    void finiteFormulasPassIncludingOnesThatTouchADomainEdge() {
        for (String ok : new String[] {"cos(theta + m)", "cos(theta) - m", "cos(theta)^2 - m", "1/(theta + 1)",
            "1/(theta - 3.2)", "exp(-theta)", "acos(cos(theta))", "sqrt(1 - cos(theta)^2)", "log(theta + 0.001)",
            "max(cos(theta), -1) / (2 + sin(theta))", "theta^0.5", "abs(theta - 1)^1.5"}) {
            assertEquals(Optional.empty(), why(ok), ok);
        }
    }

    /** The check a run of the custom head gets: m warms up from 0 and s from 1 unless warm-up is off. */
    private static Optional<String> whileTraining(String psi, double m, boolean warmingUp) {
        HeadParams p = HeadParams.defaults(HeadKind.CUSTOM).withPsi(psi).with("m", m);
        return p.problemWhileTraining(HeadKind.CUSTOM, warmingUp).map(HeadParams.Problem::reason);
    }

    @Test
    void aPsiInfiniteOnTheWayThroughTheMarginWarmUpIsRefusedOnlyWithWarmUp() {
        // cos θ / m: finite at m = 0.3 (|ψ| ≤ 1/0.3), infinite at the warm-up's first m = 0 (cos 0 / 0 = +∞)
        String msg = whileTraining("cos(theta)/m", 0.3, true).orElseThrow(() -> new AssertionError("accepted"));
        assertTrue(msg.startsWith("ψ = cos(theta)/m is infinite at θ = 0 rad, m = 0;"), msg);
        assertTrue(msg.contains("m from 0 to 0.3") && msg.endsWith("set the margin warm-up (--margin-warmup) to 0 or change ψ"), msg);
        assertEquals(1, msg.lines().count());
        assertEquals(Optional.empty(), whileTraining("cos(theta)/m", 0.3, false));

        // cos θ − 1/(m − 0.1): finite at m = 0 and m = 0.3 (both ends), with a pole at m = 0.1 in between
        String pole = whileTraining("cos(theta) - 1/(m - 0.1)", 0.3, true).orElseThrow(() -> new AssertionError("accepted"));
        assertTrue(pole.contains("m = 0.1"), pole);
        assertTrue(pole.contains("m from 0 to 0.3"), pole);
        assertEquals(Optional.empty(), whileTraining("cos(theta) - 1/(m - 0.1)", 0.3, false));
        // the ends of the warm-up are finite, so only a check over the range finds it
        for (double m : new double[] {0, 0.15, 0.3}) {
            assertEquals(Optional.empty(), PsiExpression.parse("cos(theta) - 1/(m - 0.1)").notFinite(16, m), "m = " + m);
        }

        // s warms up from 1: 1/(s − 2) is finite at s = 16 and infinite at s = 2 on the way
        String s = whileTraining("cos(theta) - 1/(s - 2)", 0.2, true).orElseThrow(() -> new AssertionError("accepted"));
        assertTrue(s.contains("s = 2"), s);
        assertEquals(Optional.empty(), whileTraining("cos(theta) - 1/(s - 2)", 0.2, false));

        // a negative m warms up from 0 down to it: cos θ − 1/(m + 0.1) has its pole at m = −0.1
        assertTrue(whileTraining("cos(theta) - 1/(m + 0.1)", -0.3, true).orElseThrow().contains("m = -0.1"));
        // a pole in m beyond the final m is never reached
        assertEquals(Optional.empty(), whileTraining("cos(theta) - 1/(m - 0.5)", 0.3, true));
        // not finite at the final m: today's message, with or without warm-up
        assertEquals(whileTraining("1/(theta - 1.0001)", 0.2, false), whileTraining("1/(theta - 1.0001)", 0.2, true));
    }

    @Test
    void finiteFormulasPassOverTheWholeWarmUp() {
        for (String ok : new String[] {"cos(theta + m)", "cos(theta) - m", "cos(theta)^2 - m", "1/(theta + 1)",
            "1/(theta - 3.2)", "exp(-theta)", "acos(cos(theta))", "sqrt(1 - cos(theta)^2)", "log(theta + 0.001)",
            "max(cos(theta), -1) / (2 + sin(theta))", "theta^0.5", "abs(theta - 1)^1.5",
            "cos(theta + m) - m/s", "cos(m*theta)/(1 + m)", "cos(theta) - 1/(m + 1)"}) {
            assertEquals(Optional.empty(), PsiExpression.parse(ok).notFinite(1, 16, 0, 0.2), ok);
            assertEquals(Optional.empty(), whileTraining(ok, 0.2, true), ok);
        }
    }

    @Test
    void intervalsEncloseTheValues() {
        // cos over [0.5, 4]: the minimum −1 at π lies inside, the maximum cos 0.5 at the left end
        Interval c = Interval.OPS.cos(Interval.of(0.5, 4));
        assertEquals(-1, c.lo(), 1e-15);
        assertEquals(Math.cos(0.5), c.hi(), 1e-15);
        // 1/[−1, 2] may be infinite; 1/[1, 2] = [0.5, 1]
        assertTrue(Interval.OPS.div(Interval.of(1, 1), Interval.of(-1, 2)).undefined());
        Interval q = Interval.OPS.div(Interval.of(1, 1), Interval.of(1, 2));
        assertEquals(0.5, q.lo(), 1e-15);
        assertEquals(1, q.hi(), 1e-15);
        // [−2, 3]^2 = [0, 9]
        Interval sq = Interval.OPS.pow(Interval.of(-2, 3), Interval.of(2, 2));
        assertTrue(sq.lo() <= 0 && sq.lo() > -1e-15 && sq.hi() >= 9 && sq.hi() < 9 + 1e-14);
    }
}
