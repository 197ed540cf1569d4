package org.marginlab.train;

import org.marginlab.config.DeviceSpec;
import org.marginlab.config.TrainConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marginlab.data.FashionMnist;
import org.marginlab.data.Split;
import org.marginlab.loss.HeadKind;
import org.marginlab.run.RunState;

/**
 * Training is bitwise reproducible under garbage-collector pressure: a short run of every head, same
 * config and seed on one PyTorch thread, in a JVM with default options and in one with
 * {@code -XX:+UseSerialGC -Xmn2m} (a young collection every few batches) gives the same metrics.csv.
 * Only the throughput column, which measures the machine, is left out.
 */
class GcReproducibilityTest {

    /** The flags the two JVMs share: those the tests run with, minus any collector choice. */
    private static final List<String> BASE = List.of("--enable-native-access=ALL-UNNAMED", "-Dai.djl.offline=true",
            "-Djava.awt.headless=true", "-Xmx2g");

    @Test
    void everyHeadTrainsIdenticallyWithAndWithoutGcPressure(@TempDir Path tmp) throws Exception {
        train(tmp.resolve("default"), List.of());
        Path gcLog = tmp.resolve("gc.log");
        train(tmp.resolve("serial"), List.of("-XX:+UseSerialGC", "-Xmn2m", "-Xlog:gc:file=" + gcLog));
        long collections = Files.readAllLines(gcLog).stream().filter(l -> l.contains("Pause Young")).count();
        assertTrue(collections >= 100, "only " + collections + " young collections: no pressure to test");
        for (HeadKind k : HeadKind.values()) {
            List<String> a = TestData.metricsWithoutSpeed(tmp.resolve("default").resolve(k.id()));
            List<String> b = TestData.metricsWithoutSpeed(tmp.resolve("serial").resolve(k.id()));
            assertEquals(4, a.size(), k.id() + ": header and rows at 0, 10 and 20");
            assertEquals(a, b, k.id() + ": metrics.csv differs under -XX:+UseSerialGC -Xmn2m");
        }
    }

    /** Runs {@link TrainAll} in a new JVM with the extra flags. */
    private static void train(Path out, List<String> jvmFlags) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(BASE);
        cmd.addAll(jvmFlags);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), TrainAll.class.getName(), out.toString()));
        Files.createDirectories(out);
        File log = out.resolve("log.txt").toFile();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
        }
        assertEquals(0, p.exitValue(), jvmFlags + ": training failed:\n" + Files.readString(log.toPath()));
    }

    /**
     * Trains every head for 20 iterations on one PyTorch thread (what {@code --threads 1} sets), one run
     * directory per head. The test set is cut to its first 1000 images: the end-of-run evaluation of all
     * 10 000 would be most of the time.
     */
    public static final class TrainAll {
        public static void main(String[] args) throws Exception {
            System.setProperty("ai.djl.pytorch.num_threads", "1");
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
            FashionMnist fm = FashionMnist.load(null);
            Split tr = fm.train();
            Split te = fm.test();
            int n = 1000;
            TrainingData data = TrainingData.of(tr.pixels(), tr.labels(), tr.count(),
                    Arrays.copyOf(te.pixels(), n * te.imageSize()), Arrays.copyOf(te.labels(), n), n, tr.rows(), tr.cols());
            for (HeadKind k : HeadKind.values()) {
                TrainConfig c = TrainConfig.defaults(k).toBuilder().batchSize(16).iterations(20).seed(11)
                        .device(DeviceSpec.parse("cpu")).augment(true).probePerClass(5).snapshotEvery(10).build();
                TrainingSession s = TrainingSession.create(c, data, MarginTrainableHead.FACTORY, Path.of(args[0], k.id()));
                s.start();
                s.completion().get();
                if (s.state() != RunState.FINISHED) {
                    System.err.println(k.id() + ": " + s.state() + " " + s.message());
                    System.exit(1);
                }
            }
            System.exit(0);
        }
    }
}
