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

    static void set(int threads) {
        if (threads < 1 || threads > 1024) {
            throw new UserException("--threads must be an integer in [1, 1024] (got " + threads + ")");
        }
        System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }
}
