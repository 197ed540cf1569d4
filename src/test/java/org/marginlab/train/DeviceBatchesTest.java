package org.marginlab.train;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /**
     * The padded buffer's size in long, and the refusal at the one-buffer limit, without allocating: CIFAR's
     * 3×32×32 padded by 4 is 3·40·40 = 4 800 bytes an image; 2^31 − 9 = 2 147 483 639 bytes hold
     * ⌊2 147 483 639 / 4 800⌋ = 447 392 images (2 147 481 600 bytes), while 447 393 take 2 147 486 400, which in
     * int arithmetic wrapped to −2 147 480 896. The raw pixels, 447 393 · 3 072 = 1 374 391 296 bytes, still fit.
     */
    @Test
    void thePaddedSizeIsLongAndTheLimitIsRefusedInOneLine() {
        assertEquals(2_147_481_600L, DeviceBatches.paddedBytes(447_392, 3, 32, 32, 4));
        assertEquals(2_147_486_400L, DeviceBatches.paddedBytes(447_393, 3, 32, 32, 4));
        assertEquals(-2_147_480_896, 447_393 * 3 * 40 * 40, "what the int arithmetic gave");
        assertEquals(2_147_483_639L, DeviceBatches.MAX_PADDED_BYTES);
        // 5×4 images padded by 2: 9·8 = 72 bytes; 10 of them 720
        assertEquals(720, DeviceBatches.paddedBytes(10, 1, 5, 4, 2));

        assertEquals(null, DeviceBatches.tooLarge(447_392, 3, 32, 32, 4));
        String why = DeviceBatches.tooLarge(447_393, 3, 32, 32, 4);
        assertEquals("the training split's 447 393 images at 3×32×32, each plane padded by 4 pixels for the random "
                + "crop, take 2 147 486 400 bytes as one training buffer, more than the 2 147 483 639 one buffer can "
                + "hold (at most 447 392 images of this size); hold classes out (--holdout-classes), choose a smaller "
                + "--image-size or --colour grey, or train on a smaller folder", why);
        // grey 28×28 padded by 2: 32·32 = 1 024 bytes an image, so 2 097 151 images fit and one more does not
        assertEquals(null, DeviceBatches.tooLarge(2_097_151, 1, 28, 28, 2));
        assertTrue(DeviceBatches.tooLarge(2_097_152, 1, 28, 28, 2).contains("at most 2 097 151 images"));
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
