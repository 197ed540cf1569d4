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

    /**
     * Starts {@code s}, pauses it once {@code iteration} steps are done and stops it there, as Stop in the window
     * does: the stop writes a checkpoint at {@code iteration} and a summary "stopped at iteration …".
     */
    static void stopAt(TrainingSession s, long iteration) throws Exception {
        java.util.concurrent.CountDownLatch paused = new java.util.concurrent.CountDownLatch(1);
        s.addListener(new TrainingListener() {
            @Override
            public void onProgress(long it, long total, int epoch) {
                if (it == iteration) {
                    s.pause();
                }
            }

            @Override
            public void onStateChanged(org.marginlab.run.RunState state, String message) {
                if (state == org.marginlab.run.RunState.PAUSED) {
                    paused.countDown();
                }
            }
        });
        s.start();
        if (!paused.await(120, java.util.concurrent.TimeUnit.SECONDS)) {
            throw new AssertionError("the run did not pause at iteration " + iteration + ": " + s.message());
        }
        s.cancel();
        s.completion().get(120, java.util.concurrent.TimeUnit.SECONDS);
    }

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
