package org.marginlab.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marginlab.config.DeviceSpec;
import org.marginlab.config.LiveField;
import org.marginlab.config.ConfigJson;
import org.marginlab.config.Schedule;
import org.marginlab.config.TrainConfig;
import org.marginlab.data.FashionMnist;
import org.marginlab.data.FashionMnistSubset;
import org.marginlab.loss.HeadKind;
import org.marginlab.run.Checkpoint;
import org.marginlab.run.EpochSnapshot;
import org.marginlab.run.IterationSnapshot;
import org.marginlab.run.LiveChange;
import org.marginlab.run.RunFiles;
import org.marginlab.run.RunReader;
import org.marginlab.run.RunState;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Resume is bit-identical from any checkpoint, tested the hard way: a child JVM trains a run with a margin and
 * scale warm-up (arcface), a one-cycle learning rate (warm-up, then cosine annealing), live changes inside the
 * warm-up and after it (replayed from changes.csv), and an epoch end between two snapshots; it is killed with
 * SIGKILL right after each snapshot and epoch record reaches the disk, and resumed by a fresh child each time.
 * The chain's files must equal an uninterrupted child's, apart from images/s.
 */
class KillAtEverySnapshotTest {

    private static final int TRAIN = 320;
    private static final int BATCH = 16; // 20 iterations per epoch
    private static final int ITERATIONS = 30;

    /**
     * The child: {@code start DATA DIR CHANGES_FROM} or {@code resume DATA DIR}. After the first snapshot or epoch
     * record past the point it started from (the files are on disk by then) it prints {@code SNAP i} and waits
     * to be killed; {@code full DATA DIR CHANGES_FROM} trains to the end. Prints {@code DONE state} at the end.
     */
    public static void main(String[] args) throws Exception {
        TrainingThread.setThreads(1);
        TrainingData data = TrainingData.from(FashionMnist.load(Path.of(args[1])));
        Path dir = Path.of(args[2]);
        TrainingSession s = switch (args[0]) {
            case "resume" -> TrainingSession.resumeRun(dir, data, MarginTrainableHead.FACTORY);
            default -> TrainingSession.create(config(args[1]), data, MarginTrainableHead.FACTORY, dir,
                    LiveChange.read(Path.of(args[3])));
        };
        long from = s.iteration();
        boolean stop = !args[0].equals("full");
        s.addListener(new TrainingListener() {
            @Override
            public void onIteration(IterationSnapshot snap) {
                hit(snap.iteration());
            }

            @Override
            public void onEpoch(EpochSnapshot e) {
                hit(e.iteration());
            }

            private void hit(long it) {
                if (stop && it > from) {
                    System.out.println("SNAP " + it);
                    System.out.flush();
                    try {
                        Thread.sleep(Long.MAX_VALUE); // the files of this snapshot are written; wait for SIGKILL
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        });
        KilledChild.trainToTheEnd(s);
    }

    static TrainConfig config(String data) {
        return TrainConfig.defaults(HeadKind.ARCFACE).toBuilder().dim(3).dataDir(data).batchSize(BATCH)
                .epochs(2).iterations(ITERATIONS).seed(11).device(DeviceSpec.parse("cpu")).probePerClass(4)
                .snapshotEvery(6).schedule(Schedule.ONECYCLE).learningRate(0.01).build();
    }

    private static List<String> child(String... args) throws Exception {
        return KilledChild.run(KillAtEverySnapshotTest.class, args);
    }

    @Test
    void killedAtEverySnapshotAndResumedEqualsAnUninterruptedRun(@TempDir Path tmp) throws Exception {
        Path data = FashionMnistSubset.write(tmp.resolve("data"), TRAIN, 60);
        Path changes = tmp.resolve("changes.csv");
        Files.writeString(changes, LiveChange.HEADER + "\n4,m,0.2,0.3\n13,lr,0.01,0.02\n13,s,16.0,12.0\n");
        Path full = tmp.resolve("full");
        Path chain = tmp.resolve("chain");
        List<String> out = child("full", data.toString(), full.toString(), changes.toString());
        assertEquals("DONE FINISHED", out.getLast());

        List<Long> killedAt = new ArrayList<>();
        List<String> lines = child("start", data.toString(), chain.toString(), changes.toString());
        for (int round = 0; round < 20 && lines.getLast().startsWith("SNAP "); round++) {
            killedAt.add(Long.parseLong(lines.getLast().substring(5)));
            lines = child("resume", data.toString(), chain.toString());
        }
        assertEquals("DONE FINISHED", lines.getLast(), String.join("\n", lines));
        // snapshots every 6, the epoch end at 20 (between two snapshots) and the last iteration
        assertEquals(List.of(6L, 12L, 18L, 20L, 24L, 30L), killedAt);

        RunReader.Run a = RunReader.read(full);
        RunReader.Run b = RunReader.read(chain);
        assertEquals(List.of(), b.skipped());
        assertEquals(TestData.metricsWithoutSpeed(full), TestData.metricsWithoutSpeed(chain));
        assertEquals(Files.readAllLines(full.resolve(RunFiles.CHANGES)), Files.readAllLines(chain.resolve(RunFiles.CHANGES)));
        assertEquals(a.iterations().size(), b.iterations().size());
        for (int i = 0; i < a.iterations().size(); i++) {
            IterationSnapshot x = a.iterations().get(i);
            IterationSnapshot y = b.iterations().get(i);
            assertEquals(x.iteration(), y.iteration());
            assertArrayEquals(x.embeddings(), y.embeddings(), "embeddings at " + x.iteration());
            assertArrayEquals(x.weights(), y.weights(), "W at " + x.iteration());
            assertEquals(x.loss(), y.loss(), 0.0, "loss at " + x.iteration());
            assertEquals(x.trainAccuracy(), y.trainAccuracy(), 0.0);
        }
        assertEquals(a.epochs().size(), b.epochs().size());
        assertEquals(a.epochs().getLast().testAccuracy(), b.epochs().getLast().testAccuracy(), 0.0);
        Checkpoint ca = Checkpoint.read(full.resolve(RunFiles.CHECKPOINT));
        Checkpoint cb = Checkpoint.read(chain.resolve(RunFiles.CHECKPOINT));
        assertEquals(ITERATIONS, cb.iteration());
        assertArrayEquals(ca.parameters(), cb.parameters(), "the final parameters, bit for bit");
        assertArrayEquals(ca.optimizer(), cb.optimizer(), "the final Adam moments, bit for bit");
        assertEquals(a.summary().testAccuracy(), b.summary().testAccuracy());
        assertEquals(RunState.FINISHED.name().toLowerCase(), b.summary().state());
        assertEquals(ConfigJson.read(full.resolve(RunFiles.CONFIG)), ConfigJson.read(chain.resolve(RunFiles.CONFIG)));
    }
}
