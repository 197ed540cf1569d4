package org.marginlab.reproduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.marginlab.reproduce.ReportBuilderTest.outcome;
import static org.marginlab.reproduce.ReportBuilderTest.summary;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.marginlab.run.MetricsRow;

/**
 * The sentences of the table5, error-vs-epochs and embeddings reports, from synthetic outcomes; every number
 * in them is worked out by hand in the comments (binomial standard error = 100·√(p(1 − p)/n) pp).
 */
class ReportTextTest {

    private static final Environment ENV = new Environment(2, 23.5, "Linux 6 (amd64)", "test CPU", "0.1.0", "25");

    private static Report.Check check(Report rep, String claimStart) {
        return rep.checks().stream().filter(c -> c.claim().startsWith(claimStart)).findFirst().orElseThrow();
    }

    @Test
    void table5SaysHowManySeedsAndHowNoisyOneRunIs() {
        Plan plan = Presets.plan("table5", true, 3, null);
        Map<String, double[]> errs = Map.of("softmax", new double[] {0.060, 0.062, 0.064}, "arc", new double[] {0.059, 0.060, 0.061},
                "arcface", new double[] {0.063, 0.063, 0.063}, "center", new double[] {0.059, 0.059, 0.059});
        Map<String, Integer> seen = new HashMap<>();
        List<RunOutcome> outs = new ArrayList<>();
        for (PlannedRun r : plan.runs()) {
            int i = seen.merge(r.group(), 1, Integer::sum) - 1;
            outs.add(outcome(r, summary(r.group(), errs.get(r.group())[i], 0.3, 1.6, 1.6, 20), List.of(), 1, 2));
        }
        Report rep = ReportBuilder.build(plan, outs, ENV, "cmd", List.of(), List.of());
        // Softmax's mean 6.2 %: 100·√(0.062·0.938/10 000) = 0.2412 pp
        assertTrue(rep.markdown().contains("Mean ± sample standard deviation over 3 seeds. Binomial standard error of one run's "
                + "error: about ±0.24 pp on 10 000 test images."), rep.markdown());
        Report.Check arc = check(rep, "Table 5: Arc's error is below Softmax's");
        assertEquals("Table 5: Arc's error is below Softmax's (paper 6.04 vs 6.30)", arc.claim());
        assertTrue(arc.holds());
        // Softmax 6.0/6.2/6.4 (sd 0.2), Arc 5.9/6.0/6.1 (sd 0.1): s.e. of the difference √(0.04/3 + 0.01/3) = 0.1291, 0.2/0.1291 = 1.55
        assertEquals("ours 6.00 vs 6.20 % (difference -0.20 pp; 1.5 standard errors of the difference over the seeds (within two: "
                + "the seed spread does not support a ranking))", arc.evidence());
        Report.Check center = check(rep, "Table 5: Center");
        assertTrue(center.holds());
        // Center 5.9 thrice (sd 0): √(0.04/3) = 0.1155, 0.3/0.1155 = 2.60
        assertEquals("ours 5.90 vs 6.20 % (difference -0.30 pp; 2.6 standard errors of the difference over the seeds (beyond two: "
                + "supported by the seed spread))", center.evidence());
        // every head within 2 s.e. of the paper (largest gap: Center 5.90 vs 6.04, 0.14 pp < 2 · 0.24)
        assertEquals(List.of(), rep.disagreements());
    }

    @Test
    void table5WithOneSeedSaysSo() {
        Plan plan = Presets.plan("table5", true, 1, null);
        List<RunOutcome> outs = new ArrayList<>();
        for (PlannedRun r : plan.runs()) {
            outs.add(outcome(r, summary(r.group(), 0.10, 0.3, 1.6, 1.6, 20), List.of(), 1, 2));
        }
        Report rep = ReportBuilder.build(plan, outs, ENV, "cmd", List.of(), List.of());
        // 10 %: 100·√(0.1·0.9/10 000) = 0.30 pp
        assertTrue(rep.markdown().contains("One seed per head. Binomial standard error of one run's error: about ±0.30 pp "
                + "on 10 000 test images."), rep.markdown());
        assertTrue(rep.markdown().contains("| Soft | 10.00 | 1 | 6.30 | +3.70 |"), rep.markdown());
        // equal errors: neither Arc nor Center is below Softmax
        assertFalse(check(rep, "Table 5: Arc").holds());
        assertEquals("ours 10.00 vs 10.00 % (difference +0.00 pp; one seed each, one run's binomial standard error ≈ 0.30 pp: no spread, "
                + "so not a finding)", check(rep, "Table 5: Arc").evidence());
    }

