package org.marginlab.reproduce;

import static org.marginlab.reproduce.Presets.ALL_HEADS;
import static org.marginlab.reproduce.Presets.FIG5_SEEDS;
import static org.marginlab.reproduce.Presets.QUICK_ANGLE_ITERS;
import static org.marginlab.reproduce.Presets.QUICK_ANGLE_SNAP;
import static org.marginlab.reproduce.Presets.QUICK_BATCH;
import static org.marginlab.reproduce.Presets.QUICK_LR;
import static org.marginlab.reproduce.Presets.QUICK_PROBE;
import static org.marginlab.reproduce.Presets.SEED;
import static org.marginlab.reproduce.Presets.config;
import static org.marginlab.reproduce.Presets.fmt;
import static org.marginlab.reproduce.Presets.params;
import static org.marginlab.reproduce.Presets.quickText;
import static org.marginlab.reproduce.Presets.table1Lr;
import static org.marginlab.reproduce.Presets.table1Text;
import static org.marginlab.reproduce.ReportBuilder.CLASSES;
import static org.marginlab.reproduce.ReportBuilder.WELL_BELOW;
import static org.marginlab.reproduce.ReportBuilder.csv;
import static org.marginlab.reproduce.ReportBuilder.finished;
import static org.marginlab.reproduce.ReportBuilder.name;
import static org.marginlab.reproduce.ReportBuilder.pct;
import static org.marginlab.reproduce.ReportBuilder.rad;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.marginlab.figures.Figure;
import org.marginlab.loss.HeadKind;
import org.marginlab.loss.HeadParams;
import org.marginlab.run.RunSummary;
import org.marginlab.config.Backbone;
import org.marginlab.config.Schedule;
import org.marginlab.config.TrainConfig;

/**
 * {@code angles}: W-Inter, C-Inter and WC-Intra for every head (angular-loss paper Tables 2–3), and WC-Intra
 * against the iteration for the angular loss over a sweep of s (Fig. 5), over {@code --seeds} seeds.
 */
final class AnglesPreset implements TablePreset {

    @Override
    public String id() {
        return "angles";
    }

    @Override
    public boolean takesSeeds() {
        return true;
    }

    @Override
    public int defaultSeeds(boolean quick) {
        return FIG5_SEEDS;
    }

