package org.marginlab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.marginlab.data.DataFiles;

/**
 * The angular-loss paper's CIFAR augmentation on 32×32 RGB: a 32×32 crop of the image zero-padded by 4 on each
 * side (so the shift is in [−4, 4]) and a left-right flip, the same for the three channels, then a per-channel
 * z-score; checked on hand-worked cases (the device's batches against the host's: {@link DeviceBatchesTest}).
 */
class CropFlipTest {

    /** One 3×32×32 image with {@link DataFiles#value}; mean 0 and std 1/255 per channel make a pixel's output its byte value. */
    private static BatchPipeline identityScaled() {
        byte[] px = new byte[3 * 32 * 32];
        for (int ch = 0; ch < 3; ch++) {
            for (int r = 0; r < 32; r++) {
                for (int c = 0; c < 32; c++) {
                    px[(ch * 32 + r) * 32 + c] = (byte) DataFiles.value(0, ch, r, c);
                }
            }
        }
        float s = 1 / 255f;
        return new BatchPipeline(px, new byte[] {3}, 1, 3, 32, 32, new float[] {0, 0, 0}, new float[] {s, s, s});
    }

    /** A seed whose draws (row shift, column shift, flip), in that order, are these. */
    private static long seedFor(int dy, int dx, boolean flip) {
        for (long seed = 0; ; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            if (r.nextInt(9) - 4 == dy && r.nextInt(9) - 4 == dx && r.nextBoolean() == flip) {
                return seed;
            }
        }
    }

    private static float at(float[] x, int ch, int r, int c) {
        return x[(ch * 32 + r) * 32 + c];
    }

    @Test
    void paddingIsFourAt32AndTwoBelow() {
        assertEquals(4, identityScaled().cropPadding());
        assertEquals(2, new BatchPipeline(new byte[28 * 28], new byte[1], 1, 28, 28, 0, 1).cropPadding());
    }

    @Test
    void handWorkedCropsAndFlips() {
        BatchPipeline p = identityScaled();
        try (NDManager m = NDManager.newBaseManager()) {
            // no shift, no flip: the image itself, 3×32×32
            NDList b = p.batch(m, new int[] {0}, 0, 1, true, seedFor(0, 0, false));
            assertEquals(new ai.djl.ndarray.types.Shape(1, 3, 32, 32), b.get(0).getShape());
            float[] x = b.get(0).toFloatArray();
            assertEquals(DataFiles.value(0, 2, 5, 9), at(x, 2, 5, 9), 1e-3);
            // crop at the padded image's top-left corner (shift −4, −4): rows 0–3 and columns 0–3 are padding
            // (a 0 pixel), output (4, 4) is input (0, 0), output (31, 31) is input (27, 27)
            x = p.batch(m, new int[] {0}, 0, 1, true, seedFor(-4, -4, false)).get(0).toFloatArray();
            for (int ch = 0; ch < 3; ch++) {
                assertEquals(0, at(x, ch, 3, 20), 1e-6);
                assertEquals(0, at(x, ch, 20, 3), 1e-6);
                assertEquals(DataFiles.value(0, ch, 0, 0), at(x, ch, 4, 4), 1e-3);
                assertEquals(DataFiles.value(0, ch, 27, 27), at(x, ch, 31, 31), 1e-3);
            }
            // bottom-right corner (+4, +4), flipped: output column c reads the mirrored column 31 − c, shifted by 4,
            // so output (0, 0) is input (4, 35) = padding, output (0, 4) is input (4, 31), output (27, 31) is input (31, 4),
            // rows 28–31 are padding
            x = p.batch(m, new int[] {0}, 0, 1, true, seedFor(4, 4, true)).get(0).toFloatArray();
            for (int ch = 0; ch < 3; ch++) {
                assertEquals(0, at(x, ch, 0, 0), 1e-6);
                assertEquals(0, at(x, ch, 0, 3), 1e-6);
                assertEquals(DataFiles.value(0, ch, 4, 31), at(x, ch, 0, 4), 1e-3);
                assertEquals(DataFiles.value(0, ch, 31, 4), at(x, ch, 27, 31), 1e-3);
                assertEquals(0, at(x, ch, 28, 10), 1e-6);
            }
            // flip alone: output (r, c) is input (r, 31 − c)
            x = p.batch(m, new int[] {0}, 0, 1, true, seedFor(0, 0, true)).get(0).toFloatArray();
            assertEquals(DataFiles.value(0, 1, 7, 31), at(x, 1, 7, 0), 1e-3);
            assertEquals(DataFiles.value(0, 1, 7, 0), at(x, 1, 7, 31), 1e-3);
        }
    }

    @Test
    void perChannelZScoreByHand() {
        // two 3×1×2 images: channel 0 takes 0 and 255 (mean ½, std ½), channel 1 is 51 everywhere (mean 0.2,
        // nothing to scale: std 1), channel 2 takes 0, 0, 0, 255 (mean ¼, std √(3)/4)
        byte[] px = {0, (byte) 255, 51, 51, 0, 0, /* image 2 */ 0, (byte) 255, 51, 51, 0, (byte) 255};
        float[][] ms = BatchPipeline.meanStd(px, 3, 2);
        assertArrayEquals(new float[] {0.5f, 0.2f, 0.25f}, ms[0], 1e-6f);
        assertArrayEquals(new float[] {0.5f, 1f, (float) (Math.sqrt(3) / 4)}, ms[1], 1e-6f);
        BatchPipeline p = new BatchPipeline(px, new byte[] {0, 1}, 2, 3, 1, 2, ms[0], ms[1]);
        try (NDManager m = NDManager.newBaseManager()) {
            float[] x = p.images(m, new int[] {1}, 0, 1).toFloatArray();
            assertArrayEquals(new float[] {-1, 1, 0, 0, -1 / (float) Math.sqrt(3), (float) Math.sqrt(3)}, x, 1e-5f);
        }
    }
}
