package org.marginlab.reproduce;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marginlab.run.MetricsRow;
import org.marginlab.run.RunFiles;
import org.marginlab.run.RunSummary;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report from synthetic run outcomes: no training. Expected numbers are worked out by hand below. */
class ReportBuilderTest {

    private static final List<InvocationLog.Entry> LOG = List.of(
            new InvocationLog.Entry("2026-01-01T10:00:00Z", "marginlab reproduce x --quick", 100, 3, 0, 0),
            new InvocationLog.Entry("2026-01-01T11:00:00Z", "marginlab reproduce x --quick", 50, 0, 1, 2));
    private static final Environment ENV = new Environment(2, 23.5, "Linux 6 (amd64)", "test CPU", "0.1.0", "25");

    static RunSummary summary(String head, double err, Double wc, Double wi, Double ci, long iters) {
        return new RunSummary("finished", "finished " + iters + " iterations", head, "compact", 16, 42, iters, 0,
                err < 0 ? null : 1 - err, err < 0 ? null : err, wc, wi, ci, 12.5, 300, "cpu", "0.1.0", "0.35.1",
                "PyTorch 2.7.1", "25", List.of());
    }

    static RunOutcome outcome(PlannedRun r, RunSummary s, List<double[]> curve, double wMin, double wMax) {
        return new RunOutcome(r, s, List.of(), curve, wMin, wMax, null);
    }

    private static String[] row(List<String[]> rows, String first) {
        return rows.stream().filter(r -> r[0].equals(first)).findFirst().orElseThrow();
    }

    @Test
    void anglesTablePaperColumnsChecksAndDisagreements() {
        Plan plan = Presets.plan("angles", true, 1, null);
        // WC-Intra: softmax 0.85; arc 0.3 (ratio 0.35 → well below); arcface 0.5 (ratio 0.59 → not); W-Inter of arc on the simplex
        Map<String, double[]> stats = new HashMap<>();
        stats.put("softmax", new double[] {0.85, 1.2679, 1.6});
        stats.put("arc", new double[] {0.3, 1.6821, 1.65});
        stats.put("arcface", new double[] {0.5, 1.60, 1.6});
        stats.put("center", new double[] {0.56, 1.47, 1.64});
        List<RunOutcome> outs = new ArrayList<>();
        for (PlannedRun r : plan.runs()) {
            double s = r.config().headParams().s();
            double[] st = stats.getOrDefault(r.group(), new double[] {0.7, 1.0, 1.2});
            // the sweep: WC-Intra at the last snapshot = 1/s, so larger s is smaller
            List<double[]> curve = List.of(new double[] {5, 1.2}, new double[] {30, 1.0 / s});
            outs.add(outcome(r, summary(r.config().head().id(), 0.2, st[0], st[1], st[2], 30), curve, 1.60, 1.75));
        }
        Report rep = ReportBuilder.build(plan, outs, ENV, "marginlab reproduce angles --quick", LOG, List.of("figures/fig5-wc-intra-vs-iteration.png"));

        assertTrue(rep.markdown().contains("| Soft | 1.2679 | 1.6000 | 0.8500 | 1.6000 | 20.00 | 1.2679 / 1.6366 / 0.9089 | 1.5680 / 1.5648 / 0.4056 |"),
                rep.markdown());
        // the Fig. 5 figure says what moved: each sweep run's s rose from 1 over the quick form's 80-iteration warm-up
        SeriesChartFigure fig5Chart = (SeriesChartFigure) ((AnglesPreset) plan.preset()).figures(plan, outs).getFirst();
        assertTrue(fig5Chart.subtitle().contains("; s rises from 1 to its value over the first 80 iterations; QUICK form"), fig5Chart.subtitle());
        assertTrue(rep.markdown().contains("**Form: QUICK.**"));
        assertTrue(rep.markdown().contains("was not run for this report"));
        assertTrue(rep.markdown().contains("    marginlab reproduce angles --quick"));
        assertTrue(rep.markdown().contains("Total wall time: 150 s (2.5 min)."), rep.markdown());
        String[] arc = row(rep.csvs().get("angles-table.csv"), "arc");
        assertEquals("1.6821", arc[2]);
        assertEquals("0.3", arc[4]);
        assertEquals("0.0039", arc[10]);

        Map<String, Boolean> holds = new HashMap<>();
        for (Report.Check c : rep.checks()) {
            holds.put(c.claim(), c.holds());
        }
        assertEquals(Boolean.TRUE, holds.get("WC-Intra of Arc well below Softmax's (≤ 50 % of it)"));
        assertEquals(Boolean.FALSE, holds.get("WC-Intra of ArcFace well below Softmax's (≤ 50 % of it)"));
        assertTrue(rep.checks().stream().anyMatch(c -> c.claim().startsWith("W-Inter of Arc") && c.holds()));
        // ArcFace 1.60 is 0.082 off 1.6821: not within 0.05
        assertTrue(rep.checks().stream().anyMatch(c -> c.claim().startsWith("W-Inter of ArcFace") && !c.holds()));
        Report.Check fig5 = rep.checks().stream().filter(c -> c.claim().startsWith("Fig. 5")).findFirst().orElseThrow();
        assertTrue(fig5.holds());
        assertTrue(fig5.evidence().startsWith("15 of 15 pairs"), fig5.evidence());
        // six s values in the sweep CSV, two points each
        assertEquals(1 + 12, rep.csvs().get("fig5-table.csv").size());

        // Softmax WC-Intra 0.85 vs 0.9089 is within 0.1 → no note; ArcFace WC-Intra 0.5 vs 0.0021 → note with reasons
        assertFalse(rep.disagreements().stream().anyMatch(d -> d.startsWith("Soft:")));
        String af = rep.disagreements().stream().filter(d -> d.startsWith("ArcFace:")).findFirst().orElseThrow();
        assertTrue(af.contains("WC-Intra 0.5000 vs 0.0021"), af);
        assertTrue(af.contains("CIFAR10+") && af.contains("quick form"), af);
    }

