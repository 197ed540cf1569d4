package org.marginlab.train;

import org.marginlab.data.FashionMnist;
import org.marginlab.data.Split;

/**
 * The training and test images as batch pipelines, both normalised with the training set's mean and
 * standard deviation. Immutable; several sessions may share one instance.
 */
public record TrainingData(BatchPipeline train, BatchPipeline test, int classes) {

    /** Both Fashion-MNIST splits. */
    public static TrainingData from(FashionMnist fm) {
        Split tr = fm.train();
        Split te = fm.test();
        return of(tr.pixels(), tr.labels(), tr.count(), te.pixels(), te.labels(), te.count(), tr.rows(), tr.cols());
    }

    public static TrainingData of(byte[] trainPixels, byte[] trainLabels, int trainCount,
                                  byte[] testPixels, byte[] testLabels, int testCount, int rows, int cols) {
        float[] ms = BatchPipeline.meanStd(trainPixels);
        int classes = 0;
        for (byte b : trainLabels) {
            classes = Math.max(classes, b + 1);
        }
        return new TrainingData(
                new BatchPipeline(trainPixels, trainLabels, trainCount, rows, cols, ms[0], ms[1]),
                new BatchPipeline(testPixels, testLabels, testCount, rows, cols, ms[0], ms[1]),
                classes);
    }

    /**
     * The fixed probe subset: the first {@code perClass} test images of each class, in test-set
     * order grouped by class (so rows come class by class).
     */
    public int[] probeIndices(int perClass) {
        return probeIndices(test::label, test.count(), classes, perClass);
    }

    /** {@link #probeIndices(int)} of any labelled set: {@code label} maps an index of the set to its class. */
    public static int[] probeIndices(java.util.function.IntUnaryOperator label, int count, int classes, int perClass) {
        int[] taken = new int[classes];
        int[][] byClass = new int[classes][perClass];
        for (int i = 0; i < count; i++) {
            int y = label.applyAsInt(i);
            if (taken[y] < perClass) {
                byClass[y][taken[y]++] = i;
            }
        }
        int total = 0;
        for (int t : taken) {
            total += t;
        }
        int[] out = new int[total];
        int k = 0;
        for (int y = 0; y < classes; y++) {
            System.arraycopy(byClass[y], 0, out, k, taken[y]);
            k += taken[y];
        }
        return out;
    }
}
