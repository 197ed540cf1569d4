package org.marginlab.train;

import org.marginlab.model.GcChurn;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import org.marginlab.run.RunState;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 2 000 small iterations must leave native memory flat: the live NDArrays in the session's manager
 * stay exactly constant, and the C heap in use (where PyTorch's CPU tensors live), measured after a
 * garbage collection, does not creep. A leak of just one input batch per iteration (8×28×28 floats,
 * 25 kB) would add 27 MB between the two windows compared; one leaked activation would add 440 MB.
 */
@org.junit.jupiter.api.Tag("slow")
class NativeMemoryTest {

    @Test
    void twoThousandIterationsLeaveNativeMemoryFlat() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(NativeHeap.available(), "needs glibc's mallinfo2");
        TrainingSession s = TrainingSession.create(TestData.small(2000, 8), TestData.get(), TestData.SOFTMAX, null);
        long[] arrays = new long[2001];
        long[] heap = new long[2001];
        s.addListener(new TrainingListener() {
            @Override
            public void onProgress(long iteration, long total, int epoch) {
                if (iteration % 100 == 0) {
                    arrays[(int) iteration] = s.liveArrayCount();
                    heap[(int) iteration] = settledNativeBytes();
                }
            }
        });
        s.start();
        s.completion().get(600, TimeUnit.SECONDS);
        assertEquals(RunState.FINISHED, s.state(), s.message());
        for (int i = 600; i <= 2000; i += 100) {
            assertEquals(arrays[500], arrays[i], "live NDArrays at iteration " + i);
        }
        long early = LongStream.rangeClosed(5, 9).map(k -> heap[(int) k * 100]).min().orElseThrow();
        long late = LongStream.rangeClosed(16, 20).map(k -> heap[(int) k * 100]).min().orElseThrow();
        System.out.printf("live arrays %d; C heap in use, low point of iterations 500–900: %.1f MB, of 1600–2000: %.1f MB%n",
                arrays[500], early / 1e6, late / 1e6);
        assertTrue(late - early < 8_000_000L, "native memory grew by " + (late - early) / 1e6 + " MB over ~1 100 iterations");
    }

    /**
     * DJL copies batches through direct byte buffers, which the garbage collector frees through cleaners;
     * collect, and wait until the cleaners have run, so that only memory nobody can free any more is counted.
     */
    static long settledNativeBytes() {
        GcChurn.collect();
        return NativeHeap.inUseBytes();
    }
}