    @Test
    void figure5OverThreeSeedsReportsMeanAndSpreadAndExplainsAReversalBySaturation() {
        Plan plan = Presets.plan("angles", true, null, null);
        List<RunOutcome> outs = new ArrayList<>();
        for (PlannedRun r : plan.runs()) {
            double s = r.config().headParams().s();
            // reversed: the last probe WC-Intra grows with s, 0.1·s, plus 0.02 per seed after 42
            double last = 0.1 * s + 0.02 * (r.config().seed() - 42);
            List<double[]> curve = List.of(new double[] {0, 1.2}, new double[] {240, last});
            outs.add(outcome(r, summary(r.config().head().id(), 0.2, 0.5, 1.6, 1.6, 240), curve, 1.0, 2.0));
        }
        Report rep = ReportBuilder.build(plan, outs, ENV, "cmd", LOG, List.of());
        // s = 5: 0.50, 0.52, 0.54 → mean 0.52, sample std sqrt((0.02² + 0 + 0.02²)/2) = 0.02
        assertTrue(rep.markdown().contains("| 5 | 42, 43, 44 | 1.2000 | 0.5200 ± 0.0200 | 0.5000, 0.5200, 0.5400 | 0.5000 ± 0.0000 |"),
                rep.markdown());
        assertTrue(rep.markdown().contains("warms s up linearly from 1 to its value over its first 80 iterations (of 240)"), rep.markdown());
        assertEquals(1 + 18 * 2, rep.csvs().get("fig5-table.csv").size());
        assertTrue(rep.csvs().get("fig5-table.csv").stream().anyMatch(r -> String.join(",", r).equals("12,44,240,1.24")));

        Report.Check fig5 = rep.checks().stream().filter(c -> c.claim().startsWith("Fig. 5")).findFirst().orElseThrow();
        assertFalse(fig5.holds());
        assertTrue(fig5.evidence().startsWith("0 of 15 pairs"), fig5.evidence());
        String why = rep.disagreements().stream().filter(d -> d.startsWith("Fig. 5")).findFirst().orElseThrow();
        assertTrue(why.contains("saturation of P_y") && why.contains("peaks at s ≈ 1.34"), why);
        assertTrue(why.contains("first 80 of 240 iterations") && why.contains("last 160 iterations"), why);
        assertFalse(why.contains("Adam normalises"), why);

        // The figure draws one mean curve per s: at iteration 240, s = 5 is (0.50 + 0.52 + 0.54) / 3.
        org.marginlab.figures.Figure f = ((TablePreset) plan.preset()).figures(plan, outs).get(0);
        List<String[]> rows = f.csv();
        assertEquals(1 + 6 * 2, rows.size());
        String[] s5 = rows.stream().filter(r -> r[0].equals("s = 5 (mean of 3 seeds)") && Double.parseDouble(r[1]) == 240)
                .findFirst().orElseThrow();
        assertEquals(0.52, Double.parseDouble(s5[2]), 1e-12);
    }

