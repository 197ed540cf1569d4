package org.marginlab.reproduce;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marginlab.UserException;
import org.marginlab.config.DeviceSpec;
import org.marginlab.config.Schedule;
import org.marginlab.config.TrainConfig;
import org.marginlab.data.FashionMnist;
import org.marginlab.figures.Figure;
import org.marginlab.loss.HeadKind;
import org.marginlab.train.TrainingData;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A preset spread over three shards into one folder, then a report from the finished runs, against one process. */
class ReproduceShardTest {

    private static TrainConfig tiny(HeadKind k) {
        return TrainConfig.defaults(k).toBuilder().dim(2).marginWarmup(1).lambdaAnneal(2).learningRate(3e-3).schedule(Schedule.ONECYCLE)
                .batchSize(32).iterations(3).device(DeviceSpec.parse("cpu")).probePerClass(3).snapshotEvery(2).build();
    }

    @Test
    void shardsTakeEveryNthRunAndSlurmArraysMapToThem() {
        Shard s = Shard.parse("2/3");
        assertEquals(List.of(1, 4, 7), java.util.stream.IntStream.range(0, 9).filter(s::includes).boxed().toList());
        // --array=0-2: task ids 0, 1, 2 are shards 1, 2, 3; --array=1-3 (TASK_MIN 1) likewise
        assertEquals(new Shard(1, 3), Shard.fromSlurm(Map.of("SLURM_ARRAY_TASK_ID", "0", "SLURM_ARRAY_TASK_COUNT", "3")));
        assertEquals(new Shard(3, 3), Shard.fromSlurm(Map.of("SLURM_ARRAY_TASK_ID", "3", "SLURM_ARRAY_TASK_COUNT", "3",
                "SLURM_ARRAY_TASK_MIN", "1")));
        assertEquals(null, Shard.fromSlurm(Map.of()));
        assertEquals("--shard must be i/n with 1 ≤ i ≤ n (got 4/3)", assertThrows(UserException.class, () -> Shard.parse("4/3")).getMessage());
        assertTrue(assertThrows(UserException.class, () -> Shard.parse("two")).getMessage().startsWith("--shard must be i/n, e.g. 2/3"));
    }

    @Test
    void threeShardsAndAReportGiveTheReportOfOneProcess(@TempDir Path tmp) throws Exception {
        List<PlannedRun> runs = new ArrayList<>();
        for (HeadKind k : List.of(HeadKind.SOFTMAX, HeadKind.ARC, HeadKind.SPHEREFACE, HeadKind.COSFACE)) {
            runs.add(new PlannedRun(k.id(), k.id(), k.id(), tiny(k)));
        }
        Plan plan = new Plan(Presets.byId("figure6"), true, 1, 320, 200, List.of(), runs, List.of("tiny test form"));
        TrainingData data = ReproduceData.of(FashionMnist.load(null), plan.trainSubset(), plan.testSubset());

        Path one = tmp.resolve("one");
        ReproduceRunner.Result all = ReproduceRunner.run(plan, Shard.ALL, one, data, new PrintWriter(new StringWriter(), true));
        assertEquals(4, all.trained());
        String oneReport = report(plan, one, all.outcomes());

        Path shared = tmp.resolve("shared");
        int[] trainedPerShard = new int[3];
        for (int i = 1; i <= 3; i++) {
            ReproduceRunner.Result r = ReproduceRunner.run(plan, new Shard(i, 3), shared, data, new PrintWriter(new StringWriter(), true));
            trainedPerShard[i - 1] = r.trained();
            InvocationLog.appendShard(shared, new Shard(i, 3), new InvocationLog.Entry("2026-01-01T10:0" + i + ":00Z",
                    "marginlab reproduce figure6 --quick --shard " + i + "/3", 5, r.trained(), 0, 0));
        }
        // shard 1 of 3 takes runs 0 and 3, the others one each; every run in its own directory
        assertEquals("[2, 1, 1]", Arrays.toString(trainedPerShard));
        for (PlannedRun r : runs) {
            assertTrue(Files.isRegularFile(shared.resolve("runs").resolve(r.key()).resolve("summary.json")), r.key());
        }
        String sharded = report(plan, shared, ReproduceRunner.read(plan, shared));

        assertEquals(normalise(oneReport), normalise(sharded));
        assertTrue(sharded.contains("--shard 3/3"), "the shards' invocations are listed in the report");
        for (String csv : List.of("figure6-table.csv", "figure6-embeddings.csv", "runs.csv")) {
            assertEquals(withoutTimes(Files.readAllLines(one.resolve("csv").resolve(csv))),
                    withoutTimes(Files.readAllLines(shared.resolve("csv").resolve(csv))), csv);
        }
        // SphereFace's λ annealing (lambda_anneal 2) ended within the 3 iterations: the report says so
        assertTrue(oneReport.contains("| SphereFace (A-Softmax) m = 4, λ = 5 | λ 1000 → 5 over the first 2 iterations |"), oneReport);
    }

    /** What the CLI does after the runs: figures, the report over every invocation (shards' too), written to {@code dir}. */
    private static String report(Plan plan, Path dir, List<RunOutcome> outcomes) throws Exception {
        List<Figure> figs = ((TablePreset) plan.preset()).figures(plan, outcomes);
        InvocationLog.append(dir, new InvocationLog.Entry("2026-01-01T11:00:00Z", "marginlab reproduce figure6 --quick", 7, 0, 0, 4));
        Report rep = ReportBuilder.build(plan, outcomes, Environment.detect(), "marginlab reproduce figure6 --quick",
                InvocationLog.readAll(dir), ReportWriter.figureFiles(figs));
        ReportWriter.write(dir, rep, figs);
        return Files.readString(dir.resolve("report.md"));
    }

    /** The report without what differs between two trainings of the same runs: seconds, images/s and the invocations. */
    static String normalise(String md) {
        List<String> out = new ArrayList<>();
        boolean invocations = false;
        for (String line : md.split("\n")) {
            if (line.startsWith("Invocations that made")) {
                invocations = true;
            }
            if (!invocations && !line.startsWith("Training time summed")) {
                out.add(line.replaceAll("\\| [0-9.]+ \\| [0-9]+ \\| (\\S+) \\|$", "| s | img/s | $1 |"));
            }
            if (line.startsWith("Total wall time")) {
                invocations = false;
            }
        }
        return String.join("\n", out);
    }

    static List<String> withoutTimes(List<String> csv) {
        List<String> header = Arrays.asList(csv.get(0).split(","));
        int sec = header.indexOf("seconds");
        int ips = header.indexOf("images_per_s");
        return csv.stream().map(l -> {
            if (sec < 0) {
                return l;
            }
            String[] c = l.split(",", -1);
            // the timing columns are the last numbers before the device; count from the end (labels may hold commas)
            int n = c.length;
            int fromEnd = header.size() - sec;
            c[n - fromEnd] = "t";
            c[n - (header.size() - ips)] = "t";
            return String.join(",", c);
        }).toList();
    }
}
