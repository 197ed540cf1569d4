package org.marginlab.train;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The one thread that runs every session's iterations in this process. DJL's PyTorch engine allows a
 * single gradient collector at a time, and taking turns per iteration on one thread also gives
 * side-by-side sessions the same pace.
 */
public final class TrainingThread {

    private static final ExecutorService EXECUTOR = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "marginlab-training");
        t.setDaemon(true);
        return t;
    });
    private static volatile Thread thread;

    private TrainingThread() {
    }

    static void submit(Runnable task) {
        EXECUTOR.execute(() -> {
            thread = Thread.currentThread();
            task.run();
        });
    }

    /** True when called from the training thread. */
    public static boolean isCurrent() {
        return Thread.currentThread() == thread;
    }
}
