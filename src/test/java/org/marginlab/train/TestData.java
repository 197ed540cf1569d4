package org.marginlab.train;

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
        TrainConfig d = TrainConfig.defaults(org.marginlab.loss.HeadKind.SOFTMAX);
        return new TrainConfig(null, "compact", 2, d.head(), d.headParams(), d.lambdaMin(), d.lambdaGamma(),
                d.lambdaPower(), 0, d.centerAlpha(), "adam", 1e-3, "constant", 5e-4, 0.9, batch, 1000, iterations,
                7L, "cpu", false, 10, 10);
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