    @Test
    void thePullOfEquation11PeaksNearOnePointThreeFour() {
        // 1 + 9·e^(−x) = x at x = 2.10101 (by hand: 1 + 9·e^(−2.10101) = 2.10101), s = x / (π/2)
        assertEquals(2.10101 / (Math.PI / 2), AnglesPreset.peakPullS(10), 1e-4);
        double peak = AnglesPreset.peakPullS(10);
        assertTrue(AnglesPreset.targetPull(peak, 10) > AnglesPreset.targetPull(peak - 0.01, 10));
        assertTrue(AnglesPreset.targetPull(peak, 10) > AnglesPreset.targetPull(peak + 0.01, 10));
    }

    @Test
    void errorVsEpochsReadsEpochEndsAndFlagsRowsWhereArcIsNotBest() {
        Plan plan = Presets.plan("error-vs-epochs", true, 1, null);
        long ipe = plan.trainSubset() / plan.runs().get(0).config().batchSize();
        // test accuracy at the end of epoch e: softmax 0.70 + 0.02e, arc 0.75 + 0.02e, arcface 0.60, center 0.80 at epoch 8 only
        List<RunOutcome> outs = new ArrayList<>();
        for (PlannedRun r : plan.runs()) {
            List<MetricsRow> rows = new ArrayList<>();
            for (int e = 1; e <= 8; e++) {
                double acc = switch (r.group()) {
                    case "softmax" -> 0.70 + 0.02 * e;
                    case "arc" -> 0.75 + 0.02 * e;
                    case "arcface" -> 0.60;
                    default -> e == 8 ? 0.95 : 0.50;
                };
                rows.add(new MetricsRow(e * ipe, e - 1, 0.5, 0.8, acc, 3e-3, Double.NaN, Double.NaN, Double.NaN, 100));
                rows.add(new MetricsRow(e * ipe - 1, e - 1, 0.5, 0.8, Double.NaN, 3e-3, Double.NaN, Double.NaN, Double.NaN, 100));
            }
            outs.add(new RunOutcome(r, summary(r.group(), 1 - rows.get(14).testAccuracy(), 0.5, 1.0, 1.0, 8 * ipe), rows,
                    List.of(), Double.NaN, Double.NaN, null));
        }
        Report rep = ReportBuilder.build(plan, outs, ENV, "cmd", LOG, List.of());
        List<String[]> csv = rep.csvs().get("table4.csv");
        // epoch 4: softmax 1 − 0.78 = 22 %, arc 1 − 0.83 = 17 %, arcface 40 %, center 50 %; paired with the paper's 80-epoch row
        String[] r4 = row(csv, "4");
        assertEquals(22.0, Double.parseDouble(r4[1]), 1e-9);
        assertEquals(17.0, Double.parseDouble(r4[2]), 1e-9);
        assertEquals(40.0, Double.parseDouble(r4[3]), 1e-9);
        assertEquals("80", r4[5]);
        assertEquals("6.07", r4[7]);
        assertTrue(rep.markdown().contains("| 4 | 22.00 | **17.00** | 40.00 | 50.00 | 80 | 9.43 | **6.07** | 6.22 | 6.64 |"), rep.markdown());
        // epoch 8: center 5 % beats arc 1 − 0.91 = 9 %, by 4 pp ≫ 2 × binomial s.e. on 1000 images (≈ 1.4 pp)
        Report.Check arcBest = rep.checks().stream().filter(c -> c.claim().startsWith("Table 4")).findFirst().orElseThrow();
        assertFalse(arcBest.holds());
        assertEquals("3 of 4 rows", arcBest.evidence());
        String note = rep.disagreements().stream().filter(d -> d.startsWith("After 8 epochs")).findFirst().orElseThrow();
        assertTrue(note.contains("Center has the lowest error (5.00 %), not Arc (9.00 %, +4.00 pp)"), note);
        assertFalse(note.contains("noise"), note);
    }

