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

    /**
     * The data of each run of the plan: Fashion-MNIST (from {@code dataDir} or the usual places) for the
     * Fashion-MNIST presets; for the CIFAR presets the data set in the run's own {@code data} folder, each
     * folder read once. The CIFAR presets first refuse, in one line, when the files are not there.
     */
    public static java.util.function.Function<org.marginlab.config.TrainConfig, TrainingData> loader(Plan plan, Path dataDir) {
        if (!(plan.preset() instanceof CifarPreset cifar)) {
            TrainingData d = load(plan, dataDir);
            return c -> d;
        }
        cifar.requireData(dataDir);
        java.util.Map<String, TrainingData> cache = new java.util.HashMap<>();
        return c -> cache.computeIfAbsent(c.dataDir() + "|" + c.dataOptions(), k -> of(
                org.marginlab.data.DataSets.load(Path.of(c.dataDir()), c.dataOptions()), plan.trainSubset(), plan.testSubset()));
    }

    /** The first {@code trainN} / {@code testN} images of any data set (0 = all), with its classes and record. */
    public static TrainingData of(org.marginlab.data.DataSet set, int trainN, int testN) {
        Split tr = set.train();
        Split te = set.test();
        int n = trainN > 0 ? Math.min(trainN, tr.count()) : tr.count();
        int m = testN > 0 ? Math.min(testN, te.count()) : te.count();
        int px = tr.channels() * tr.rows() * tr.cols();
        TrainingData d = TrainingData.of(Arrays.copyOf(tr.pixels(), n * px), Arrays.copyOf(tr.labels(), n), n,
                Arrays.copyOf(te.pixels(), m * px), Arrays.copyOf(te.labels(), m), m, tr.channels(), tr.rows(), tr.cols(), set.classes());
        return new TrainingData(d.train(), d.test(), d.classes(), d.testIds(), set.record());
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
