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
        byte[] px = randomBytes(new Random(3), count * 5 * 4);
        byte[] lab = randomLabels(new Random(3), count, 10);
        float[] ms = BatchPipeline.meanStd(px);
        assertDeviceEqualsHost(new BatchPipeline(px, lab, count, 5, 4, ms[0], ms[1]), count, 11, 4, 3);
    }

    /** The CIFAR form: 3×32×32, the crop and flip the same for the three channels, a z-score per channel. */
    @Test
    void deviceBatchesEqualHostBatchesInColour() {
        int count = 9;
        byte[] px = randomBytes(new Random(5), count * 3 * 32 * 32);
        byte[] lab = randomLabels(new Random(6), count, 100);
        float[][] ms = BatchPipeline.meanStd(px, 3, 32 * 32);
        assertDeviceEqualsHost(new BatchPipeline(px, lab, count, 3, 32, 32, ms[0], ms[1]), count, 3, 4, 2);
    }

    private static byte[] randomBytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    private static byte[] randomLabels(Random r, int n, int classes) {
        byte[] lab = new byte[n];
        for (int i = 0; i < n; i++) {
            lab[i] = (byte) r.nextInt(classes);
        }
        return lab;
    }

    /** {@code epochs} epochs of batches from {@link DeviceBatches}, plain and augmented, against the host's. */
    private static void assertDeviceEqualsHost(BatchPipeline host, int count, long seed, int batch, int epochs) {
        long perEpoch = count / batch;
        try (NDManager m = NDManager.newBaseManager()) {
            for (boolean augment : new boolean[] {false, true}) {
                DeviceBatches device = new DeviceBatches(host, m, seed, batch, augment);
                for (long it = 0; it < epochs * perEpoch; it++) {
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
