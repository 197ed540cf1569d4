package org.marginlab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.SplittableRandom;

import org.marginlab.UserException;
import org.marginlab.data.DataSet;

/**
 * A training split resident on the training device: the uint8 images (each channel plane with a zero
 * border of {@link BatchPipeline#cropPadding()} pixels) are uploaded once, and each batch is gathered there: one
 * flat index per output pixel picks the (shifted, possibly mirrored) source byte, and a 256-entry table per
 * channel normalises it. The sample order and the augmentation draws are the host pipeline's, uploaded once per
 * epoch, so batches equal {@link BatchPipeline#batch} bit for bit and no step copies to the device.
 */
final class DeviceBatches {

    private final BatchPipeline data;
    private final NDManager manager;
    private final long seed;
    private final int batch;
    private final boolean augment;
    /** The crop's padding, pixels on each side. */
    private final int pad;
    private final int channels;
    private final int rows;
    private final int cols;
    /**
     * uint8, flat: image i's pixel (ch, r, c) sits at i·C·(rows+2P)(cols+2P) + ch·(rows+2P)(cols+2P)
     * + (r+pad)(cols+2P) + c+pad; the border is 0.
     */
    private final NDArray pixels;
    private final NDArray labels;
    /** float32 [C·256]: entry ch·256 + v normalises value v of channel ch. */
    private final NDArray lut;
    /** int64 [1, C·rows·cols]: ch·(rows+2P)(cols+2P) + r·(cols+2P) + c, the unshifted offset of output pixel (ch, r, c). */
    private final NDArray grid;
    /** int64 [1, C·rows·cols]: cols−1−2c, what a left-right flip adds to output pixel (ch, r, c)'s column. */
    private final NDArray mirror;
    /** int64 [1, C·rows·cols]: ch·256, where output pixel (ch, r, c)'s channel starts in the table. */
    private final NDArray lutOffset;
    private final NDArray paddedPlane;
    private final NDArray centre;
    private int epoch = -1;
    /** int64: this epoch's sample order. */
    private NDArray order;
    /** int64, per position in the epoch: the drawn shift as a flat offset, and 1 where flipped. */
    private NDArray shifts;
    private NDArray flips;

    /**
     * The most bytes the padded images may take: they are gathered in one Java byte array (and one device
     * buffer made from it), whose length HotSpot caps a few bytes short of 2^31 (ArraysSupport.SOFT_MAX_ARRAY_LENGTH).
     */
    static final long MAX_PADDED_BYTES = Integer.MAX_VALUE - 8;

    /**
     * Bytes of {@code images} images of channels×rows×cols once each plane has its {@code pad}-pixel border:
     * images·C·(rows+2P)·(cols+2P), in long, since it passes 2^31 while the raw pixels still fit (CIFAR's
     * 32×32×3 at P = 4: 4 800 bytes an image, 447 393 images).
     */
    static long paddedBytes(long images, int channels, int rows, int cols, int pad) {
        return images * channels * (long) (rows + 2 * pad) * (cols + 2 * pad);
    }

    /** Why a training split this large cannot be held on the device (one line), or null when it can. */
    static String tooLarge(long images, int channels, int rows, int cols, int pad) {
        long bytes = paddedBytes(images, channels, rows, cols, pad);
        if (bytes <= MAX_PADDED_BYTES) {
            return null;
        }
        long most = MAX_PADDED_BYTES / paddedBytes(1, channels, rows, cols, pad);
        return String.format(Locale.ROOT, "the training split's %s images at %d×%d×%d, each plane padded by %d pixels "
                        + "for the random crop, take %s bytes as one training buffer, more than the %s one buffer can hold "
                        + "(at most %s images of this size); hold classes out (--holdout-classes), "
                        + "choose a smaller --image-size or --colour grey, or train on a smaller folder",
                DataSet.grouped(images), channels, rows, cols, pad, DataSet.grouped(bytes), DataSet.grouped(MAX_PADDED_BYTES),
                DataSet.grouped(most));
    }

    /** Refuses, before a run folder is made or anything uploaded, a training split too large for one buffer. */
    static void requireFits(BatchPipeline data) {
        String why = tooLarge(data.count(), data.channels(), data.rows(), data.cols(), data.cropPadding());
        if (why != null) {
            throw new UserException(why);
        }
    }

