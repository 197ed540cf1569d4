package org.marginlab.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PsiExpressionTest {

    @Test
    void precedenceAndAssociativityAsWritten() {
        assertEquals(7, PsiExpression.parse("1 + 2 * 3").value(0, 0, 0), 0);
        assertEquals(-4, PsiExpression.parse("-2^2").value(0, 0, 0), 0);          // ^ binds tighter than unary minus
        assertEquals(512, PsiExpression.parse("2^3^2").value(0, 0, 0), 0);        // right-associative
        assertEquals(1.5, PsiExpression.parse("6 / 2 / 2").value(0, 0, 0), 0);    // left-associative
        assertEquals(0.25, PsiExpression.parse("(1 - 0.5) * 5e-1").value(0, 0, 0), 0);
        assertEquals(Math.PI / 2 + 3 + 0.2, PsiExpression.parse("theta + s + m").value(Math.PI / 2, 3, 0.2), 1e-15);
        assertEquals(2, PsiExpression.parse("max(min(3, 2), 1)").value(0, 0, 0), 0);
        assertEquals(Math.cos(1.2 + 0.5) - 0.1, PsiExpression.parse("cos(theta + m) - 0.1").value(1.2, 30, 0.5), 1e-15);
        assertEquals(Math.PI, PsiExpression.parse("acos(-1)").value(0, 0, 0), 1e-15);
        assertEquals(1, PsiExpression.parse("exp(log(sqrt(abs(-1))))").value(0, 0, 0), 1e-15);
        assertEquals(Math.PI, PsiExpression.parse("pi").value(0, 0, 0), 0);
    }

    @Test
    void slopeIsTheDerivativeOfTheSameTree() {
        PsiExpression p = PsiExpression.parse("cos(2*theta + m)^2 / (1 + theta) - sqrt(theta + 1)");
        for (double t : new double[] {0.1, 0.7, 2.0, 3.0}) {
            double h = 1e-6;
            double fd = (p.value(t + h, 1, 0.3) - p.value(t - h, 1, 0.3)) / (2 * h);
            assertEquals(fd, p.slope(t, 1, 0.3), 1e-8, "θ = " + t);
        }
        // by hand: d/dθ cos(θ + m) = −sin(θ + m)
        assertEquals(-Math.sin(1.1), PsiExpression.parse("cos(theta + m)").slope(0.8, 1, 0.3), 1e-15);
    }

    @Test
    void mistakesAreOneLineNamingWhere() {
        assertMistake("cos(theta + )", "character 13");
        assertMistake("cos(x)", "unknown name 'x'");
        assertMistake("cos theta", "cos needs its argument in parentheses");
        assertMistake("max(theta)", "max takes 2 arguments, got 1");
        assertMistake("(theta", "missing ')'");
        assertMistake("theta $ 2", "unexpected '$'");
        assertMistake("  ", "ψ is empty");
    }

    static void assertMistake(String text, String part) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PsiExpression.parse(text));
        assertTrue(e.getMessage().contains(part), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void notFiniteOnZeroToPiIsRefusedAndRisingIsWarned() {
        // log(θ) is −∞ at θ = 0; 1/(θ − 1) blows up inside; acos(θ) is NaN past 1
        assertTrue(PsiExpression.parse("log(theta)").notFinite(1, 0).orElseThrow().contains("θ = 0 rad"));
        assertTrue(PsiExpression.parse("acos(theta)").notFinite(1, 0).isPresent());
        assertTrue(PsiExpression.parse("cos(theta + m)").notFinite(16, 0.2).isEmpty());
        assertTrue(PsiExpression.parse("cos(theta) - m").notDecreasing(16, 0.2).isEmpty());
        // cos(θ + m) turns back up past π − m
        assertTrue(PsiExpression.parse("cos(theta + m)").notDecreasing(16, 0.5).isPresent());
        // and the custom head refuses, as a problem of its ψ, what is not finite
        HeadParams bad = HeadParams.defaults(HeadKind.CUSTOM).withPsi("sqrt(1 - theta)");
        assertEquals("psi", bad.problem(HeadKind.CUSTOM).orElseThrow().param());
        assertTrue(HeadKind.CUSTOM.type().warning(HeadParams.defaults(HeadKind.CUSTOM).withPsi("theta")).isPresent());
    }
}
