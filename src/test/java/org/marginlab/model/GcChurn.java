package org.marginlab.model;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;

/**
 * What an ordinary training run may do between a forward pass and {@code backward()}, done on purpose:
 * collect garbage (so the direct buffers behind dropped DJL scalars are freed) and reuse the freed native
 * memory for other small DJL scalars. A gradient that depends on Java-owned memory comes out different.
 */
public final class GcChurn {
    private GcChurn() {
    }

    public static void churn(NDManager manager) {
        for (int round = 0; round < 3; round++) {
            collect();
            // Allocate and drop many small scalars: freed 4- and 8-byte buffers get reused with other values.
            try (NDManager tmp = manager.newSubManager()) {
                for (int i = 0; i < 2000; i++) {
                    NDArray a = tmp.create(1e300 * (i % 2 == 0 ? 1 : -1));
                    NDArray b = tmp.create(Float.NaN);
                    a.close();
                    b.close();
                }
            }
        }
        collect();
    }

    /**
     * A full collection, and the JDK's reference handler through with it: direct buffers are freed by
     * cleaners that thread runs, one pending batch after another, so a weak reference from a second
     * collection coming through means the first batch has been freed.
     */
    public static void collect() {
        for (int pass = 0; pass < 2; pass++) {
            ReferenceQueue<Object> queue = new ReferenceQueue<>();
            WeakReference<Object> sentinel = new WeakReference<>(new Object(), queue);
            System.gc();
            try {
                assertNotNull(queue.remove(60_000), "System.gc() collected nothing (is -XX:+DisableExplicitGC set?)");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sentinel.clear();
        }
    }
}
