package org.marginlab.ui;

import javafx.application.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.marginlab.devtools.ScreenshotMaker;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tests' wait for an FX condition: checked on the FX thread each pulse, its failures reach the test. */
class FxWaitTest {

    @BeforeAll
    static void toolkit() {
        ScreenshotMaker.startToolkit();
    }

    @Test
    void returnsAtTheFirstPulseTheConditionHoldsHavingCheckedOnTheFxThread() throws Exception {
        AtomicInteger checks = new AtomicInteger();
        AtomicInteger offFx = new AtomicInteger();
        FxWait.until("the third check", Duration.ofSeconds(60), () -> {
            if (!Platform.isFxApplicationThread()) {
                offFx.incrementAndGet();
            }
            return checks.incrementAndGet() == 3;
        });
        assertEquals(0, offFx.get());
        // the timer stopped at the third check: a later pulse does not check again
        ScreenshotMaker.onFx(() -> null);
        FxWait.until("one more pulse", Duration.ofSeconds(60), () -> true);
        assertEquals(3, checks.get());
    }

    @Test
    void aConditionThatThrowsFailsTheWaitWithItsException() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> FxWait.until("a broken condition",
                Duration.ofSeconds(60), () -> {
                    throw new IllegalStateException("no such tab");
                }));
        assertEquals("no such tab", e.getMessage());
    }

    @Test
    void aConditionThatNeverHoldsFailsNamingWhatItWaitedFor() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> FxWait.until("the curve", Duration.ofMillis(300), () -> false));
        assertTrue(e.getMessage().startsWith("timed out waiting for the curve"), e.getMessage());
    }
}
