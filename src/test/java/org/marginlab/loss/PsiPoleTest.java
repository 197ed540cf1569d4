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
