package org.marginlab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.SplittableRandom;

/**
 * Turns uint8 images into normalised float batches without per-sample objects: a 256-entry lookup
 * table maps pixel bytes to (p/255 − mean)/std, and a batch is filled straight into one float[].
 * Shuffling and augmentation draw from generators seeded by (seed, epoch) and (seed, iteration), so any
 * iteration's batch can be rebuilt exactly, e.g. after a resume.
 */
public final class BatchPipeline {

    /** Padding of the random crop, in pixels (crop back to the original size after padding). */
    public static final int CROP_PADDING = 2;

    private final byte[] pixels;
    private final byte[] labels;
    private final int count;
    private final int rows;
    private final int cols;
    private final float[] lut = new float[256];
    private final float mean;
    private final float std;

    public BatchPipeline(byte[] pixels, byte[] labels, int count, int rows, int cols, float mean, float std) {
        if ((long) count * rows * cols != pixels.length || labels.length != count) {
            throw new IllegalArgumentException("pixels/labels do not match count×rows×cols");
        }
        this.pixels = pixels;
        this.labels = labels;
        this.count = count;
        this.rows = rows;
        this.cols = cols;
        this.mean = mean;
        this.std = std;
        for (int v = 0; v < 256; v++) {
            lut[v] = (v / 255f - mean) / std;
        }
    }

    /** Mean and standard deviation of all pixels scaled to [0, 1], as {mean, std}. */
    public static float[] meanStd(byte[] pixels) {
        long[] hist = new long[256];
        for (byte p : pixels) {
            hist[p & 0xFF]++;
        }
        double n = pixels.length;
        double sum = 0;
        for (int v = 0; v < 256; v++) {
            sum += hist[v] * (v / 255.0);
        }
        double m = sum / n;
        double var = 0;
        for (int v = 0; v < 256; v++) {
            double d = v / 255.0 - m;
            var += hist[v] * d * d;
        }
        return new float[] {(float) m, (float) Math.sqrt(var / n)};
    }

    public int count() {
        return count;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public float mean() {
        return mean;
    }

    public float std() {
        return std;
    }

    public int label(int i) {
        return labels[i];
    }

    /** The epoch's sample order: a Fisher–Yates shuffle seeded by (seed, epoch). */
    public int[] epochOrder(long seed, int epoch) {
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        SplittableRandom rnd = new SplittableRandom(mix(seed, 0x5eed_0000L + epoch));
        for (int i = count - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /**
     * Builds batch {@code indices[from, from+size)} as (images N×1×rows×cols, labels N) on the
     * manager. With {@code augment}, each image is randomly shifted within a {@link #CROP_PADDING}
     * border (a crop of the padded image) and flipped left-right with probability ½.
     */
    public NDList batch(NDManager manager, int[] indices, int from, int size, boolean augment, long augmentSeed) {
        int plane = rows * cols;
        float[] x = new float[size * plane];
        int[] y = new int[size];
        SplittableRandom rnd = augment ? new SplittableRandom(augmentSeed) : null;
        float background = lut[0];
        for (int b = 0; b < size; b++) {
            int idx = indices[from + b];
            y[b] = labels[idx];
            int src = idx * plane;
            int dst = b * plane;
            if (!augment) {
                for (int k = 0; k < plane; k++) {
                    x[dst + k] = lut[pixels[src + k] & 0xFF];
                }
                continue;
            }
            int dy = shift(rnd);
            int dx = shift(rnd);
            boolean flip = rnd.nextBoolean();
            for (int r = 0; r < rows; r++) {
                int sr = r + dy;
                for (int c = 0; c < cols; c++) {
                    int sc = (flip ? cols - 1 - c : c) + dx;
                    x[dst + r * cols + c] = (sr < 0 || sr >= rows || sc < 0 || sc >= cols)
                            ? background
                            : lut[pixels[src + sr * cols + sc] & 0xFF];
                }
            }
        }
        NDArray images = manager.create(x, new Shape(size, 1, rows, cols));
        NDArray lab = manager.create(y, new Shape(size));
        return new NDList(images, lab);
    }

    /**
     * One image's random shift in [−{@link #CROP_PADDING}, {@link #CROP_PADDING}]: an image draws its row
     * shift, its column shift, then {@code nextBoolean()} for the flip, in this order.
     */
    static int shift(SplittableRandom rnd) {
        return rnd.nextInt(2 * CROP_PADDING + 1) - CROP_PADDING;
    }

    /** The pixel value each normalised pixel value comes from: entry v is (v/255 − mean)/std. */
    float[] lookupTable() {
        return lut.clone();
    }

    /** The raw images, row-major, {@code count × rows × cols}; not to be modified. */
    byte[] pixels() {
        return pixels;
    }

    /** Normalised images of {@code indices[from, from+size)} without augmentation. */
    public NDArray images(NDManager manager, int[] indices, int from, int size) {
        NDList both = batch(manager, indices, from, size, false, 0);
        both.get(1).close();
        return both.get(0);
    }

    /** A well-spread 64-bit hash of two numbers (SplitMix64 finaliser), for derived seeds. */
    public static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
