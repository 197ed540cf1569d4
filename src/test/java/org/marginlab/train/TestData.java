package org.marginlab.train;

import org.marginlab.config.DeviceSpec;
import org.marginlab.config.TrainConfig;
import org.marginlab.data.FashionMnist;
import org.marginlab.run.RunFiles;

/** The real Fashion-MNIST, loaded once per test JVM. */
final class TestData {
    private static TrainingData data;

    private TestData() {
    }

    static synchronized TrainingData get() {
        if (data == null) {
            data = TrainingData.from(FashionMnist.load(null));
        }
        return data;
    }

    static TrainConfig small(long iterations, int batch) {
        return TrainConfig.defaults(org.marginlab.loss.HeadKind.SOFTMAX).toBuilder().dim(2).marginWarmup(0)
                .learningRate(1e-3).batchSize(batch).epochs(1000).iterations(iterations).seed(7)
                .device(DeviceSpec.parse("cpu")).probePerClass(10).snapshotEvery(10).build();
    }

    static final HeadFactory SOFTMAX = MarginTrainableHead.FACTORY;

    /** A run's metrics.csv without its images_per_s column, which measures the machine, not the run. */
    static java.util.List<String> metricsWithoutSpeed(java.nio.file.Path runDir) throws java.io.IOException {
        java.util.List<String> lines = java.nio.file.Files.readAllLines(runDir.resolve(RunFiles.METRICS));
        int col = java.util.Arrays.asList(lines.get(0).split(",", -1)).indexOf("images_per_s");
        return lines.stream().map(l -> {
            java.util.List<String> cells = new java.util.ArrayList<>(java.util.Arrays.asList(l.split(",", -1)));
            cells.remove(col);
            return String.join(",", cells);
        }).toList();
    }
}
