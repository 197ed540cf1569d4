package org.marginlab.reproduce;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marginlab.data.FashionMnist;
import org.marginlab.figures.Figure;
import org.marginlab.loss.HeadKind;
import org.marginlab.loss.HeadParams;
import org.marginlab.config.TrainConfig;
import org.marginlab.config.DeviceSpec;
import org.marginlab.config.Schedule;
import org.marginlab.train.TrainingData;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A tiny figure6-style preset on the real engine: a few iterations, then the report's files against summary.json. */
class ReproduceEndToEndTest {

    private static TrainConfig tiny(HeadKind k) {
        return TrainConfig.defaults(k).toBuilder().dim(2).marginWarmup(1).learningRate(3e-3).schedule(Schedule.ONECYCLE)
                .batchSize(32).iterations(3).device(DeviceSpec.parse("cpu")).probePerClass(3).snapshotEvery(2).build();
    }

    @Test
    void reportFilesMatchTheRunsSummariesAndARerunReusesThem(@TempDir Path out) throws Exception {
        List<PlannedRun> runs = new ArrayList<>();
        for (HeadKind k : List.of(HeadKind.SOFTMAX, HeadKind.ARC)) {
            runs.add(new PlannedRun(k.id(), k.id(), k.id(), tiny(k)));
        }
        Plan plan = new Plan(Presets.byId("figure6"), true, 1, 320, 200, List.of(), runs, List.of("tiny test form"));
        TrainingData data = ReproduceData.of(FashionMnist.load(null), plan.trainSubset(), plan.testSubset());
        assertEquals(200, data.test().count());

        StringWriter log = new StringWriter();
        ReproduceRunner.Result res = ReproduceRunner.run(plan, out, data, new PrintWriter(log, true));
        assertEquals(2, res.trained());
        List<RunOutcome> outs = res.outcomes();
        assertTrue(outs.stream().allMatch(RunOutcome::finished), log.toString());
        List<Figure> figs = ((TablePreset) plan.preset()).figures(plan, outs);
        Report rep = ReportBuilder.build(plan, outs, Environment.detect(), "marginlab reproduce figure6 --quick",
                InvocationLog.append(out, new InvocationLog.Entry("2026-01-01T10:00:00Z", "marginlab reproduce figure6 --quick", 12, 2, 0, 0)),
                ReportWriter.figureFiles(figs));
        ReportWriter.write(out, rep, figs);

        assertTrue(Files.size(out.resolve("report.md")) > 0);
        assertTrue(Files.size(out.resolve("figures/figure6-embeddings.png")) > 1000);
        assertTrue(Files.size(out.resolve("csv/figure6-embeddings.csv")) > 0);
        List<String> table = Files.readAllLines(out.resolve("csv/figure6-table.csv"));
        List<String> runsCsv = Files.readAllLines(out.resolve("csv/runs.csv"));
        assertEquals(3, table.size());
        for (PlannedRun r : runs) {
            JsonObject s = JsonParser.parseString(Files.readString(out.resolve("runs").resolve(r.key()).resolve("summary.json")))
                    .getAsJsonObject();
            assertEquals("finished", s.get("state").getAsString());
            assertEquals(3, s.get("iterations").getAsLong());
            double err = 100 * s.get("test_error").getAsDouble();
            double wc = s.get("wc_intra").getAsDouble();
            String[] row = table.stream().filter(l -> l.startsWith(r.key() + ",")).findFirst().orElseThrow().split(",");
            assertEquals(err, Double.parseDouble(row[2]), 1e-4 * Math.max(1, err));
            assertEquals(wc, Double.parseDouble(row[3]), 1e-5 * Math.max(1, wc));
            // the test error is a count over the 200 test images
            assertEquals(0, Math.abs(err * 2 - Math.rint(err * 2)), 1e-6);
            String[] rr = runsCsv.stream().filter(l -> l.startsWith(r.key() + ",")).findFirst().orElseThrow().split(",");
            assertEquals("finished", rr[2]);
            assertTrue(Files.readString(out.resolve("report.md")).contains(String.format(java.util.Locale.ROOT, "| %.2f |", err)));
        }

        // run again: both runs ended, so nothing trains and the outcomes are the same
        StringWriter log2 = new StringWriter();
        ReproduceRunner.Result res2 = ReproduceRunner.run(plan, out, data, new PrintWriter(log2, true));
        assertEquals(2, res2.reused());
        assertEquals(0, res2.trained() + res2.resumed());
        List<RunOutcome> again = res2.outcomes();
        assertEquals(2, log2.toString().split("reused", -1).length - 1, log2.toString());
        for (int i = 0; i < runs.size(); i++) {
            assertEquals(outs.get(i).summary(), again.get(i).summary());
        }
    }
}
