package org.marginlab.train;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Batches gathered on the device equal the host pipeline's bit for bit, across epochs, with and without augmentation. */
class DeviceBatchesTest {

    @Test
    void deviceBatchesEqualHostBatches() {
        // 23 random 5×4 images (not square, so rows and columns cannot be confused), batches of 4: 5 per epoch
        int count = 23;
        int rows = 5;
        int cols = 4;
        Random r = new Random(3);
        byte[] px = new byte[count * rows * cols];
        r.nextBytes(px);
        byte[] lab = new byte[count];
        for (int i = 0; i < count; i++) {
            lab[i] = (byte) r.nextInt(10);
        }
        float[] ms = BatchPipeline.meanStd(px);
        BatchPipeline host = new BatchPipeline(px, lab, count, rows, cols, ms[0], ms[1]);
        long seed = 11;
        int batch = 4;
        long perEpoch = count / batch;
        try (NDManager m = NDManager.newBaseManager()) {
            for (boolean augment : new boolean[] {false, true}) {
                DeviceBatches device = new DeviceBatches(host, m, seed, batch, augment);
                for (long it = 0; it < 3 * perEpoch; it++) {
                    int epoch = (int) (it / perEpoch);
                    int pos = (int) (it % perEpoch);
                    try (NDScope scope = new NDScope()) {
                        NDList want = host.batch(m, host.epochOrder(seed, epoch), pos * batch, batch, augment,
                                BatchPipeline.mix(seed, it));
                        NDList got = device.batch(epoch, pos, perEpoch);
                        String what = (augment ? "augmented" : "plain") + " iteration " + it;
                        assertEquals(want.get(0).getShape(), got.get(0).getShape(), what);
                        assertArrayEquals(want.get(0).toFloatArray(), got.get(0).toFloatArray(), 0f, what);
                        assertArrayEquals(want.get(1).toIntArray(), got.get(1).toIntArray(), what);
                        scope.suppressNotUsedWarning();
                    }
                }
            }
        }
    }
}