    @Test
    void errorVsEpochsSaysWhatARowIsAndHowNoisyACellIs() {
        Plan plan = Presets.plan("error-vs-epochs", true, 1, null);
        long ipe = plan.trainSubset() / plan.runs().get(0).config().batchSize();
        Map<String, Double> acc = Map.of("softmax", 0.80, "arc", 0.85, "arcface", 0.75, "center", 0.70);
        List<RunOutcome> outs = new ArrayList<>();
        for (PlannedRun r : plan.runs()) {
            List<MetricsRow> rows = new ArrayList<>();
            for (int e = 1; e <= 8; e++) {
                rows.add(new MetricsRow(e * ipe, e - 1, 0.5, 0.8, acc.get(r.group()), 3e-3, Double.NaN, Double.NaN, Double.NaN, 100));
            }
            outs.add(new RunOutcome(r, summary(r.group(), 1 - acc.get(r.group()), 0.5, 1.0, 1.0, 8 * ipe), rows,
                    List.of(), Double.NaN, Double.NaN, null));
        }
        Report rep = ReportBuilder.build(plan, outs, ENV, "cmd", List.of(), List.of());
        String md = rep.markdown();
        assertTrue(md.contains("Test error (%). Ours on the left (quick form: an epoch is a pass over 3840 images; each of our "
                + "rows is paired with the paper's row in the same position, not the same epoch count), the paper's Table 4 on "
                + "the right."), md);
        // mean of all cells (20 + 15 + 25 + 30)/4 = 22.5 %: 100·√(0.225·0.775/2000) = 0.934 pp
        assertTrue(md.contains("Bold: the lowest error of the row. Each head is ONE run; its error is read at the end of each "
                + "listed epoch. Binomial standard error of one cell: ±0.93 pp on 2000 test images."), md);
        assertTrue(md.contains("| 8 | 20.00 | **15.00** | 25.00 | 30.00 |"), md);
        Report.Check arcBest = check(rep, "Table 4: Arc has the lowest error");
        assertTrue(arcBest.holds());
        assertEquals("4 of 4 rows", arcBest.evidence());
        Report.Check falls = check(rep, "error falls with more epochs");
        assertFalse(falls.holds()); // flat at 20 %
        assertEquals("20.00 % → 20.00 %", falls.evidence());
        assertEquals(List.of("All our errors are far above the paper's: the quick form trains a compact net on 3840 images for "
                + "at most 8 passes, against ResNet-20 on 60 000 images for 10–200 epochs."), rep.disagreements());
    }

    @Test
    void embeddingsExplainTheSpreadAndNameACollapse() {
        Plan plan = Presets.plan("figure6", true, 1, null);
        List<RunOutcome> outs = new ArrayList<>();
        for (PlannedRun r : plan.runs()) {
            // Softmax WC-Intra 0.8; ArcFace 0.2 (ratio 0.25, compact); Arc 0.6 (ratio 0.75) with centres bunched (C-Inter 0.3)
            double wc = switch (r.group()) {
                case "softmax" -> 0.8;
                case "arcface" -> 0.2;
                case "arc" -> 0.6;
                default -> 0.5;
            };
            double ci = r.group().equals("arc") ? 0.3 : 1.5;
            double err = r.group().equals("arc") ? 0.55 : 0.2;
            outs.add(outcome(r, summary(r.group(), err, wc, 1.6, ci, 30), List.of(), 2 * Math.PI / 10, Math.PI));
        }
        Report rep = ReportBuilder.build(plan, outs, ENV, "cmd", List.of(), List.of());
        String md = rep.markdown();
        // arccos(−1/9) = 1.68214 rad
        assertTrue(md.contains("With d = 2 < C − 1 = 9, ten class weights cannot form a regular simplex (arccos(−1/9) = 1.6821 rad "
                + "between every pair), so W-Inter is not compared with that angle. The spread check below uses the best achievable "
                + "smallest pairwise angle instead: 2π/10 = 0.6283 rad (36°, ten directions evenly spaced on the circle)."), md);
        assertTrue(md.contains("Radians; angle statistics and test error on 10 000 test images. The paper's figure prints no numbers."), md);
        Report.Check arcface = check(rep, "features of ArcFace");
        assertEquals("features of ArcFace more compact in angle than Softmax's (WC-Intra ≤ 50 % of Softmax's)", arcface.claim());
        assertTrue(arcface.holds());
        assertEquals("WC-Intra 0.2000 vs 0.8000 rad (ratio 0.25)", arcface.evidence());
        Report.Check arc = check(rep, "features of Arc ");
        assertFalse(arc.holds());
        String collapse = rep.disagreements().stream().filter(d -> d.contains("collapsed")).findFirst().orElseThrow();
        assertEquals("Expected (the paper's figure shows it): features of Arc more compact in angle than Softmax's (WC-Intra ≤ 50 % "
                + "of Softmax's); ours does not (WC-Intra 0.6000 vs 0.8000 rad (ratio 0.75)). Most likely reason: the features of Arc "
                + "collapsed rather than trained slowly: its class centres are bunched (C-Inter 0.3000 rad, Softmax 1.5000) and its "
                + "test error is 55.0 %. This is not only the short run: MarginLab's engine notes (docs/training.md) report the same "
                + "collapse of the angular loss (s = 7) in 2-D after two full epochs.", collapse);
    }
}
