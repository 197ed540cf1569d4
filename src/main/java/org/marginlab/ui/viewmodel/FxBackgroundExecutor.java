package org.marginlab.ui.viewmodel;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import javafx.application.Platform;

/** Two daemon workers, so an export can run while a run is being opened; results go back via runLater. */
final class FxBackgroundExecutor implements BackgroundExecutor {
    static final FxBackgroundExecutor INSTANCE = new FxBackgroundExecutor();

    private final AtomicInteger count = new AtomicInteger();
    private final ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "marginlab-ui-worker-" + count.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private FxBackgroundExecutor() {
    }

    @Override
    public <T> void submit(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        pool.execute(() -> {
            try {
                T result = work.call();
                Platform.runLater(() -> onSuccess.accept(result));
            } catch (Throwable t) {
                Platform.runLater(() -> onFailure.accept(t));
            }
        });
    }
}
