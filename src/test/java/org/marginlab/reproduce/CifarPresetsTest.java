package org.marginlab.reproduce;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marginlab.UserException;
import org.marginlab.data.DataFiles;
import org.marginlab.figures.Figure;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CIFAR presets on small CIFAR-format files written here: each plan as the paper sets it up, a refusal
 * in one line without the data, and a report whose tables are the runs' summary.json values.
 */
class CifarPresetsTest {

    @Test
    void fullFormsFollowTable1AndQuickFormsAreSmall() {
        Plan t6 = Presets.plan("table6", false, null, null);
        // 4 heads × CIFAR10 and CIFAR10+ × five seeds, as the paper's mean ± std of five runs
        assertEquals(4 * 2 * 5, t6.runs().size());
        for (PlannedRun r : t6.runs()) {
            assertEquals(160, r.config().epochs());
            assertEquals(128, r.config().batchSize());
            assertEquals(5e-4, r.config().weightDecay());
            assertEquals(org.marginlab.config.Backbone.RESNET20, r.config().backbone());
            assertEquals(org.marginlab.config.Schedule.ONECYCLE, r.config().schedule());
            assertEquals(r.key().startsWith("cifar10aug-"), r.config().augment(), r.key());
            // Table 1 (CIFAR): Soft 0.01, Arc 0.1, ArcFace 0.1, Center 0.01
            assertEquals(switch (r.config().head()) { case ARC, ARCFACE -> 0.1; default -> 0.01; }, r.config().learningRate(), r.key());
        }
        assertTrue(t6.settings().stream().anyMatch(s -> s.startsWith("DEPARTS FROM THE PAPER: ResNet-20")), t6.settings().toString());
        assertEquals(4 * 5, Presets.plan("table7", false, null, null).runs().size());
        assertEquals(4, Presets.plan("table2", false, null, null).runs().size());
        Plan f8 = Presets.plan("figure8", false, null, null);
        assertEquals(8, f8.runs().size());
        assertTrue(f8.runs().get(4).key().startsWith("cifar100-"), f8.runs().get(4).key());
        // the quick forms take one seed unless --seeds says otherwise (five would not end within 15 minutes on 2 cores)
        assertEquals(8, Presets.plan("table6", true, null, null).runs().size());
        assertEquals(4, Presets.plan("table7", true, null, null).runs().size());
        assertEquals(4 * 2 * 3, Presets.plan("table6", true, 3, null).runs().size());
        Plan q = Presets.plan("table6", true, 1, null);
        assertEquals(8, q.runs().size());
        assertTrue(q.runs().stream().allMatch(r -> r.config().iterations() == 100 && r.config().backbone() == org.marginlab.config.Backbone.COMPACT));
    }

    @Test
    void withoutTheDataEachSaysInOneLineWhereToPutIt(@TempDir Path tmp) throws Exception {
        UserException x = assertThrows(UserException.class, () -> ReproduceData.loader(Presets.plan("table7", true, 1, null), null));
        assertEquals("table7 needs CIFAR-100 in binary form: unpack cifar-100-binary.tar.gz (www.cs.toronto.edu/~kriz/cifar.html) into one "
                + "folder DIR so that DIR/cifar-100-binary/train.bin exists, and pass --data DIR", x.getMessage());
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        x = assertThrows(UserException.class, () -> ReproduceData.loader(Presets.plan("table2", true, 1, empty.toString()), empty));
        assertEquals("table2 needs CIFAR-10 in binary form: unpack cifar-10-binary.tar.gz (www.cs.toronto.edu/~kriz/cifar.html) into one "
                + "folder DIR so that DIR/cifar-10-batches-bin/data_batch_1.bin exists, and pass --data DIR (" + empty
                + " has no cifar-10-batches-bin/data_batch_1.bin)", x.getMessage());
        assertEquals(1, x.getMessage().lines().count());
        // figure8 trains on both: both are named at once
        x = assertThrows(UserException.class, () -> ReproduceData.loader(Presets.plan("figure8", true, 1, null), null));
        assertEquals("figure8 needs CIFAR-10 and CIFAR-100 in binary form: unpack cifar-10-binary.tar.gz and cifar-100-binary.tar.gz "
                + "(www.cs.toronto.edu/~kriz/cifar.html) into one folder DIR so that DIR/cifar-10-batches-bin/data_batch_1.bin and "
                + "DIR/cifar-100-binary/train.bin exist, and pass --data DIR", x.getMessage());
        // an incomplete CIFAR-10 folder: the missing files are named, and a present CIFAR-100 is not asked for
        Path partial = tmp.resolve("partial");
        DataFiles.cifar10(partial, 2, 2);
        DataFiles.cifar100(partial, 3, 2);
        Files.delete(partial.resolve("cifar-10-batches-bin/data_batch_4.bin"));
        Files.delete(partial.resolve("cifar-10-batches-bin/test_batch.bin"));
        x = assertThrows(UserException.class, () -> ReproduceData.loader(Presets.plan("figure8", true, 1, partial.toString()), partial));
        assertEquals("figure8 needs CIFAR-10 in binary form: unpack cifar-10-binary.tar.gz (www.cs.toronto.edu/~kriz/cifar.html) into one "
                + "folder DIR so that DIR/cifar-10-batches-bin/data_batch_1.bin exists, and pass --data DIR (" + partial
                + " has no cifar-10-batches-bin/data_batch_4.bin, test_batch.bin)", x.getMessage());
    }

