package org.marginlab.reproduce;

import org.marginlab.data.FashionMnist;
import org.marginlab.data.Split;
import org.marginlab.train.TrainingData;

import java.nio.file.Path;
import java.util.Arrays;

/** Fashion-MNIST for a plan: the whole splits, or the first N images of each as the quick forms state. */
public final class ReproduceData {

    private ReproduceData() {
    }

    public static TrainingData load(Plan plan, Path dataDir) {
        return of(FashionMnist.load(dataDir), plan.trainSubset(), plan.testSubset());
    }

    /** The first {@code trainN} / {@code testN} images (0 = all), normalised by the used training images' statistics. */
    public static TrainingData of(FashionMnist fm, int trainN, int testN) {
        Split tr = fm.train();
        Split te = fm.test();
        int n = trainN > 0 ? Math.min(trainN, tr.count()) : tr.count();
        int m = testN > 0 ? Math.min(testN, te.count()) : te.count();
        int px = tr.rows() * tr.cols();
        return TrainingData.of(Arrays.copyOf(tr.pixels(), n * px), Arrays.copyOf(tr.labels(), n), n,
                Arrays.copyOf(te.pixels(), m * px), Arrays.copyOf(te.labels(), m), m, tr.rows(), tr.cols());
    }
}