    DeviceBatches(BatchPipeline data, NDManager manager, long seed, int batch, boolean augment) {
        requireFits(data);
        this.data = data;
        this.manager = manager;
        this.seed = seed;
        this.batch = batch;
        this.augment = augment;
        this.pad = data.cropPadding();
        this.channels = data.channels();
        this.rows = data.rows();
        this.cols = data.cols();
        int pr = rows + 2 * pad;
        int pc = cols + 2 * pad;
        byte[] src = data.pixels();
        // fits in an int: requireFits above
        byte[] padded = new byte[(int) paddedBytes(data.count(), channels, rows, cols, pad)];
        for (int plane = 0; plane < data.count() * channels; plane++) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(src, (plane * rows + r) * cols, padded, (plane * pr + r + pad) * pc + pad, cols);
            }
        }
        pixels = upload(manager.create(ByteBuffer.wrap(padded), new Shape(padded.length), DataType.UINT8));
        int[] lab = new int[data.count()];
        for (int i = 0; i < lab.length; i++) {
            lab[i] = data.label(i);
        }
        labels = upload(manager.create(lab));
        lut = upload(manager.create(data.lookupTable()));
        int out = channels * rows * cols;
        long[] g = new long[out];
        long[] mir = new long[out];
        long[] off = new long[out];
        for (int ch = 0; ch < channels; ch++) {
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    int k = (ch * rows + r) * cols + c;
                    g[k] = (long) ch * pr * pc + (long) r * pc + c;
                    mir[k] = cols - 1 - 2L * c;
                    off[k] = ch * 256L;
                }
            }
        }
        grid = upload(manager.create(g, new Shape(1, out)));
        mirror = upload(manager.create(mir, new Shape(1, out)));
        lutOffset = upload(manager.create(off, new Shape(1, out)));
        paddedPlane = upload(manager.create((long) channels * pr * pc));
        centre = upload(manager.create((long) pad * pc + pad));
    }

    private static NDArray upload(NDArray a) {
        HostTraffic.upload();
        return a;
    }

    /**
     * Batch {@code pos} of epoch {@code epoch} as (images N×C×rows×cols float32, labels N int32), in the
     * caller's scope. Augmentation draws for iteration {@code epoch·iterationsPerEpoch + pos} from a
     * generator seeded by (seed, iteration).
     */
    NDList batch(int epoch, int pos, long iterationsPerEpoch) {
        if (epoch != this.epoch) {
            load(epoch, iterationsPerEpoch);
        }
        NDIndex slice = new NDIndex("{}:{}", (long) pos * batch, (long) (pos + 1) * batch);
        NDArray idx = order.get(slice);
        NDArray y = labels.take(manager, idx);
        NDArray base = idx.mul(paddedPlane).add(augment ? shifts.get(slice) : centre).reshape(batch, 1);
        NDArray flat = base.add(grid);
        if (augment) {
            flat = flat.add(flips.get(slice).reshape(batch, 1).mul(mirror));
        }
        NDArray bytes = pixels.take(manager, flat).toType(DataType.INT64, false);
        if (channels > 1) {
            bytes = bytes.add(lutOffset);
        }
        NDArray x = lut.take(manager, bytes).reshape(batch, channels, rows, cols);
        return new NDList(x, y);
    }

    private void load(int e, long iterationsPerEpoch) {
        for (NDArray a : new NDArray[] {order, shifts, flips}) {
            if (a != null) {
                a.close();
            }
        }
        int[] o = data.epochOrder(seed, e);
        long[] ord = new long[o.length];
        for (int i = 0; i < o.length; i++) {
            ord[i] = o[i];
        }
        order = keep(upload(manager.create(ord)));
        if (augment) {
            int n = (int) (iterationsPerEpoch * batch);
            long[] sh = new long[n];
            long[] fl = new long[n];
            int pc = cols + 2 * pad;
            for (long k = 0; k < iterationsPerEpoch; k++) {
                SplittableRandom rnd = new SplittableRandom(BatchPipeline.mix(seed, e * iterationsPerEpoch + k));
                for (int b = 0; b < batch; b++) {
                    int at = (int) (k * batch + b);
                    int dy = BatchPipeline.shift(rnd, pad);
                    int dx = BatchPipeline.shift(rnd, pad);
                    sh[at] = (long) (dy + pad) * pc + dx + pad;
                    fl[at] = rnd.nextBoolean() ? 1 : 0;
                }
            }
            shifts = keep(upload(manager.create(sh)));
            flips = keep(upload(manager.create(fl)));
        }
        epoch = e;
    }

    private static NDArray keep(NDArray a) {
        ai.djl.ndarray.NDScope.unregister(a);
        return a;
    }
}