    @Test
    void everyPresetWritesAReportFromSmallCifarFiles(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        DataFiles.cifar10(data, 40, 60);   // 200 training, 60 test images
        DataFiles.cifar100(data, 300, 200);
        for (String id : List.of("table2", "table3", "table6", "table7", "figure8")) {
            Plan full = Presets.plan(id, true, id.equals("table6") ? 2 : 1, data.toString());
            // the quick plan's runs, cut to 3 iterations of batch 16 for a test
            List<PlannedRun> runs = new ArrayList<>();
            for (PlannedRun r : full.runs()) {
                runs.add(new PlannedRun(r.key(), r.label(), r.group(), r.config().toBuilder().iterations(3).batchSize(16).lambdaAnneal(1)
                        .marginWarmup(1).device(org.marginlab.config.DeviceSpec.parse("cpu")).build()));
            }
            Plan plan = new Plan(full.preset(), true, full.seeds(), 0, 0, List.of(), runs, full.settings());
            Path out = tmp.resolve(id);
            var loader = ReproduceData.loader(plan, data);
            ReproduceRunner.Result res = ReproduceRunner.run(plan, Shard.ALL, out, loader, new PrintWriter(new StringWriter(), true));
            assertTrue(res.outcomes().stream().allMatch(RunOutcome::finished), id);
            List<Figure> figs = ((TablePreset) plan.preset()).figures(plan, res.outcomes());
            Report rep = ReportBuilder.build(plan, res.outcomes(), Environment.detect(), "marginlab reproduce " + id + " --quick",
                    List.of(), ReportWriter.figureFiles(figs));
            ReportWriter.write(out, rep, figs);
            String md = Files.readString(out.resolve("report.md"));
            assertTrue(md.startsWith("# MarginLab reproduction: "), id);
            String csvName = id.equals("figure8") ? "figure8.csv" : id + ".csv";
            List<String> csv = Files.readAllLines(out.resolve("csv").resolve(csvName));
            for (RunOutcome o : res.outcomes()) {
                var s = o.summary();
                // every run trained on its own data set: 10 classes for CIFAR-10, 100 for CIFAR-100
                assertEquals(o.run().config().dataDir().endsWith("cifar-100-binary") ? 100 : 10,
                        org.marginlab.run.RunReader.read(out.resolve("runs").resolve(o.run().key())).config().datasetClasses(), o.run().key());
                if (id.equals("table2") || id.equals("table3")) {
                    String[] row = csv.stream().filter(l -> l.startsWith(o.run().group() + ",")).findFirst().orElseThrow().split(",");
                    assertEquals(100 * s.testError(), Double.parseDouble(row[1]), 1e-9);
                    assertEquals(s.wInter(), Double.parseDouble(row[2]), 1e-12);
                    assertEquals(s.wcIntra(), Double.parseDouble(row[4]), 1e-12);
                    assertTrue(md.contains(String.format(java.util.Locale.ROOT, "| %.4f |", s.wcIntra())), md);
                }
            }
            if (id.equals("table6")) {
                // CIFAR10+ Arc: mean and sample std of its two seeds, from their summary.json
                List<Double> errs = res.outcomes().stream().filter(o -> o.run().group().equals("cifar10aug:arc"))
                        .map(o -> 100 * o.summary().testError()).toList();
                assertEquals(2, errs.size());
                double mean = (errs.get(0) + errs.get(1)) / 2;
                double sd = Math.abs(errs.get(0) - errs.get(1)) / Math.sqrt(2);
                String[] row = csv.stream().filter(l -> l.startsWith("CIFAR10+,arc,")).findFirst().orElseThrow().split(",");
                assertEquals(mean, Double.parseDouble(row[3]), 1e-9);
                assertEquals(sd, Double.parseDouble(row[4]), 1e-9);
                assertTrue(md.contains("seed spread"), "a ranking's support is stated: " + md);
            }
            if (id.equals("figure8")) {
                assertTrue(Files.size(out.resolve("figures/figure8-similarity.png")) > 1000);
                // CIFAR10 runs: 10 features per class (the 60 test images hold 6 of each: 60); CIFAR100: one per class, 100
                // features, no same-class pair
                assertTrue(csv.stream().anyMatch(l -> l.startsWith("cifar10-softmax,60,")), csv.toString());
                assertTrue(csv.stream().anyMatch(l -> l.startsWith("cifar100-softmax,100,,")), csv.toString());
            }
        }
    }
}
