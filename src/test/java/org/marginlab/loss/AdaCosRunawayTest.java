package org.marginlab.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.marginlab.UserException;

/** AdaCos's dynamic scale where the paper's rule has no fixed point: one line with the way out, no overflow. */
class AdaCosRunawayTest {

    private final AdaCosHead head = new AdaCosHead();

    @Test
    void aScaleThatRunsAwayIsOneLineWithTheWayOut() {
        // Two other classes at cos 0.99 from s_prev = 900: B_avg = 2·e^891 overflows a double, so s = ∞.
        UserException e = assertThrows(UserException.class,
                () -> head.nextScale(900, new double[][] {{0.99, 0.99, 0.99}}, new int[] {0}));
        assertEquals("AdaCos's dynamic scale ran away: after s = 900.0 this batch gives s = ∞, outside (0, 1000]"
                + " (the other classes' cosines stay near 1, as in a 2-D embedding); train with --dim 3 or more,"
                + " or without --dynamic", e.getMessage());
        assertFalse(e.getMessage().contains("Exception"));
    }

    @Test
    void aFiniteScaleAboveTheRangeIsRefusedToo() {
        // s_prev = 709, both other cosines 1: B_avg = 2·e^709 (just below a double's limit), ln B_avg = 709 + ln 2;
        // θ_y = acos 0.5 = π/3 ≥ π/4, so s = (709 + ln 2)/cos(π/4) ≈ 1003.7, finite but above 1000.
        double expected = (709 + Math.log(2)) / Math.cos(Math.PI / 4);
        assertTrue(expected > 1000 && Double.isFinite(expected));
        UserException e = assertThrows(UserException.class,
                () -> head.nextScale(709, new double[][] {{0.5, 1, 1}}, new int[] {0}));
        assertTrue(e.getMessage().contains(String.format(java.util.Locale.ROOT, "gives s = %.4g,", expected)), e.getMessage());
    }

    @Test
    void aScaleInRangeIsReturnedAsComputed() {
        // s_prev = 10, one sample, other cosines 0 and 0: B_avg = 2, θ_y = acos 0.8 < π/4: s = ln 2 / 0.8.
        assertEquals(Math.log(2) / 0.8, head.nextScale(10, new double[][] {{0.8, 0, 0}}, new int[] {0}), 1e-15);
    }
}
