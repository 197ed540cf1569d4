package org.marginlab.train;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The one thread that runs every session's iterations in this process. DJL's PyTorch engine allows a
 * single gradient collector at a time, and taking turns per iteration on one thread also gives
 * side-by-side sessions the same pace.
 */
public final class TrainingThread {

    private static final ExecutorService EXECUTOR = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(() -> {
            disableGradMode();
            r.run();
        }, "marginlab-training");
        t.setDaemon(true);
        return t;
    });

    private TrainingThread() {
    }

    static void submit(Runnable task) {
        EXECUTOR.execute(task);
    }

    /**
     * Runs {@code task} on the training thread and waits for its result (at once when called there): for
     * what must run where the engine starts, such as asking which GPUs it sees.
     */
    static <T> T call(java.util.concurrent.Callable<T> task) throws java.util.concurrent.ExecutionException {
        if (Thread.currentThread().getName().equals("marginlab-training")) {
            try {
                return task.call();
            } catch (Exception e) {
                throw new java.util.concurrent.ExecutionException(e);
            }
        }
        try {
            return EXECUTOR.submit(task).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.ExecutionException(e);
        }
    }

    /**
     * PyTorch's intra-op threads for the runs that follow (on a machine whose cores are busy elsewhere one
     * thread beats several spinning ones); set on the training thread, where the operations run.
     */
    public static void setThreads(int threads) {
        if (threads < 1 || threads > 1024) {
            throw new org.marginlab.UserException("threads must be an integer in [1, 1024] (got " + threads + ")");
        }
        submit(() -> {
            if ("PyTorch".equals(Engine.getInstance().getEngineName())) {
                JniUtils.setNumThreads(threads);
            }
        });
    }

    /**
     * Starts the thread, and with it the engine, ahead of the first run (loading PyTorch takes seconds), and
     * warms its kernels ({@link ProbeEvaluator#warmKernels}); done when the future is.
     */
    public static java.util.concurrent.Future<?> warmUp() {
        return EXECUTOR.submit(ProbeEvaluator::warmKernels);
    }

    /**
     * PyTorch's grad mode is per thread and on by default; DJL switches it off only on the thread that
     * starts the engine, and a gradient collector restores the mode it found. Left on, the optimizer's
     * in-place update of a leaf parameter fails, so the training thread switches it off itself.
     */
    private static void disableGradMode() {
        if ("PyTorch".equals(Engine.getInstance().getEngineName())) {
            JniUtils.setGradMode(false);
        }
    }
}
