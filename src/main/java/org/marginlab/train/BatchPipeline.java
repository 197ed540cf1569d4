package org.marginlab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.SplittableRandom;

/**
 * Turns uint8 images into normalised float batches without per-sample objects: a 256-entry lookup
 * table per channel maps pixel bytes to (p/255 − mean_c)/std_c (a per-channel z-score with the training set's
 * statistics), and a batch is filled straight into one float[]. Images are channel planes (CHW), 1 or 3 channels.
 * Shuffling and augmentation draw from generators seeded by (seed, epoch) and (seed, iteration), so any
 * iteration's batch can be rebuilt exactly, e.g. after a resume.
 */
public final class BatchPipeline {

    /** Padding of the random crop below 32×32 (Fashion-MNIST's 28×28), in pixels. */
    public static final int CROP_PADDING = 2;
    /** Padding of the random crop at 32×32 and above: the angular-loss paper's CIFAR augmentation (and ResNet's). */
    public static final int PAPER_CROP_PADDING = 4;

    private final byte[] pixels;
    private final byte[] labels;
    private final int count;
    private final int channels;
    private final int rows;
    private final int cols;
    private final float[] lut;
    private final float[] mean;
    private final float[] std;

    /** A grey pipeline. */
    public BatchPipeline(byte[] pixels, byte[] labels, int count, int rows, int cols, float mean, float std) {
        this(pixels, labels, count, 1, rows, cols, new float[] {mean}, new float[] {std});
    }

    /** {@code mean} and {@code std}: one per channel, of pixels scaled to [0, 1]. */
    public BatchPipeline(byte[] pixels, byte[] labels, int count, int channels, int rows, int cols, float[] mean, float[] std) {
        if ((long) count * channels * rows * cols != pixels.length || labels.length != count) {
            throw new IllegalArgumentException("pixels/labels do not match count×channels×rows×cols");
        }
        if (mean.length != channels || std.length != channels) {
            throw new IllegalArgumentException("one mean and one std per channel");
        }
        this.pixels = pixels;
        this.labels = labels;
        this.count = count;
        this.channels = channels;
        this.rows = rows;
        this.cols = cols;
        this.mean = mean.clone();
        this.std = std.clone();
        this.lut = new float[256 * channels];
        for (int c = 0; c < channels; c++) {
            for (int v = 0; v < 256; v++) {
                lut[c * 256 + v] = (v / 255f - mean[c]) / std[c];
            }
        }
    }

    /** Mean and standard deviation of all pixels scaled to [0, 1], as {mean, std}. */
    public static float[] meanStd(byte[] pixels) {
        float[][] ms = meanStd(pixels, 1, pixels.length);
        return new float[] {ms[0][0], ms[1][0]};
    }

    /**
     * Per channel, the mean and standard deviation of pixels scaled to [0, 1] of CHW images with planes of
     * {@code plane} pixels, as {means, stds}. A constant channel gets std 1 (nothing to scale).
     */
    public static float[][] meanStd(byte[] pixels, int channels, int plane) {
        long[][] hist = new long[channels][256];
        int image = channels * plane;
        for (int at = 0; at < pixels.length; at += image) {
            for (int c = 0; c < channels; c++) {
                long[] h = hist[c];
                for (int k = at + c * plane, end = k + plane; k < end; k++) {
                    h[pixels[k] & 0xFF]++;
                }
            }
        }
        float[] means = new float[channels];
        float[] stds = new float[channels];
        for (int c = 0; c < channels; c++) {
            double n = 0;
            double sum = 0;
            for (int v = 0; v < 256; v++) {
                n += hist[c][v];
                sum += hist[c][v] * (v / 255.0);
            }
            double m = sum / n;
            double var = 0;
            for (int v = 0; v < 256; v++) {
                double d = v / 255.0 - m;
                var += hist[c][v] * d * d;
            }
            means[c] = (float) m;
            stds[c] = var > 0 ? (float) Math.sqrt(var / n) : 1f;
        }
        return new float[][] {means, stds};
    }

    public int count() {
        return count;
    }

    public int channels() {
        return channels;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** The first channel's mean (the only one of a grey set). */
    public float mean() {
        return mean[0];
    }

    /** The first channel's standard deviation. */
    public float std() {
        return std[0];
    }

    public float[] means() {
        return mean.clone();
    }

    public float[] stds() {
        return std.clone();
    }

    /** Pixels of the random crop's padding on each side for images this size: 4 at 32×32 and above, else 2. */
    public int cropPadding() {
        return cropPadding(rows, cols);
    }

    static int cropPadding(int rows, int cols) {
        return Math.min(rows, cols) >= 32 ? PAPER_CROP_PADDING : CROP_PADDING;
    }

    public int label(int i) {
        return labels[i] & 0xFF;
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
     * Builds batch {@code indices[from, from+size)} as (images N×C×rows×cols, labels N) on the
     * manager. With {@code augment}, each image is cropped from itself padded by {@link #cropPadding()} zero
     * pixels on each side (a shift in [−p, p] in each direction, the same for all channels) and flipped
     * left-right with probability ½; the padding normalises as a 0 pixel does.
     */
    public NDList batch(NDManager manager, int[] indices, int from, int size, boolean augment, long augmentSeed) {
        int plane = rows * cols;
        int image = channels * plane;
        int pad = cropPadding();
        float[] x = new float[size * image];
        int[] y = new int[size];
        SplittableRandom rnd = augment ? new SplittableRandom(augmentSeed) : null;
        for (int b = 0; b < size; b++) {
            int idx = indices[from + b];
            y[b] = label(idx);
            int src = idx * image;
            int dst = b * image;
            if (!augment) {
                for (int c = 0; c < channels; c++) {
                    int off = c * 256;
                    for (int k = c * plane, end = k + plane; k < end; k++) {
                        x[dst + k] = lut[off + (pixels[src + k] & 0xFF)];
                    }
                }
                continue;
            }
            int dy = shift(rnd, pad);
            int dx = shift(rnd, pad);
            boolean flip = rnd.nextBoolean();
            for (int c = 0; c < channels; c++) {
                int off = c * 256;
                float background = lut[off];
                int sp = src + c * plane;
                int dp = dst + c * plane;
                for (int r = 0; r < rows; r++) {
                    int sr = r + dy;
                    for (int col = 0; col < cols; col++) {
                        int sc = (flip ? cols - 1 - col : col) + dx;
                        x[dp + r * cols + col] = (sr < 0 || sr >= rows || sc < 0 || sc >= cols)
                                ? background
                                : lut[off + (pixels[sp + sr * cols + sc] & 0xFF)];
                    }
                }
            }
        }
        NDArray images = manager.create(x, new Shape(size, channels, rows, cols));
        NDArray lab = manager.create(y, new Shape(size));
        return new NDList(images, lab);
    }

    /**
     * One image's random shift in [−{@code pad}, {@code pad}]: an image draws its row shift, its column shift,
     * then {@code nextBoolean()} for the flip, in this order.
     */
    static int shift(SplittableRandom rnd, int pad) {
        return rnd.nextInt(2 * pad + 1) - pad;
    }

    /** The normalised value of each pixel value, per channel: entry c·256 + v is (v/255 − mean_c)/std_c. */
    float[] lookupTable() {
        return lut.clone();
    }

    /** The raw images, {@code count × channels × rows × cols}; not to be modified. */
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
