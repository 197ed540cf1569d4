package org.marginlab.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marginlab.config.TrainConfig;
import org.marginlab.loss.HeadKind;
import org.marginlab.loss.HeadParams;
import org.marginlab.run.Checkpoint;
import org.marginlab.run.EpochSnapshot;
import org.marginlab.run.IterationSnapshot;
import org.marginlab.run.MetricsRow;
import org.marginlab.run.RunReader;
import org.marginlab.run.RunSummary;
import org.marginlab.run.RunWriter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The recorder without a model: the metrics row it derives, what reaches disk, in which order, and the checkpoint it names. */
class RunRecorderTest {

    private static final HeadParams PARAMS = new HeadParams(16, 0.35, 0, false);

    // Class 0's probes (2, 0) and (0, 2) centre on (1, 1), 45° from W_0 = (1, 0); class 1's (0, 3) lies on
    // W_1 = (0, 1). So WC-Intra = (π/4 + 0)/2, W-Inter = π/2 and C-Inter = ∠((1, 1), (0, 3)) = π/4.
    private static IterationSnapshot probes(long iteration) {
        float[][] rows = {{2, 0}, {0, 2}, {0, 3}};
        float[][] w = {{1, 0}, {0, 1}};
        return new IterationSnapshot(iteration, 0, rows, new int[] {0, 0, 1}, w, null, new float[3], new float[3],
                0.5, 2.0 / 3, 0.01, 100, PARAMS, new float[3], new int[] {4, 7, 9});
    }

    private static EpochSnapshot testSet(long iteration) {
        return new EpochSnapshot(0, iteration, 0.75, 0.1, 1.5, 1.2, new double[] {0, Math.PI}, new int[][] {{1}, {1}},
                new float[][] {{1}}, new int[] {0}, new int[][] {{1, 0}, {0, 1}});
    }

    private static Checkpoint checkpoint(long iteration) {
        return new Checkpoint(iteration, 1.5, new byte[] {1, 2, 3}, new byte[] {4});
    }

    @Test
    void rowTakesTrainingFiguresFromTheProbesAndTestFiguresFromTheEpoch() {
        MetricsRow r = RunRecorder.row(20, 1, probes(20), testSet(20), 0.02, PARAMS);
        assertEquals(new MetricsRow(20, 1, 0.5, 2.0 / 3, 0.75, 0.02, 0.1, 1.5, 1.2, 100,
                Math.PI / 8, Math.PI / 2, Math.PI / 4, 16, 0.35, 0), roundedAngles(r));

        MetricsRow onlyEpoch = RunRecorder.row(25, 1, null, testSet(25), 0.02, PARAMS);
        assertTrue(Double.isNaN(onlyEpoch.loss()) && Double.isNaN(onlyEpoch.probeWcIntra())
                && Double.isNaN(onlyEpoch.imagesPerSecond()), onlyEpoch.toString());
        assertEquals(0.75, onlyEpoch.testAccuracy());

        MetricsRow onlyProbes = RunRecorder.row(20, 1, probes(20), null, 0.02, PARAMS);
        assertTrue(Double.isNaN(onlyProbes.testAccuracy()) && Double.isNaN(onlyProbes.wcIntra()), onlyProbes.toString());
        assertEquals(0.5, onlyProbes.loss());
    }

    /** The probe angles to 1e-6 rad (float rows), so that the record compares exactly. */
    private static MetricsRow roundedAngles(MetricsRow r) {
        return new MetricsRow(r.iteration(), r.epoch(), r.loss(), r.trainAccuracy(), r.testAccuracy(), r.learningRate(),
                r.wcIntra(), r.wInter(), r.cInter(), r.imagesPerSecond(), near(r.probeWcIntra(), Math.PI / 8),
                near(r.probeWInter(), Math.PI / 2), near(r.probeCInter(), Math.PI / 4), r.s(), r.m(), r.lambda());
    }

    private static double near(double got, double want) {
        return Math.abs(got - want) < 1e-6 ? want : got;
    }

    @Test
    void filesComeBeforeListenersAndANonFiniteModelKeepsTheLastCheckpoint(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        List<TrainingListener> listeners = new CopyOnWriteArrayList<>();
        RunRecorder recorder = new RunRecorder(RunWriter.create(dir, TrainConfig.defaults(HeadKind.SOFTMAX)), listeners, -1);
        List<String> heard = new ArrayList<>();
        listeners.add(new TrainingListener() {
            @Override
            public void onIteration(IterationSnapshot s) {
                heard.add("iteration " + s.iteration() + ", checkpoint on disk "
                        + Checkpoint.latest(dir).checkpoint().iteration());
            }

            @Override
            public void onEpoch(EpochSnapshot s) {
                heard.add("epoch at " + s.iteration());
            }
        });
        assertEquals("none yet", recorder.lastCheckpoint());

        recorder.record(RunRecorder.row(10, 0, probes(10), null, 0.01, PARAMS), probes(10), null, () -> checkpoint(10));
        recorder.record(RunRecorder.row(20, 1, probes(20), testSet(20), 0.01, PARAMS), probes(20), testSet(20),
                () -> null);
        assertEquals(List.of("iteration 10, checkpoint on disk 10", "iteration 20, checkpoint on disk 10",
                "epoch at 20"), heard);
        assertEquals("iteration 10 in " + dir, recorder.lastCheckpoint());

        recorder.finish(new RunSummary("failed", "why", "softmax", "compact", 2, 7, 20, 1, 0.75, 0.25, 0.1, 1.5,
                1.2, 3.0, 100, "cpu", "development build", "0", "PyTorch", "25", List.of()));
        RunReader.Run run = RunReader.read(dir);
        assertEquals(List.of(10L, 20L), run.metrics().stream().map(MetricsRow::iteration).toList());
        assertEquals(0.75, run.metrics().get(1).testAccuracy());
        assertEquals(List.of(10L, 20L), run.iterations().stream().map(IterationSnapshot::iteration).toList());
        assertEquals(List.of(20L), run.epochs().stream().map(EpochSnapshot::iteration).toList());
        assertEquals(10L, run.checkpointIteration());
        assertEquals("failed", run.summary().state());
    }

    @Test
    void withoutARunDirectoryOnlyTheListenersHearAndNoCheckpointIsTaken() throws Exception {
        List<TrainingListener> listeners = new CopyOnWriteArrayList<>();
        List<Long> heard = new ArrayList<>();
        listeners.add(new TrainingListener() {
            @Override
            public void onIteration(IterationSnapshot s) {
                heard.add(s.iteration());
            }
        });
        RunRecorder recorder = new RunRecorder(null, listeners, -1);
        recorder.record(RunRecorder.row(10, 0, probes(10), null, 0.01, PARAMS), probes(10), null, () -> {
            throw new AssertionError("no checkpoint without a run directory");
        });
        assertEquals(List.of(10L), heard);
        assertEquals("none (no run directory)", recorder.lastCheckpoint());
        assertEquals(null, recorder.directory());
    }

    @Test
    void aResumedRunNamesItsCheckpointUntilItWritesANewOne(@TempDir Path tmp) {
        Path dir = tmp.resolve("run");
        RunRecorder recorder = new RunRecorder(RunWriter.create(dir, TrainConfig.defaults(HeadKind.SOFTMAX)),
                List.of(), 40);
        assertEquals("iteration 40 in " + dir, recorder.lastCheckpoint());
    }
}
