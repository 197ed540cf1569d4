package org.marginlab.ui.viewmodel;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs slow work (loading data, reading a run, rendering an export) away from the FX thread and
 * hands the result back on it. Tests use {@link #synchronous()}, which runs everything on the caller.
 */
public interface BackgroundExecutor {

    <T> void submit(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure);

    /** Daemon worker threads; callbacks run on the FX thread. */
    static BackgroundExecutor fx() {
        return FxBackgroundExecutor.INSTANCE;
    }

    /** Work and callbacks on the calling thread, in order; for tests that drive view-models. */
    static BackgroundExecutor synchronous() {
        return new BackgroundExecutor() {
            @Override
            public <T> void submit(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
                T result;
                try {
                    result = work.call();
                } catch (Throwable t) {
                    onFailure.accept(t);
                    return;
                }
                onSuccess.accept(result);
            }
        };
    }
}
