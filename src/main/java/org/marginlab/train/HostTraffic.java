package org.marginlab.train;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts, process-wide, the training path's device→host reads and host→device uploads, at the places that
 * do them ({@link StepStats}, {@link DeviceBatches}); {@code marginlab bench} reports them per iteration to
 * show that a steady-state step neither waits for the host nor copies to the device.
 */
public final class HostTraffic {

    private static final AtomicLong READS = new AtomicLong();
    private static final AtomicLong UPLOADS = new AtomicLong();

    private HostTraffic() {
    }

    static void read() {
        READS.incrementAndGet();
    }

    static void upload() {
        UPLOADS.incrementAndGet();
    }

    public static long reads() {
        return READS.get();
    }

    public static long uploads() {
        return UPLOADS.get();
    }
}