    @Override
    public Plan plan(boolean quick, int seeds, String dataDir) {
        int dim = quick ? 16 : 64;
        List<PlannedRun> runs = new ArrayList<>();
        List<String> set = new ArrayList<>();
        long iters = quick ? QUICK_ANGLE_ITERS : 0;
        int snap = quick ? QUICK_ANGLE_SNAP : 200;
        for (HeadKind k : ALL_HEADS) {
            TrainConfig c = quick
                    ? config(dataDir, Backbone.COMPACT, dim, k, params(k, dim), QUICK_LR, Schedule.ONECYCLE, QUICK_BATCH, 1, iters, SEED, QUICK_PROBE, snap)
                    : config(dataDir, Backbone.RESNET20, dim, k, params(k, dim), table1Lr(k), Schedule.ONECYCLE, 256, 60, 0, SEED, 100, snap);
            runs.add(new PlannedRun(k.id(), org.marginlab.figures.RunData.defaultLabel(c), k.id(), c));
        }
        // Seed by seed, so the first seed's sweep is complete before the others start.
        for (int i = 0; i < seeds; i++) {
            long seed = SEED + i;
            for (double s : PaperNumbers.FIG5_S) {
                HeadParams p = HeadParams.defaults(HeadKind.ARC).withS(s);
                if (i == 0 && p.equals(params(HeadKind.ARC, dim))) {
                    continue; // the head table's arc run is this point of the first seed's sweep
                }
                TrainConfig c = quick
                        ? config(dataDir, Backbone.COMPACT, dim, HeadKind.ARC, p, QUICK_LR, Schedule.ONECYCLE, QUICK_BATCH, 1, iters, seed, QUICK_PROBE, snap)
                        : config(dataDir, Backbone.RESNET20, dim, HeadKind.ARC, p, table1Lr(HeadKind.ARC), Schedule.ONECYCLE, 256, 60, 0, seed, 100, snap);
                // the first seed's keys are those of the single-seed sweep, so its runs are reused
                runs.add(new PlannedRun(i == 0 ? "arc-s" + fmt(s) : "arc-s" + fmt(s) + "-seed" + seed,
                        org.marginlab.figures.RunData.defaultLabel(c) + (i == 0 ? "" : ", seed " + seed), "s-sweep", c));
            }
        }
        if (quick) {
            set.add(quickText(dim) + ", one-cycle over " + iters + " iterations (" + iters * QUICK_BATCH
                    + " training images, " + String.format(Locale.ROOT, "%.0f", 100.0 * iters * QUICK_BATCH / 60000)
                    + " % of one epoch) instead of 60 epochs");
            set.add("angle statistics at the end on all 10 000 test images; Fig. 5's WC-Intra every "
                    + snap + " iterations from a probe of " + QUICK_PROBE + " test images per class (paper: every 200 iterations)");
        } else {
            set.add(table1Text() + ", 60 epochs");
            set.add("angle statistics at the end on the whole test set; Fig. 5's WC-Intra every 200 iterations from a probe of 100 test images per class");
        }
        set.add("d = " + dim + " ≥ C − 1 = 9, so the class weights can form a regular simplex; ArcFace s = 16, m = 0.5; CosFace s = 16, m = 0.35; "
                + "Arc s = 7 in the table, s ∈ {1, 3, 5, 7, 12, 20} in Fig. 5; Center λ = 0.01");
        set.add(quick ? Presets.quickSchedulesText(iters) + "; Fig. 5's runs reach their s only then"
                : Presets.fullSchedulesText() + "; Fig. 5's runs reach their s only then");
        set.add("the table: one seed (" + SEED + "); Fig. 5's sweep: " + (seeds > 1 ? seeds + " seeds (" + SEED + "…" + (SEED + seeds - 1)
                + ") per s, mean ± sample standard deviation" : "one seed (" + SEED + ")"));
        return new Plan(this, quick, seeds, 0, 0, List.of(), runs, set);
    }

    @Override
    public String title() {
        return "angle statistics (angular-loss paper Tables 2–3, Fig. 5)";
    }

    @Override
    public String purpose() {
        return "W-Inter (mean angle between class weights, Eq. 13), C-Inter (mean angle between class feature centres, "
                + "Eq. 14 as its text defines it) and WC-Intra (mean angle between a class's feature centre and its weight, Eq. 12), "
                + "in radians, for every head on Fashion-MNIST, and WC-Intra against the iteration for the angular loss with "
                + "s ∈ {1, 3, 5, 7, 12, 20} (Fig. 5). The paper's angle tables are for CIFAR10+ (Table 2) and CIFAR100 (Table 3), "
                + "not Fashion-MNIST: they are shown beside ours for their pattern, not as a target.";
    }