    @Test
    void table5MeanAndStdOverSeeds() {
        Plan plan = Presets.plan("table5", true, 3, null);
        assertEquals(12, plan.runs().size());
        List<RunOutcome> outs = new ArrayList<>();
        Map<String, double[]> errs = Map.of("softmax", new double[] {0.060, 0.062, 0.064}, "arc", new double[] {0.059, 0.060, 0.061},
                "arcface", new double[] {0.063, 0.063, 0.063}, "center", new double[] {0.20, 0.21, 0.22});
        Map<String, Integer> seen = new HashMap<>();
        for (PlannedRun r : plan.runs()) {
            int i = seen.merge(r.group(), 1, Integer::sum) - 1;
            outs.add(outcome(r, summary(r.group(), errs.get(r.group())[i], 0.3, 1.6, 1.6, 20), List.of(), 1, 2));
        }
        Report rep = ReportBuilder.build(plan, outs, ENV, "cmd", LOG, List.of());
        // softmax: mean 6.2, sample std sqrt(((−.2)² + 0 + .2²)/2) = 0.2
        assertTrue(rep.markdown().contains("| Soft | 6.20 ± 0.20 | 3 | 6.30 | -0.10 |"), rep.markdown());
        assertTrue(rep.markdown().contains("| Arc | 6.00 ± 0.10 | 3 | 6.04 | -0.04 |"), rep.markdown());
        assertTrue(rep.markdown().contains("| ArcFace | 6.30 ± 0.00 | 3 | 6.27 | +0.03 |"), rep.markdown());
        String[] soft = row(rep.csvs().get("table5.csv"), "softmax");
        assertEquals("6;6.2;6.4", soft[4]);
        assertTrue(rep.checks().stream().anyMatch(c -> c.claim().startsWith("Table 5: Arc") && c.holds()));
        assertTrue(rep.checks().stream().anyMatch(c -> c.claim().startsWith("Table 5: Center") && !c.holds()));
        // only Center (21 % vs 6.04 %) is beyond noise
        assertEquals(1, rep.disagreements().size(), rep.disagreements().toString());
        assertTrue(rep.disagreements().get(0).startsWith("Center: 21.00 % vs the paper's 6.04 % (+14.96 pp)"));
    }

    @Test
    void lowDimensionalSpreadIsComparedWithTheBestAchievableNotTheSimplex() {
        Plan plan = Presets.plan("figure6", true, 1, null);
        List<RunOutcome> outs = new ArrayList<>();
        for (PlannedRun r : plan.runs()) {
            // arc's weights 36° apart at worst (the best on the circle), normface's only 10°
            double min = r.group().equals("normface") ? Math.toRadians(10) : 2 * Math.PI / 10;
            outs.add(outcome(r, summary(r.group(), 0.3, 0.4, 1.7, 1.7, 30), List.of(), min, Math.PI));
        }
        Report rep = ReportBuilder.build(plan, outs, ENV, "cmd", LOG, List.of());
        Report.Check arc = rep.checks().stream().filter(c -> c.claim().startsWith("class weights of Arc")).findFirst().orElseThrow();
        assertTrue(arc.holds());
        assertTrue(rep.markdown().contains("cannot form a regular simplex") && rep.markdown().contains("2π/10 = 0.6283 rad"));
        assertTrue(rep.checks().stream().anyMatch(c -> c.claim().startsWith("class weights of normface") && !c.holds()));
        assertTrue(rep.markdown().contains("best possible 0.6283"));
    }

