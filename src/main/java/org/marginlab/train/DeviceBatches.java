package org.marginlab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/**
 * A training split resident on the training device: the uint8 images (with a zero border of
 * {@link BatchPipeline#CROP_PADDING} pixels) are uploaded once, and each batch is gathered there: one
 * flat index per output pixel picks the (shifted, possibly mirrored) source byte, and a 256-entry table
 * normalises it. The sample order and the augmentation draws are the host pipeline's, uploaded once per
 * epoch, so batches equal {@link BatchPipeline#batch} bit for bit and no step copies to the device.
 */
final class DeviceBatches {

    private static final int P = BatchPipeline.CROP_PADDING;

    private final BatchPipeline data;
    private final NDManager manager;
    private final long seed;
    private final int batch;
    private final boolean augment;
    private final int rows;
    private final int cols;
    /** uint8, flat: image i's pixel (r, c) sits at i·(rows+2P)(cols+2P) + (r+P)(cols+2P) + c+P; the border is 0. */
    private final NDArray pixels;
    private final NDArray labels;
    private final NDArray lut;
    /** int64 [1, rows·cols]: r·(cols+2P) + c, the unshifted offset of output pixel (r, c). */
    private final NDArray grid;
    /** int64 [1, rows·cols]: cols−1−2c, what a left-right flip adds to output pixel (r, c)'s column. */
    private final NDArray mirror;
    private final NDArray paddedPlane;
    private final NDArray centre;
    private int epoch = -1;
    /** int64: this epoch's sample order. */
    private NDArray order;
    /** int64, per position in the epoch: the drawn shift as a flat offset, and 1 where flipped. */
    private NDArray shifts;
    private NDArray flips;

    DeviceBatches(BatchPipeline data, NDManager manager, long seed, int batch, boolean augment) {
        this.data = data;
        this.manager = manager;
        this.seed = seed;
        this.batch = batch;
        this.augment = augment;
        this.rows = data.rows();
        this.cols = data.cols();
        int pr = rows + 2 * P;
        int pc = cols + 2 * P;
        byte[] src = data.pixels();
        byte[] padded = new byte[data.count() * pr * pc];
        for (int i = 0; i < data.count(); i++) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(src, (i * rows + r) * cols, padded, (i * pr + r + P) * pc + P, cols);
            }
        }
        pixels = upload(manager.create(ByteBuffer.wrap(padded), new Shape(padded.length), DataType.UINT8));
        int[] lab = new int[data.count()];
        for (int i = 0; i < lab.length; i++) {
            lab[i] = data.label(i);
        }
        labels = upload(manager.create(lab));
        lut = upload(manager.create(data.lookupTable()));
        long[] g = new long[rows * cols];
        long[] mir = new long[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                g[r * cols + c] = (long) r * pc + c;
                mir[r * cols + c] = cols - 1 - 2L * c;
            }
        }
        grid = upload(manager.create(g, new Shape(1, rows * cols)));
        mirror = upload(manager.create(mir, new Shape(1, rows * cols)));
        paddedPlane = upload(manager.create((long) pr * pc));
        centre = upload(manager.create((long) P * pc + P));
    }

    private static NDArray upload(NDArray a) {
        HostTraffic.upload();
        return a;
    }

    /**
     * Batch {@code pos} of epoch {@code epoch} as (images N×1×rows×cols float32, labels N int32), in the
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
        NDArray x = lut.take(manager, bytes).reshape(batch, 1, rows, cols);
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
            int pc = cols + 2 * P;
            for (long k = 0; k < iterationsPerEpoch; k++) {
                SplittableRandom rnd = new SplittableRandom(BatchPipeline.mix(seed, e * iterationsPerEpoch + k));
                for (int b = 0; b < batch; b++) {
                    int at = (int) (k * batch + b);
                    int dy = BatchPipeline.shift(rnd);
                    int dx = BatchPipeline.shift(rnd);
                    sh[at] = (long) (dy + P) * pc + dx + P;
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
