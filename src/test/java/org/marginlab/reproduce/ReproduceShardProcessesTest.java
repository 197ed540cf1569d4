package org.marginlab.reproduce;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marginlab.cli.Main;
import org.marginlab.data.DataFiles;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CLI's {@code --shard i/3} as a job array runs it: three separate JVMs started together, each running
 * {@code marginlab reproduce table2 --quick --shard i/3} into one shared folder, then {@code --report-only};
 * against {@code marginlab reproduce table2 --quick} in one process into another folder. The two reports and
 * CSVs must agree number for number (only wall times and the invocation lists differ), and each run
 * directory must have been written by exactly the shard that owns it (its writer.lock names that process).
 */
class ReproduceShardProcessesTest {

    private static final String[] COMMON = {"reproduce", "table2", "--quick", "--threads", "1"};

    private static String[] args(Path data, Path out, String... more) {
        List<String> a = new ArrayList<>(List.of(COMMON));
        a.addAll(List.of("--data", data.toString(), "--out", out.toString()));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    private static String[] cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void threeShardProcessesIntoOneFolderGiveTheReportOfOneProcess(@TempDir Path tmp) throws Exception {
        // 400 training images: the quick form's batch of 128 gives 3 iterations per epoch, 6 per run; 60 test images
        Path data = tmp.resolve("data");
        DataFiles.cifar10(data, 80, 60);
        Path shared = tmp.resolve("shared");
        Path one = tmp.resolve("one");

        String java = ProcessHandle.current().info().command().orElse("java");
        List<Process> shards = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Djava.awt.headless=true", "-cp",
                    System.getProperty("java.class.path"), Main.class.getName()));
            // shards 1 and 2 as --shard i/3; shard 3 as a Slurm array task would see it (--array=0-2, task 2)
            cmd.addAll(List.of(i < 3 ? args(data, shared, "--shard", i + "/3") : args(data, shared)));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("shard-" + i + ".log").toFile());
            pb.environment().keySet().removeIf(k -> k.startsWith("SLURM_"));
            if (i == 3) {
                pb.environment().put("SLURM_ARRAY_TASK_ID", "2");
                pb.environment().put("SLURM_ARRAY_TASK_COUNT", "3");
                pb.environment().put("SLURM_ARRAY_TASK_MIN", "0");
            }
            shards.add(pb.start());
        }
        // the single process trains meanwhile, as it would on another machine
        String[] single = cli(args(data, one));
        assertEquals("0", single[0], single[2]);
        for (int i = 0; i < 3; i++) {
            Process p = shards.get(i);
            assertTrue(p.waitFor(300, TimeUnit.SECONDS), "shard " + (i + 1) + " ended");
            assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("shard-" + (i + 1) + ".log")));
        }

        Plan plan = Presets.plan("table2", true, null, data.toString());
        assertEquals(4, plan.runs().size());
        for (int r = 0; r < plan.runs().size(); r++) {
            Path dir = shared.resolve("runs").resolve(plan.runs().get(r).key());
            assertTrue(Files.isRegularFile(dir.resolve("summary.json")), dir.toString());
            // run r belongs to shard r mod 3 + 1: its lock names that shard's process, and no other wrote it
            long owner = shards.get(r % 3).pid();
            String lock = Files.readString(dir.resolve("writer.lock"));
            assertEquals(Long.toString(owner), lock.split(" ")[0], dir + ": " + lock);
        }
        // each shard logged its own invocation, and none trained another's run
        for (int i = 1; i <= 3; i++) {
            String log = Files.readString(shared.resolve("invocations-shard-" + i + "-of-3.json"));
            assertTrue(log.contains("\"trained\": " + (i == 1 ? 2 : 1)), log);
            // and says how to write the report: the same preset, form and data, without --shard and --threads
            assertTrue(Files.readString(tmp.resolve("shard-" + i + ".log")).contains("When every shard has finished: marginlab reproduce table2 "
                    + "--quick --data " + data + " --out " + shared + " --report-only"), Files.readString(tmp.resolve("shard-" + i + ".log")));
        }
        assertTrue(Files.readString(shared.resolve("invocations-shard-3-of-3.json")).contains("(Slurm array task 2: shard 3/3)"));

        String[] report = cli(args(data, shared, "--report-only"));
        assertEquals("0", report[0], report[2]);
        String sharded = Files.readString(shared.resolve("report.md"));
        String alone = Files.readString(one.resolve("report.md"));
        // the command line differs by --report-only; every other line but times and invocations is the same
        assertEquals(ReproduceShardTest.normalise(alone).replace(one.toString(), "OUT"),
                ReproduceShardTest.normalise(sharded).replace(shared.toString(), "OUT").replace(" --report-only", ""));
        assertTrue(sharded.contains("--shard 2/3"), "the shards' invocations are listed in the report");
        for (String csv : List.of("table2.csv", "runs.csv")) {
            assertEquals(ReproduceShardTest.withoutTimes(Files.readAllLines(one.resolve("csv").resolve(csv))),
                    ReproduceShardTest.withoutTimes(Files.readAllLines(shared.resolve("csv").resolve(csv))), csv);
        }
        assertEquals(Files.mismatch(one.resolve("csv/table2.csv"), shared.resolve("csv/table2.csv")), -1L,
                "the angle table is byte for byte the same");
    }
}
