package org.marginlab.ui;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Waits on a test thread, without sleeping, until a condition read on the FX thread holds: an
 * {@link AnimationTimer} checks it at every pulse and completes a future the test thread waits on. The
 * timer is stopped however the wait ends, so no test leaves a frame-clock timer running.
 */
public final class FxWait {

    private FxWait() {
    }

    /**
     * Returns once {@code fx} (called on the FX thread, once a pulse) is true; an exception it throws fails
     * the wait with that exception, and after {@code timeout} it fails with "timed out waiting for {@code what}".
     */
    public static void until(String what, Duration timeout, BooleanSupplier fx) throws InterruptedException {
        if (Platform.isFxApplicationThread()) {
            throw new IllegalStateException("FxWait.until blocks: call it off the FX thread");
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        AnimationTimer check = new AnimationTimer() {
            @Override
            public void handle(long now) {
                try {
                    if (fx.getAsBoolean()) {
                        stop();
                        done.complete(null);
                    }
                } catch (Throwable t) {
                    stop();
                    done.completeExceptionally(t);
                }
            }
        };
        Platform.runLater(check::start);
        try {
            done.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("timed out waiting for " + what + " (" + timeout.toMillis() / 1000.0 + " s)");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } finally {
            Platform.runLater(check::stop);
        }
    }
}