    @Test
    void reversedSweepIsReportedWithTheEq11Pull() {
        Plan plan = Presets.plan("angles", true, 1, null);
        List<RunOutcome> outs = new ArrayList<>();
        for (PlannedRun r : plan.runs()) {
            double s = r.config().headParams().s();
            // WC-Intra growing with s; W-Inter at π/2 as for random directions
            outs.add(outcome(r, summary(r.group(), 0.14, 0.5, Math.PI / 2, 1.5, 240), List.of(new double[] {240, s / 20}), 1, 2));
        }
        Report rep = ReportBuilder.build(plan, outs, ENV, "cmd", LOG, List.of());
        String fig5 = rep.disagreements().stream().filter(d -> d.startsWith("Fig. 5")).findFirst().orElseThrow();
        // s = 1: P_y = e^π / (e^π + 9 e^{π/2}) = 23.141 / (23.141 + 43.288) = 0.3483, pull 0.65;
        // s = 3: P_y = 1 / (1 + 9 e^{−4.712}) = 1 / 1.0809 = 0.9252, pull 3 × 0.0748 = 0.22
        assertTrue(fig5.contains("0 of 15 pairs") && fig5.contains("s=1: 0.65,") && fig5.contains("s=3: 0.22"), fig5);
        assertEquals(0.6517, AnglesPreset.targetPull(1, 10), 1e-4);
        assertTrue(rep.disagreements().stream().anyMatch(d -> d.startsWith("W-Inter of Arc") && d.contains("random initial directions")));
    }

    @Test
    void collapsedFeaturesAreNamedAsSuch() {
        Plan plan = Presets.plan("figure6", true, 1, null);
        List<RunOutcome> outs = new ArrayList<>();
        for (PlannedRun r : plan.runs()) {
            boolean arc = r.group().equals("arc");
            // arc: WC-Intra 1.3 > Softmax's 0.25 and class centres bunched (C-Inter 0.33 < 0.6)
            outs.add(outcome(r, summary(r.group(), arc ? 0.81 : 0.34, arc ? 1.3 : 0.25, 1.5, arc ? 0.33 : 1.66, 240), List.of(), 0.7, 3));
        }
        Report rep = ReportBuilder.build(plan, outs, ENV, "cmd", LOG, List.of());
        List<String> arcNotes = rep.disagreements().stream().filter(d -> d.contains("features of Arc more compact")).toList();
        assertEquals(1, arcNotes.size(), arcNotes.toString());
        assertTrue(arcNotes.get(0).contains("collapsed") && arcNotes.get(0).contains("C-Inter 0.3300 rad, Softmax 1.6600")
                && arcNotes.get(0).contains("81.0 %"), arcNotes.get(0));
    }

    @Test
    void simplexAndBestSpreadAngles() {
        assertEquals(1.6821, PaperNumbers.simplexAngle(10), 5e-5); // the paper's Arc/ArcFace W-Inter on CIFAR10+
        assertEquals(Math.toRadians(36), PaperNumbers.bestMinPairAngle(10, 2), 1e-12);
        assertEquals(PaperNumbers.simplexAngle(10), PaperNumbers.bestMinPairAngle(10, 9), 0);
        assertTrue(Double.isNaN(PaperNumbers.bestMinPairAngle(10, 5)));
    }

    @Test
    void resumeSkipsEndedRunsResumesCheckpointedOnesAndRestartsTheRest(@TempDir Path tmp) throws Exception {
        Path ended = Files.createDirectories(tmp.resolve("ended"));
        Files.writeString(ended.resolve(RunFiles.CONFIG), "{}");
        Files.writeString(ended.resolve(RunFiles.CHECKPOINT), "x");
        Files.writeString(ended.resolve(RunFiles.SUMMARY), "{}");
        Path cut = Files.createDirectories(tmp.resolve("cut"));
        Files.writeString(cut.resolve(RunFiles.CONFIG), "{}");
        Files.writeString(cut.resolve(RunFiles.CHECKPOINT), "x");
        Path early = Files.createDirectories(tmp.resolve("early"));
        Files.writeString(early.resolve(RunFiles.CONFIG), "{}");
        assertEquals(RunAction.SKIP, RunAction.decide(ended));
        assertEquals(RunAction.RESUME, RunAction.decide(cut));
        assertEquals(RunAction.RESTART, RunAction.decide(early));
        assertEquals(RunAction.START, RunAction.decide(tmp.resolve("none")));
    }
}
