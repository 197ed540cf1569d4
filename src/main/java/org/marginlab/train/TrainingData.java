package org.marginlab.train;

import org.marginlab.UserException;
import org.marginlab.data.DataRecord;
import org.marginlab.data.DataSet;
import org.marginlab.data.ProbeSelection;
import org.marginlab.data.FashionMnist;
import org.marginlab.data.Split;

import java.util.Arrays;
import java.util.List;

/**
 * The training and test images as batch pipelines, both normalised with the training set's per-channel mean
 * and standard deviation. Immutable; several sessions may share one instance.
 *
 * @param classes the classes the head trains on (the data set's, less any held out)
 * @param testIds the index in the original test set of each test image here (a sample's id in exports): the
 *                identity, unless classes are {@linkplain #holdingOut held out}
 * @param dataset what the data set is (recorded in config.json), or null for data made up in code
 */
public record TrainingData(BatchPipeline train, BatchPipeline test, int classes, int[] testIds, DataRecord dataset) {

    public TrainingData(BatchPipeline train, BatchPipeline test, int classes, int[] testIds) {
        this(train, test, classes, testIds, null);
    }

    /** Both Fashion-MNIST splits. */
    public static TrainingData from(FashionMnist fm) {
        Split tr = fm.train();
        Split te = fm.test();
        return of(tr.pixels(), tr.labels(), tr.count(), te.pixels(), te.labels(), te.count(), tr.rows(), tr.cols());
    }

    /** Both splits of any data set, with its class count and record. */
    public static TrainingData from(DataSet set) {
        Split tr = set.train();
        Split te = set.test();
        TrainingData d = of(tr.pixels(), tr.labels(), tr.count(), te.pixels(), te.labels(), te.count(),
                tr.channels(), tr.rows(), tr.cols(), set.classes());
        return new TrainingData(d.train, d.test, d.classes, d.testIds, set.record());
    }

    /** Grey images; the classes are the largest label + 1. */
    public static TrainingData of(byte[] trainPixels, byte[] trainLabels, int trainCount,
                                  byte[] testPixels, byte[] testLabels, int testCount, int rows, int cols) {
        int classes = 0;
        for (byte b : trainLabels) {
            classes = Math.max(classes, (b & 0xFF) + 1);
        }
        return of(trainPixels, trainLabels, trainCount, testPixels, testLabels, testCount, 1, rows, cols, classes);
    }

    public static TrainingData of(byte[] trainPixels, byte[] trainLabels, int trainCount,
                                  byte[] testPixels, byte[] testLabels, int testCount, int channels, int rows, int cols,
                                  int classes) {
        float[][] ms = BatchPipeline.meanStd(trainPixels, channels, rows * cols);
        return new TrainingData(
                new BatchPipeline(trainPixels, trainLabels, trainCount, channels, rows, cols, ms[0], ms[1]),
                new BatchPipeline(testPixels, testLabels, testCount, channels, rows, cols, ms[0], ms[1]),
                classes, java.util.stream.IntStream.range(0, testCount).toArray(), null);
    }

    /**
     * This data without the classes {@code heldOut} (dataset class ids), or itself when none: the other
     * classes keep their order and are relabelled 0..C'−1, and the normalisation is recomputed from their
     * training images alone, so nothing of a held-out class reaches training.
     */
    public TrainingData holdingOut(List<Integer> heldOut) {
        if (heldOut.isEmpty()) {
            return this;
        }
        for (int y : heldOut) {
            if (y >= classes) {
                throw new UserException("held-out class " + y + " is not a class of this data set (0–" + (classes - 1) + ")");
            }
        }
        if (classes - heldOut.size() < 2) {
            throw new UserException("holding out " + heldOut.size() + " of " + classes + " classes leaves fewer than two to train on");
        }
        int[] relabel = new int[256];
        Arrays.fill(relabel, -1);
        int k = 0;
        for (int y = 0; y < classes; y++) {
            if (!heldOut.contains(y)) {
                relabel[y] = k++;
            }
        }
        Kept tr = Kept.of(train, relabel);
        Kept te = Kept.of(test, relabel);
        TrainingData kept = of(tr.pixels, tr.labels, tr.labels.length, te.pixels, te.labels, te.labels.length,
                train.channels(), train.rows(), train.cols(), k);
        int[] ids = new int[te.from.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = testIds[te.from[i]];
        }
        return new TrainingData(kept.train, kept.test, kept.classes, ids, dataset);
    }

    /** The images of a pipeline whose label maps to a new label ≥ 0, with that label and its index in the pipeline. */
    private record Kept(byte[] pixels, byte[] labels, int[] from) {
        static Kept of(BatchPipeline p, int[] relabel) {
            int plane = p.channels() * p.rows() * p.cols();
            int n = 0;
            for (int i = 0; i < p.count(); i++) {
                n += relabel[p.label(i)] >= 0 ? 1 : 0;
            }
            byte[] px = new byte[n * plane];
            byte[] lab = new byte[n];
            int[] from = new int[n];
            int j = 0;
            for (int i = 0; i < p.count(); i++) {
                int y = relabel[p.label(i)];
                if (y >= 0) {
                    System.arraycopy(p.pixels(), i * plane, px, j * plane, plane);
                    from[j] = i;
                    lab[j++] = (byte) y;
                }
            }
            return new Kept(px, lab, from);
        }
    }

    /**
     * The fixed probe subset: the first {@code perClass} test images of each class, in test-set
     * order grouped by class (so rows come class by class).
     */
    public int[] probeIndices(int perClass) {
        return ProbeSelection.firstPerClass(test::label, test.count(), classes, perClass);
    }
}