    @Override
    public void results(ReportBuilder rep) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"head", "label", "w_inter_rad", "c_inter_rad", "wc_intra_rad", "w_min_pair_rad", "w_max_pair_rad",
            "test_error_pct", "paper_cifar10_w_inter", "paper_cifar10_c_inter", "paper_cifar10_wc_intra",
            "paper_cifar100_w_inter", "paper_cifar100_c_inter", "paper_cifar100_wc_intra"});
        rep.md.append("Ours: Fashion-MNIST, d = ").append(rep.dim()).append(", ").append(rep.plan.quick() ? "quick form" : "full form")
                .append(". Paper: CIFAR10+ (Table 2) / CIFAR100 (Table 3). Radians.\n\n");
        rep.md.append("| Method | W-Inter | C-Inter | WC-Intra | min ∠(W_i,W_j) | test error % | paper CIFAR10+ W-Inter / C-Inter / WC-Intra "
                + "| paper CIFAR100 W-Inter / C-Inter / WC-Intra |\n");
        rep.md.append("|---|---|---|---|---|---|---|---|\n");
        for (RunOutcome o : rep.byGroupOrder()) {
            if ("s-sweep".equals(o.run().group())) {
                continue;
            }
            String h = o.run().group();
            RunSummary s = o.summary();
            PaperNumbers.Angles p2 = PaperNumbers.TABLE2_CIFAR10.get(h);
            PaperNumbers.Angles p3 = PaperNumbers.TABLE3_CIFAR100.get(h);
            rep.md.append("| ").append(name(o)).append(" | ").append(rad(s == null ? null : s.wInter())).append(" | ")
                    .append(rad(s == null ? null : s.cInter())).append(" | ").append(rad(s == null ? null : s.wcIntra())).append(" | ")
                    .append(rad(o.wMinAngle())).append(" | ").append(pct(o.finalTestError())).append(" | ")
                    .append(p2 == null ? "—" : rad(p2.wInter()) + " / " + rad(p2.cInter()) + " / " + rad(p2.wcIntra())).append(" | ")
                    .append(p3 == null ? "—" : rad(p3.wInter()) + " / " + rad(p3.cInter()) + " / " + rad(p3.wcIntra())).append(" |\n");
            rows.add(new String[] {h, o.run().label(), csv(s == null ? null : s.wInter()), csv(s == null ? null : s.cInter()),
                csv(s == null ? null : s.wcIntra()), csv(o.wMinAngle()), csv(o.wMaxAngle()), csv(o.finalTestError()),
                p2 == null ? "" : csv(p2.wInter()), p2 == null ? "" : csv(p2.cInter()), p2 == null ? "" : csv(p2.wcIntra()),
                p3 == null ? "" : csv(p3.wInter()), p3 == null ? "" : csv(p3.cInter()), p3 == null ? "" : csv(p3.wcIntra())});
        }
        rep.csvs.put("angles-table.csv", rows);
        rep.md.append("\nTest-set angle statistics at the end of training (").append(rep.plan.testSubset() > 0
                ? "first " + rep.plan.testSubset() + " test images" : "all 10 000 test images").append("). The regular-simplex angle for C = 10 is arccos(−1/9) = ")
                .append(rad(PaperNumbers.simplexAngle(CLASSES))).append(" rad.\n\n");

        // Fig. 5
        List<Fig5Sweep> sweep = Fig5Sweep.of(rep.outcomes);
        boolean seeds = sweep.stream().anyMatch(p -> p.runs().size() > 1);
        List<String[]> curve = new ArrayList<>();
        curve.add(new String[] {"s", "seed", "iteration", "wc_intra_probe_rad"});
        rep.md.append("### Fig. 5: WC-Intra vs. iteration, angular loss\n\n");
        // Runs recorded from 1 Dec 2026 on start at the untrained iteration 0; name the iteration shown.
        String firstAt = sweep.stream().flatMap(p -> p.runs().stream()).filter(o -> !o.wcIntraCurve().isEmpty())
                .map(o -> Long.toString((long) o.wcIntraCurve().get(0)[0])).findFirst().orElse("?");
        rep.md.append("| s | seeds | WC-Intra at first snapshot (probe, iteration ").append(firstAt)
                .append(") | WC-Intra at last snapshot (probe)").append(seeds ? ", mean ± std | per seed" : "")
                .append(" | WC-Intra, test set, end | W-Inter, end | test error % |\n");
        rep.md.append(seeds ? "|---|---|---|---|---|---|---|---|\n" : "|---|---|---|---|---|---|---|\n");
        for (Fig5Sweep p : sweep) {
            double[] last = p.lastProbe();
            double[] first = p.runs().stream().mapToDouble(o -> o.wcIntraCurve().isEmpty() ? Double.NaN : o.wcIntraCurve().get(0)[1]).toArray();
            double[] wc = p.runs().stream().mapToDouble(o -> o.summary() == null || o.summary().wcIntra() == null ? Double.NaN
                    : o.summary().wcIntra()).toArray();
            double[] wi = p.runs().stream().mapToDouble(o -> o.summary() == null || o.summary().wInter() == null ? Double.NaN
                    : o.summary().wInter()).toArray();
            double[] err = p.runs().stream().mapToDouble(RunOutcome::finalTestError).toArray();
            rep.md.append("| ").append(fmt(p.s())).append(" | ").append(p.runs().stream().map(o -> Long.toString(o.run().config().seed()))
                    .collect(java.util.stream.Collectors.joining(", "))).append(" | ").append(rad(Fig5Sweep.mean(first))).append(" | ")
                    .append(spread(last, ReportBuilder::rad));
            if (seeds) {
                rep.md.append(" | ").append(java.util.Arrays.stream(last).mapToObj(ReportBuilder::rad).collect(java.util.stream.Collectors.joining(", ")));
            }
            rep.md.append(" | ").append(spread(wc, ReportBuilder::rad)).append(" | ").append(spread(wi, ReportBuilder::rad)).append(" | ")
                    .append(spread(err, ReportBuilder::pct)).append(" |\n");
            for (RunOutcome o : p.runs()) {
                for (double[] c : o.wcIntraCurve()) {
                    curve.add(new String[] {fmt(p.s()), Long.toString(o.run().config().seed()), Long.toString((long) c[0]), csv(c[1])});
                }
            }
        }
        rep.csvs.put("fig5-table.csv", curve);
        rep.md.append("\n").append(seeds ? "Values with ± are the mean and sample standard deviation over the seeds; the others are means. " : "")
                .append("The paper's Fig. 5 is a plot without printed values; it shows WC-Intra falling faster and lower for larger s.");
        RunOutcome any = sweep.isEmpty() ? null : sweep.get(0).runs().get(0);
        if (any != null && any.run().config().marginWarmup() > 0) {
            rep.md.append(String.format(Locale.ROOT, " Every run of the sweep warms s up linearly from 1 to its value over its first %d "
                    + "iterations (of %d), so each curve's label holds only from iteration %d on.",
                    any.run().config().marginWarmup(), any.summary() == null ? any.run().config().iterations() : any.summary().iterations(),
                    any.run().config().marginWarmup()));
        }
        rep.md.append("\n\n");

        // checks
        RunOutcome soft = rep.head("softmax");
        for (String h : List.of("arc", "arcface")) {
            RunOutcome o = rep.head(h);
            if (finished(soft) && finished(o) && soft.summary().wcIntra() != null && o.summary().wcIntra() != null) {
                double r = o.summary().wcIntra() / soft.summary().wcIntra();
                rep.checks.add(new Report.Check("WC-Intra of " + PaperNumbers.paperName(h) + " well below Softmax's (≤ "
                        + (int) (WELL_BELOW * 100) + " % of it)", r <= WELL_BELOW,
                        String.format(Locale.ROOT, "%s %.4f vs Softmax %.4f rad (ratio %.2f; paper CIFAR10+: %.4f vs %.4f)",
                                PaperNumbers.paperName(h), o.summary().wcIntra(), soft.summary().wcIntra(), r,
                                PaperNumbers.TABLE2_CIFAR10.get(h).wcIntra(), PaperNumbers.TABLE2_CIFAR10.get("softmax").wcIntra())));
            }
        }
        rep.spreadChecks();
        if (sweep.size() >= 3) {
            int agree = 0;
            int pairs = 0;
            StringBuilder ev = new StringBuilder();
            for (int i = 0; i < sweep.size(); i++) {
                double wi = Fig5Sweep.mean(sweep.get(i).lastProbe());
                ev.append(i == 0 ? "" : ", ").append("s=").append(fmt(sweep.get(i).s())).append(": ")
                        .append(spread(sweep.get(i).lastProbe(), ReportBuilder::rad));
                for (int j = i + 1; j < sweep.size(); j++) {
                    double wj = Fig5Sweep.mean(sweep.get(j).lastProbe());
                    if (Double.isFinite(wi) && Double.isFinite(wj)) {
                        pairs++;
                        if (wj < wi) { // sweep is sorted by s, so a larger s should give a smaller WC-Intra
                            agree++;
                        }
                    }
                }
            }
            boolean fig5 = pairs > 0 && agree == pairs;
            rep.checks.add(new Report.Check("Fig. 5: a larger s gives a smaller WC-Intra", fig5,
                    agree + " of " + pairs + " pairs of s values are in that order at the last snapshot (" + ev
                            + (seeds ? "; mean ± std over seeds, compared by the mean" : "") + ")"));
            if (!fig5) {
                rep.disagreements.add(fig5Reason(rep, sweep, agree, pairs));
            }
        }

        // disagreements against Table 2 (C = 10 like ours)
        for (String h : PaperNumbers.PAPER_HEADS) {
            RunOutcome o = rep.head(h);
            if (!finished(o)) {
                continue;
            }
            PaperNumbers.Angles p = PaperNumbers.TABLE2_CIFAR10.get(h);
            List<String> off = new ArrayList<>();
            off(off, "W-Inter", o.summary().wInter(), p.wInter());
            off(off, "C-Inter", o.summary().cInter(), p.cInter());
            off(off, "WC-Intra", o.summary().wcIntra(), p.wcIntra());
            if (!off.isEmpty()) {
                rep.disagreements.add(PaperNumbers.paperName(h) + ": " + String.join("; ", off) + " (ours vs Table 2, more than 0.1 rad apart). "
                        + "Most likely reason: " + angleReason(rep, o, h));
            }
        }
    }

    /**
     * Why Fig. 5 comes out reversed: P_y saturates. The pull towards W_y that Eq. 11 leaves a sample is
     * s(1 − P_y), which peaks at a small s and vanishes for a large one; Adam is not needed for it
     * (an independent replica, one seed, shows the same order with SGD + momentum).
     */
    private static String fig5Reason(ReportBuilder rep, List<Fig5Sweep> sweep, int agree, int pairs) {
        StringBuilder pull = new StringBuilder();
        for (Fig5Sweep p : sweep) {
            pull.append(pull.length() == 0 ? "" : ", ").append("s=").append(fmt(p.s())).append(": ")
                    .append(String.format(Locale.ROOT, "%.2g", targetPull(p.s(), CLASSES)));
        }
        RunOutcome any = sweep.get(0).runs().get(0);
        int warmup = any.run().config().marginWarmup();
        long iters = any.summary() == null ? any.run().config().iterations() : any.summary().iterations();
        return String.format(Locale.ROOT, "Fig. 5: our WC-Intra does not fall with s as the paper's figure shows (%d of %d pairs in the "
                + "paper's order). Most likely reason: saturation of P_y. By the paper's own Eq. 11 a sample at θ_y = 0 with the other "
                + "classes at π/2 is still pulled towards its W_y with s(1 − P_y), which peaks at s ≈ %.2f and vanishes beyond it (%s); "
                + "so with a small s every sample keeps being drawn to its class weight, while with a large s only the misclassified "
                + "ones are. Adam's per-parameter step scaling is not needed for the reversal: an independent PyTorch replica "
                + "(bench/fig5_replica.py: compact CNN, d = 16, seed 42 only) shows the same order with SGD + momentum 0.9. %s%s", agree, pairs, peakPullS(CLASSES), pull,
                warmup > 0 ? String.format(Locale.ROOT, "Every run warms s up from 1 over its first %d of %d iterations, so all of them "
                        + "start where the pull is largest and a large s holds for only the last %d iterations. ", warmup, iters,
                        Math.max(0, iters - warmup)) : "",
                rep.plan.quick() ? "And the quick form's " + iters + " iterations show only the start of the paper's curves."
                        : "The paper does not state Fig. 5's other settings.");
    }

    /** "mean ± std" of the finite values, or just the value for one of them. */
    private static String spread(double[] v, java.util.function.DoubleFunction<String> fmt) {
        double sd = Fig5Sweep.sampleStd(v);
        return fmt.apply(Fig5Sweep.mean(v)) + (Double.isFinite(sd) ? " ± " + fmt.apply(sd) : "");
    }

    private static void off(List<String> out, String stat, Double ours, double paper) {
        if (ours != null && Math.abs(ours - paper) > 0.1) {
            out.add(String.format(Locale.ROOT, "%s %.4f vs %.4f", stat, ours, paper));
        }
    }

    private static String angleReason(ReportBuilder rep, RunOutcome o, String h) {
        StringBuilder b = new StringBuilder("the paper's angles are for CIFAR10+ with ResNet-18 over 160 epochs, not Fashion-MNIST");
        if (rep.plan.quick()) {
            b.append("; and the quick form trains only ").append(o.summary().iterations())
                    .append(" iterations of a compact net: it stops early rather than converging");
            List<double[]> c = o.wcIntraCurve();
            if (c.size() >= 2) {
                double mid = c.get(c.size() / 2)[1];
                double end = c.get(c.size() - 1)[1];
                b.append(String.format(Locale.ROOT, " (its one-cycle rate is annealed to near zero at the end, so the probe WC-Intra moved only "
                        + "from %.3f to %.3f rad over the last half of the run)", mid, end));
            }
        } else if ("softmax".equals(h) || "center".equals(h)) {
            b.append("; unnormalised heads leave the weight norms free, so their angles depend on the run's length and weight decay");
        }
        return b.append('.').toString();
    }

    /** Eq. 11's target pull s(1 − P_y) at θ_y = 0 with every other class at π/2 (logits s(π − θ)). */
    static double targetPull(double s, int classes) {
        double py = 1 / (1 + (classes - 1) * Math.exp(-s * Math.PI / 2));
        return s * (1 - py);
    }

    /**
     * The s at which {@link #targetPull} is largest. Setting its derivative to zero gives
     * 1 + (C − 1)·e^(−x) = x for x = s·π/2; the left side falls and the right rises, so bisection finds it.
     */
    static double peakPullS(int classes) {
        double lo = 0;
        double hi = 2.0 * classes;
        for (int i = 0; i < 100; i++) {
            double x = (lo + hi) / 2;
            if (1 + (classes - 1) * Math.exp(-x) > x) {
                lo = x;
            } else {
                hi = x;
            }
        }
        return (lo + hi) / 2 / (Math.PI / 2);
    }

    @Override
    public List<Figure> figures(Plan plan, List<RunOutcome> outcomes) {
        XYSeriesCollection c = new XYSeriesCollection();
        for (Fig5Sweep point : Fig5Sweep.of(outcomes)) {
            List<double[]> mean = point.meanCurve();
            if (mean.isEmpty()) {
                continue;
            }
            XYSeries s = new XYSeries("s = " + fmt(point.s())
                    + (point.runs().size() > 1 ? " (mean of " + point.runs().size() + " seeds)" : ""), false, true);
            for (double[] p : mean) {
                s.add(p[0], p[1]);
            }
            c.addSeries(s);
        }
        int every = plan.runs().get(0).config().snapshotEvery();
        // what moved over the runs: s rises from 1 over the warm-up its config.json fixed (the same for every run of a plan)
        List<Integer> warm = Fig5Sweep.of(outcomes).stream().flatMap(p -> p.runs().stream()).filter(RunOutcome::finished)
                .map(o -> o.run().config().marginWarmup()).filter(w -> w > 0).distinct().sorted().toList();
        String moved = warm.isEmpty() ? "" : "; s rises from 1 to its value over the first "
                + (warm.size() == 1 ? warm.getFirst() : warm.getFirst() + "–" + warm.getLast()) + " iterations";
        return List.of(new SeriesChartFigure("fig5-wc-intra-vs-iteration", "WC-Intra vs. iteration, angular loss (cf. Fig. 5)",
                "Fashion-MNIST, every " + every + " iterations, class centres of a probe of "
                        + plan.runs().get(0).config().probePerClass() + " test images per class" + moved
                        + (plan.quick() ? "; QUICK form" : ""), "iteration", "WC-Intra (rad)", c));
    }
}
