package org.marginlab.cli;

import org.marginlab.UserException;
import picocli.CommandLine.Option;

/**
 * {@code --threads N}: PyTorch's CPU threads for this process. It must be set before DJL's engine
 * starts; on a machine whose cores are busy elsewhere one thread beats several spinning ones.
 */
final class ThreadsOption {

    @Option(names = "--threads", paramLabel = "N", description = "PyTorch CPU threads (default: PyTorch's choice)")
    Integer threads;

    /** Applies the flag when given. */
    void apply() {
        if (threads != null) {
            set(threads);
        }
    }

    /**
     * For a run nobody chose threads for (the headless first run): the flag when given, else as many threads as
     * the machine has idle cores ({@link #forLoad}); says which on {@code err}.
     */
    void applyOrFitLoad(java.io.PrintWriter err) {
        if (threads != null) {
            set(threads);
            return;
        }
        int cores = Runtime.getRuntime().availableProcessors();
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        int n = forLoad(cores, load);
        set(n);
        err.printf(java.util.Locale.ROOT, "marginlab: %d PyTorch thread%s (%d cores, load average %s; --threads N to choose)%n",
                n, n == 1 ? "" : "s", cores, load < 0 ? "unknown" : String.format(java.util.Locale.ROOT, "%.1f", load));
        err.flush();
    }

    /**
     * The cores other work leaves idle, {@code cores − load} rounded down, at least 1 and at most {@code cores};
     * all cores when the load is unknown (negative). PyTorch's threads work in lock step, so one of them
     * waiting for a busy core stalls the rest: on a loaded machine fewer threads train faster.
     */
    static int forLoad(int cores, double load) {
        if (load < 0 || Double.isNaN(load)) {
            return Math.max(1, cores);
        }
        return (int) Math.max(1, Math.min(cores, Math.floor(cores - load)));
    }

    static void set(int threads) {
        if (threads < 1 || threads > 1024) {
            throw new UserException("--threads must be an integer in [1, 1024] (got " + threads + ")");
        }
        System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }
}
