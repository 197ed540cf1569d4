package org.marginlab.reproduce;

import org.marginlab.loss.HeadKind;
import org.marginlab.run.RunSummary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds a preset's report from its runs' outcomes: the Markdown, the CSV tables, the qualitative checks
 * and the notes on where our numbers disagree with the paper's. Pure: no training, no files.
 */
public final class ReportBuilder {

    static final int CLASSES = 10;
    /** Normalised-weight heads: their class weights can only spread by angle. */
    static final List<String> NORMALISED = List.of("normface", "cosface", "arcface", "arc");
    /** "Well below": at most this fraction of Softmax's WC-Intra. */
    static final double WELL_BELOW = 0.5;
    /** W-Inter counts as "near" the simplex angle within this many radians (about 3°). */
    static final double NEAR_SIMPLEX = 0.05;
    /** Class centres closer than this on average (rad) count as collapsed (ten classes spread evenly on a circle: 1.745). */
    static final double COLLAPSED = 0.6;

    private final Plan plan;
    private final List<RunOutcome> outcomes;
    private final Environment env;
    private final String command;
    private final List<InvocationLog.Entry> invocations;
    private final List<String> figureFiles;
    private final Map<String, List<String[]>> csvs = new LinkedHashMap<>();
    private final List<Report.Check> checks = new ArrayList<>();
    private final List<String> disagreements = new ArrayList<>();
    private final java.util.Set<String> explained = new java.util.HashSet<>();
    private final StringBuilder md = new StringBuilder();

    private ReportBuilder(Plan plan, List<RunOutcome> outcomes, Environment env, String command,
                          List<InvocationLog.Entry> invocations, List<String> figureFiles) {
        this.plan = plan;
        this.outcomes = outcomes;
        this.env = env;
        this.command = command;
        this.invocations = List.copyOf(invocations);
        this.figureFiles = figureFiles;
    }

    /**
     * @param command     the exact command line that made the runs
     * @param invocations every reproduce command that worked on this report's runs, this one last
     * @param figureFiles figure file names relative to the report (e.g. {@code figures/fig5-wc-intra.png})
     */
    public static Report build(Plan plan, List<RunOutcome> outcomes, Environment env, String command,
                               List<InvocationLog.Entry> invocations, List<String> figureFiles) {
        return new ReportBuilder(plan, outcomes, env, command, invocations, figureFiles).build();
    }

    private Report build() {
        md.append("# MarginLab reproduction: ").append(title()).append("\n\n");
        md.append(purpose()).append("\n\n");
        md.append(plan.quick()
                ? "**Form: QUICK.** A CPU-sized stand-in for the paper's experiment (settings below); its numbers are not the paper's "
                  + "setting and are not expected to match it. The full form (the same command without `--quick`) is meant for a GPU "
                  + "and was not run for this report.\n\n"
                : "**Form: full** (the paper's settings as far as it states them).\n\n");
        md.append("## Command\n\n    ").append(command).append("\n\n");
        md.append("Running it again regenerates this report: finished runs (with `summary.json`) under `runs/` are reused, an "
                + "interrupted run continues from its checkpoint, missing runs are trained. Delete `runs/` to train everything anew.\n\n");
        md.append("## Settings\n\n");
        for (String s : plan.settings()) {
            md.append("- ").append(s).append('\n');
        }
        md.append("- same seed for every run (").append(plan.runs().isEmpty() ? Presets.SEED
                : plan.runs().get(0).config().seed()).append(when(plan.seeds() > 1, " and the next ones for further seeds"))
                .append("), so initialisation and data order are shared\n\n");
        md.append("## Results\n\n");
        switch (plan.preset()) {
            case "angles" -> angles();
            case "error-vs-epochs" -> errorVsEpochs();
            case "table5" -> table5();
            default -> embeddings();
        }
        md.append("## Qualitative checks\n\n");
        if (checks.isEmpty()) {
            md.append("None could be computed (no finished runs).\n");
        }
        for (Report.Check c : checks) {
            md.append("- **").append(c.holds() ? "holds" : "does not hold").append("**: ").append(c.claim()).append(" — ")
                    .append(c.evidence()).append('\n');
        }
        md.append("\n## Where our numbers disagree with the paper, and why\n\n");
        if (disagreements.isEmpty()) {
            md.append("No disagreement beyond the noise of the test set.\n");
        }
        for (String d : disagreements) {
            md.append("- ").append(d).append('\n');
        }
        md.append('\n');
        if (!figureFiles.isEmpty()) {
            md.append("## Figures\n\n");
            for (String f : figureFiles) {
                md.append("![").append(f).append("](").append(f).append(")\n\n");
            }
        }
        runsTable();
        machine();
        md.append("## Files\n\n");
        for (String name : csvs.keySet()) {
            md.append("- `csv/").append(name).append("`\n");
        }
        for (String f : figureFiles) {
            String id = f.substring(f.lastIndexOf('/') + 1, f.lastIndexOf('.'));
            md.append("- `").append(f).append("` (its plotted data: `csv/").append(id).append(".csv`)\n");
        }
        md.append("- `runs/<run>/`: each run's config.json, metrics.csv, summary.json, snapshots (not committed)\n");
        return new Report(md.toString(), csvs, checks, disagreements);
    }

    private String title() {
        return switch (plan.preset()) {
            case "angles" -> "angle statistics (angular-loss paper Tables 2–3, Fig. 5)";
            case "error-vs-epochs" -> "test error vs. epochs (angular-loss paper Table 4)";
            case "table5" -> "Fashion-MNIST test error (angular-loss paper Table 5)";
            case "figure6" -> "2-D embeddings per loss (angular-loss paper Fig. 6)";
            default -> "3-D features on the sphere (AM-Softmax paper Fig. 4)";
        };
    }

    private String purpose() {
        return switch (plan.preset()) {
            case "angles" -> "W-Inter (mean angle between class weights, Eq. 13), C-Inter (mean angle between class feature centres, "
                    + "Eq. 14 as its text defines it) and WC-Intra (mean angle between a class's feature centre and its weight, Eq. 12), "
                    + "in radians, for every head on Fashion-MNIST, and WC-Intra against the iteration for the angular loss with "
                    + "s ∈ {1, 3, 5, 7, 12, 20} (Fig. 5). The paper's angle tables are for CIFAR10+ (Table 2) and CIFAR100 (Table 3), "
                    + "not Fashion-MNIST: they are shown beside ours for their pattern, not as a target.";
            case "error-vs-epochs" -> "Test error (%) of Softmax, Arc, ArcFace and Center after a list of epoch counts, in the layout "
                    + "of Table 4 (the paper: 10/20/80/200 epochs on Fashion-MNIST; it claims Arc is best in every row).";
            case "table5" -> "Final test error (%) per head with ResNet-20 and Table 1's settings (the paper: Soft 6.30, Arc 6.04, "
                    + "ArcFace 6.27, Center 6.04).";
            case "figure6" -> "The 2-D features of test images per head, raw (not normalised) as in the paper's Fig. 6, with the "
                    + "class weights as rays.";
            default -> "The 3-D features of test images per head, normalised onto the sphere as in the AM-Softmax paper's Fig. 4.";
        };
    }

    // ---------------------------------------------------------------- angles

    private void angles() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"head", "label", "w_inter_rad", "c_inter_rad", "wc_intra_rad", "w_min_pair_rad", "w_max_pair_rad",
            "test_error_pct", "paper_cifar10_w_inter", "paper_cifar10_c_inter", "paper_cifar10_wc_intra",
            "paper_cifar100_w_inter", "paper_cifar100_c_inter", "paper_cifar100_wc_intra"});
        md.append("Ours: Fashion-MNIST, d = ").append(dim()).append(", ").append(plan.quick() ? "quick form" : "full form")
                .append(". Paper: CIFAR10+ (Table 2) / CIFAR100 (Table 3). Radians.\n\n");
        md.append("| Method | W-Inter | C-Inter | WC-Intra | min ∠(W_i,W_j) | test error % | paper CIFAR10+ W-Inter / C-Inter / WC-Intra "
                + "| paper CIFAR100 W-Inter / C-Inter / WC-Intra |\n");
        md.append("|---|---|---|---|---|---|---|---|\n");
        for (RunOutcome o : byGroupOrder()) {
            if ("s-sweep".equals(o.run().group())) {
                continue;
            }
            String h = o.run().group();
            RunSummary s = o.summary();
            PaperNumbers.Angles p2 = PaperNumbers.TABLE2_CIFAR10.get(h);
            PaperNumbers.Angles p3 = PaperNumbers.TABLE3_CIFAR100.get(h);
            md.append("| ").append(name(o)).append(" | ").append(rad(s == null ? null : s.wInter())).append(" | ")
                    .append(rad(s == null ? null : s.cInter())).append(" | ").append(rad(s == null ? null : s.wcIntra())).append(" | ")
                    .append(rad(o.wMinAngle())).append(" | ").append(pct(o.finalTestError())).append(" | ")
                    .append(p2 == null ? "—" : rad(p2.wInter()) + " / " + rad(p2.cInter()) + " / " + rad(p2.wcIntra())).append(" | ")
                    .append(p3 == null ? "—" : rad(p3.wInter()) + " / " + rad(p3.cInter()) + " / " + rad(p3.wcIntra())).append(" |\n");
            rows.add(new String[] {h, o.run().label(), csv(s == null ? null : s.wInter()), csv(s == null ? null : s.cInter()),
                csv(s == null ? null : s.wcIntra()), csv(o.wMinAngle()), csv(o.wMaxAngle()), csv(o.finalTestError()),
                p2 == null ? "" : csv(p2.wInter()), p2 == null ? "" : csv(p2.cInter()), p2 == null ? "" : csv(p2.wcIntra()),
                p3 == null ? "" : csv(p3.wInter()), p3 == null ? "" : csv(p3.cInter()), p3 == null ? "" : csv(p3.wcIntra())});
        }
        csvs.put("angles-table.csv", rows);
        md.append("\nTest-set angle statistics at the end of training (").append(plan.testSubset() > 0
                ? "first " + plan.testSubset() + " test images" : "all 10 000 test images").append("). The regular-simplex angle for C = 10 is arccos(−1/9) = ")
                .append(rad(PaperNumbers.simplexAngle(CLASSES))).append(" rad.\n\n");

        // Fig. 5
        List<Fig5Sweep> sweep = Fig5Sweep.of(outcomes);
        boolean seeds = sweep.stream().anyMatch(p -> p.runs().size() > 1);
        List<String[]> curve = new ArrayList<>();
        curve.add(new String[] {"s", "seed", "iteration", "wc_intra_probe_rad"});
        md.append("### Fig. 5: WC-Intra vs. iteration, angular loss\n\n");
        // Runs recorded from 1 Dec 2026 on start at the untrained iteration 0; name the iteration shown.
        String firstAt = sweep.stream().flatMap(p -> p.runs().stream()).filter(o -> !o.wcIntraCurve().isEmpty())
                .map(o -> Long.toString((long) o.wcIntraCurve().get(0)[0])).findFirst().orElse("?");
        md.append("| s | seeds | WC-Intra at first snapshot (probe, iteration ").append(firstAt)
                .append(") | WC-Intra at last snapshot (probe)").append(seeds ? ", mean ± std | per seed" : "")
                .append(" | WC-Intra, test set, end | W-Inter, end | test error % |\n");
        md.append(seeds ? "|---|---|---|---|---|---|---|---|\n" : "|---|---|---|---|---|---|---|\n");
        for (Fig5Sweep p : sweep) {
            double[] last = p.lastProbe();
            double[] first = p.runs().stream().mapToDouble(o -> o.wcIntraCurve().isEmpty() ? Double.NaN : o.wcIntraCurve().get(0)[1]).toArray();
            double[] wc = p.runs().stream().mapToDouble(o -> o.summary() == null || o.summary().wcIntra() == null ? Double.NaN
                    : o.summary().wcIntra()).toArray();
            double[] wi = p.runs().stream().mapToDouble(o -> o.summary() == null || o.summary().wInter() == null ? Double.NaN
                    : o.summary().wInter()).toArray();
            double[] err = p.runs().stream().mapToDouble(RunOutcome::finalTestError).toArray();
            md.append("| ").append(Presets.fmt(p.s())).append(" | ").append(p.runs().stream().map(o -> Long.toString(o.run().config().seed()))
                    .collect(java.util.stream.Collectors.joining(", "))).append(" | ").append(rad(Fig5Sweep.mean(first))).append(" | ")
                    .append(spread(last, ReportBuilder::rad));
            if (seeds) {
                md.append(" | ").append(java.util.Arrays.stream(last).mapToObj(ReportBuilder::rad).collect(java.util.stream.Collectors.joining(", ")));
            }
            md.append(" | ").append(spread(wc, ReportBuilder::rad)).append(" | ").append(spread(wi, ReportBuilder::rad)).append(" | ")
                    .append(spread(err, ReportBuilder::pct)).append(" |\n");
            for (RunOutcome o : p.runs()) {
                for (double[] c : o.wcIntraCurve()) {
                    curve.add(new String[] {Presets.fmt(p.s()), Long.toString(o.run().config().seed()), Long.toString((long) c[0]), csv(c[1])});
                }
            }
        }
        csvs.put("fig5-table.csv", curve);
        md.append("\n").append(seeds ? "Values with ± are the mean and sample standard deviation over the seeds; the others are means. " : "")
                .append("The paper's Fig. 5 is a plot without printed values; it shows WC-Intra falling faster and lower for larger s.");
        RunOutcome any = sweep.isEmpty() ? null : sweep.get(0).runs().get(0);
        if (any != null && any.run().config().marginWarmup() > 0) {
            md.append(String.format(Locale.ROOT, " Every run of the sweep warms s up linearly from 1 to its value over its first %d "
                    + "iterations (of %d), so each curve's label holds only from iteration %d on.",
                    any.run().config().marginWarmup(), any.summary() == null ? any.run().config().iterations() : any.summary().iterations(),
                    any.run().config().marginWarmup()));
        }
        md.append("\n\n");

        // checks
        RunOutcome soft = head("softmax");
        for (String h : List.of("arc", "arcface")) {
            RunOutcome o = head(h);
            if (finished(soft) && finished(o) && soft.summary().wcIntra() != null && o.summary().wcIntra() != null) {
                double r = o.summary().wcIntra() / soft.summary().wcIntra();
                checks.add(new Report.Check("WC-Intra of " + PaperNumbers.paperName(h) + " well below Softmax's (≤ "
                        + (int) (WELL_BELOW * 100) + " % of it)", r <= WELL_BELOW,
                        String.format(Locale.ROOT, "%s %.4f vs Softmax %.4f rad (ratio %.2f; paper CIFAR10+: %.4f vs %.4f)",
                                PaperNumbers.paperName(h), o.summary().wcIntra(), soft.summary().wcIntra(), r,
                                PaperNumbers.TABLE2_CIFAR10.get(h).wcIntra(), PaperNumbers.TABLE2_CIFAR10.get("softmax").wcIntra())));
            }
        }
        spreadChecks();
        if (sweep.size() >= 3) {
            int agree = 0;
            int pairs = 0;
            StringBuilder ev = new StringBuilder();
            for (int i = 0; i < sweep.size(); i++) {
                double wi = Fig5Sweep.mean(sweep.get(i).lastProbe());
                ev.append(i == 0 ? "" : ", ").append("s=").append(Presets.fmt(sweep.get(i).s())).append(": ")
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
            checks.add(new Report.Check("Fig. 5: a larger s gives a smaller WC-Intra", fig5,
                    agree + " of " + pairs + " pairs of s values are in that order at the last snapshot (" + ev
                            + (seeds ? "; mean ± std over seeds, compared by the mean" : "") + ")"));
            if (!fig5) {
                disagreements.add(fig5Reason(sweep, agree, pairs));
            }
        }

        // disagreements against Table 2 (C = 10 like ours)
        for (String h : PaperNumbers.PAPER_HEADS) {
            RunOutcome o = head(h);
            if (!finished(o)) {
                continue;
            }
            PaperNumbers.Angles p = PaperNumbers.TABLE2_CIFAR10.get(h);
            List<String> off = new ArrayList<>();
            off(off, "W-Inter", o.summary().wInter(), p.wInter());
            off(off, "C-Inter", o.summary().cInter(), p.cInter());
            off(off, "WC-Intra", o.summary().wcIntra(), p.wcIntra());
            if (!off.isEmpty()) {
                disagreements.add(PaperNumbers.paperName(h) + ": " + String.join("; ", off) + " (ours vs Table 2, more than 0.1 rad apart). "
                        + "Most likely reason: " + angleReason(o, h));
            }
        }
    }

    /**
     * Why Fig. 5 comes out reversed: P_y saturates. The pull towards W_y that Eq. 11 leaves a sample is
     * s(1 − P_y), which peaks at a small s and vanishes for a large one; the optimiser is not the cause
     * (an independent replica shows the same reversal with plain SGD).
     */
    private String fig5Reason(List<Fig5Sweep> sweep, int agree, int pairs) {
        StringBuilder pull = new StringBuilder();
        for (Fig5Sweep p : sweep) {
            pull.append(pull.length() == 0 ? "" : ", ").append("s=").append(Presets.fmt(p.s())).append(": ")
                    .append(String.format(Locale.ROOT, "%.2g", targetPull(p.s(), CLASSES)));
        }
        RunOutcome any = sweep.get(0).runs().get(0);
        int warmup = any.run().config().marginWarmup();
        long iters = any.summary() == null ? any.run().config().iterations() : any.summary().iterations();
        return String.format(Locale.ROOT, "Fig. 5: our WC-Intra does not fall with s as the paper's figure shows (%d of %d pairs in the "
                + "paper's order). Most likely reason: saturation of P_y. By the paper's own Eq. 11 a sample at θ_y = 0 with the other "
                + "classes at π/2 is still pulled towards its W_y with s(1 − P_y), which peaks at s ≈ %.2f and vanishes beyond it (%s); "
                + "so with a small s every sample keeps being drawn to its class weight, while with a large s only the misclassified "
                + "ones are. The optimiser is not the cause: the reversal does not need Adam's per-parameter step scaling (an independent "
                + "PyTorch replica, compact CNN, d = 16, shows it with plain SGD too). %s%s", agree, pairs, peakPullS(CLASSES), pull,
                warmup > 0 ? String.format(Locale.ROOT, "Every run warms s up from 1 over its first %d of %d iterations, so all of them "
                        + "start where the pull is largest and a large s holds for only the last %d iterations. ", warmup, iters,
                        Math.max(0, iters - warmup)) : "",
                plan.quick() ? "And the quick form's " + iters + " iterations show only the start of the paper's curves."
                        : "The paper does not state Fig. 5's other settings.");
    }

    /** "mean ± std" of the finite values, or just the value for one of them. */
    private static String spread(double[] v, java.util.function.DoubleFunction<String> fmt) {
        double sd = Fig5Sweep.sampleStd(v);
        return fmt.apply(Fig5Sweep.mean(v)) + (Double.isFinite(sd) ? " ± " + fmt.apply(sd) : "");
    }

    private void off(List<String> out, String stat, Double ours, double paper) {
        if (ours != null && Math.abs(ours - paper) > 0.1) {
            out.add(String.format(Locale.ROOT, "%s %.4f vs %.4f", stat, ours, paper));
        }
    }

    private String angleReason(RunOutcome o, String h) {
        StringBuilder b = new StringBuilder("the paper's angles are for CIFAR10+ with ResNet-18 over 160 epochs, not Fashion-MNIST");
        if (plan.quick()) {
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

    // ---------------------------------------------------------------- shared spread check

    private void spreadChecks() {
        int d = dim();
        double best = PaperNumbers.bestMinPairAngle(CLASSES, d);
        double simplex = PaperNumbers.simplexAngle(CLASSES);
        for (String h : NORMALISED) {
            RunOutcome o = head(h);
            if (!finished(o) || o.summary().wInter() == null) {
                continue;
            }
            double w = o.summary().wInter();
            if (d >= CLASSES - 1) {
                boolean near = Math.abs(w - simplex) <= NEAR_SIMPLEX;
                checks.add(new Report.Check("W-Inter of " + name(o) + " near the regular-simplex angle arccos(−1/9) = "
                        + rad(simplex) + " rad (within " + NEAR_SIMPLEX + " rad)", near,
                        String.format(Locale.ROOT, "W-Inter %.4f rad (off by %+.4f); pairwise angles of the class weights range %.4f–%.4f rad "
                                + "(a simplex has them all equal)", w, w - simplex, o.wMinAngle(), o.wMaxAngle())));
                if (!near) {
                    disagreements.add(String.format(Locale.ROOT, "W-Inter of %s is %.4f rad, not the simplex's %.4f (Table 2: 1.6821 for "
                            + "Arc and ArcFace). Most likely reason: %s", name(o), w, simplex, Math.abs(w - Math.PI / 2) < NEAR_SIMPLEX
                            ? String.format(Locale.ROOT, "the class weights have hardly left their random initial directions, whose mean "
                                    + "pairwise angle in %d dimensions is about π/2 = 1.5708%s", d, plan.quick()
                                    ? " (the quick form trains only " + o.summary().iterations() + " iterations)" : "")
                            : plan.quick() ? "the quick form's " + o.summary().iterations() + " iterations are too few for the weights to settle"
                            : "training has not spread the weights evenly"));
                }
            } else {
                boolean spread = Double.isFinite(best) && o.wMinAngle() >= 0.8 * best;
                checks.add(new Report.Check("class weights of " + name(o) + " spread as far as d = " + d
                        + " allows (smallest pairwise angle ≥ 80 % of the best possible " + rad(best) + " rad)", spread,
                        String.format(Locale.ROOT, "smallest pairwise angle %.4f rad, largest %.4f, W-Inter %.4f",
                                o.wMinAngle(), o.wMaxAngle(), w)));
            }
        }
    }

    // ---------------------------------------------------------------- error vs epochs

    private void errorVsEpochs() {
        List<Integer> eps = plan.epochList();
        List<String> heads = PaperNumbers.PAPER_HEADS;
        long ipe = itersPerEpoch();
        double[][] ours = new double[eps.size()][heads.size()];
        for (int r = 0; r < eps.size(); r++) {
            for (int c = 0; c < heads.size(); c++) {
                ours[r][c] = errorAt(heads.get(c), eps.get(r), ipe);
            }
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"epochs", "softmax_pct", "arc_pct", "arcface_pct", "center_pct", "paper_epochs",
            "paper_softmax_pct", "paper_arc_pct", "paper_arcface_pct", "paper_center_pct"});
        md.append("Test error (%). Ours on the left");
        if (plan.quick()) {
            md.append(" (quick form: an epoch is a pass over ").append(plan.trainSubset()).append(" images; each of our rows is paired with "
                    + "the paper's row in the same position, not the same epoch count)");
        }
        md.append(", the paper's Table 4 on the right.\n\n");
        md.append("| Epochs | Soft | Arc | ArcFace | Center | paper epochs | Soft | Arc | ArcFace | Center |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (int r = 0; r < eps.size(); r++) {
            int pr = Math.min(r, PaperNumbers.TABLE4_EPOCHS.size() - 1);
            String[] row = new String[10];
            row[0] = eps.get(r).toString();
            row[5] = PaperNumbers.TABLE4_EPOCHS.get(pr).toString();
            md.append("| ").append(eps.get(r));
            for (int c = 0; c < 4; c++) {
                md.append(" | ").append(bold(ours[r], c));
                row[1 + c] = csv(ours[r][c]);
            }
            md.append(" | ").append(PaperNumbers.TABLE4_EPOCHS.get(pr));
            double[] paper = new double[4];
            for (int c = 0; c < 4; c++) {
                paper[c] = PaperNumbers.TABLE4_ERROR.get(heads.get(c))[pr];
                row[6 + c] = csv(paper[c]);
            }
            for (int c = 0; c < 4; c++) {
                md.append(" | ").append(bold(paper, c));
            }
            md.append(" |\n");
            rows.add(row);
        }
        csvs.put("table4.csv", rows);
        md.append("\nBold: the lowest error of the row. ").append(plan.quick()
                ? "Each head is ONE run; its error is read at the end of each listed epoch."
                : "Each cell is its own run trained for exactly that many epochs, as the paper's rows.").append(" Binomial standard error of one cell: ±")
                .append(String.format(Locale.ROOT, "%.2f", noisePct(meanOf(ours)))).append(" pp on ").append(count(testCount())).append(" test images.\n\n");

        int arcBest = 0;
        int rowsKnown = 0;
        for (int r = 0; r < eps.size(); r++) {
            int best = argMin(ours[r]);
            if (best < 0) {
                continue;
            }
            rowsKnown++;
            if (best == 1) {
                arcBest++;
            } else {
                double gap = ours[r][1] - ours[r][best];
                disagreements.add(String.format(Locale.ROOT, "After %d epoch%s %s has the lowest error (%.2f %%), not Arc (%.2f %%, +%.2f pp); "
                        + "the paper has Arc lowest in every row. Most likely reason: %s", eps.get(r), eps.get(r) == 1 ? "" : "s", PaperNumbers.paperName(heads.get(best)),
                        ours[r][best], ours[r][1], gap, gap < 2 * noisePct(ours[r][1])
                                ? "the gap is within two binomial standard errors of the test set, i.e. noise"
                                : plan.quick() ? "the quick form's tiny training set and constant learning rate; the paper's rows are full runs of ResNet-20"
                                : "one seed per cell; the paper does not report its variance"));
            }
        }
        if (rowsKnown > 0) {
            checks.add(new Report.Check("Table 4: Arc has the lowest error after every epoch count", arcBest == rowsKnown,
                    arcBest + " of " + rowsKnown + " rows"));
            double ourGap = ours[eps.size() - 1][0] - ours[0][0];
            checks.add(new Report.Check("error falls with more epochs (Softmax, first vs last row)", ourGap < 0,
                    String.format(Locale.ROOT, "%.2f %% → %.2f %%", ours[0][0], ours[eps.size() - 1][0])));
        }
        if (plan.quick()) {
            disagreements.add("All our errors are far above the paper's: the quick form trains a compact net on " + plan.trainSubset()
                    + " images for at most " + eps.get(eps.size() - 1) + " passes, against ResNet-20 on 60 000 images for 10–200 epochs.");
        }
    }

    private double errorAt(String h, int epoch, long ipe) {
        for (RunOutcome o : outcomes) {
            if (!o.run().group().equals(h) || o.summary() == null) {
                continue;
            }
            if (o.run().config().epochs() == epoch && o.run().config().iterations() == 0 && finished(o)) {
                return o.finalTestError();
            }
        }
        for (RunOutcome o : outcomes) {
            if (o.run().group().equals(h) && o.run().config().epochs() >= epoch) {
                double v = o.testErrorAtEpoch(epoch, ipe);
                if (!Double.isNaN(v)) {
                    return v;
                }
            }
        }
        return Double.NaN;
    }

    // ---------------------------------------------------------------- table 5

    private void table5() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"head", "runs", "mean_error_pct", "std_error_pct", "per_seed_pct", "paper_error_pct"});
        md.append("| Method | ours: test error % | runs | paper % | ours − paper |\n|---|---|---|---|---|\n");
        Map<String, double[]> stats = new LinkedHashMap<>();
        for (String h : PaperNumbers.PAPER_HEADS) {
            List<Double> errs = new ArrayList<>();
            for (RunOutcome o : outcomes) {
                if (o.run().group().equals(h) && finished(o) && Double.isFinite(o.finalTestError())) {
                    errs.add(o.finalTestError());
                }
            }
            double mean = errs.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            double std = Double.NaN;
            if (errs.size() > 1) {
                double ss = 0;
                for (double e : errs) {
                    ss += (e - mean) * (e - mean);
                }
                std = Math.sqrt(ss / (errs.size() - 1));
            }
            stats.put(h, new double[] {mean, std, errs.size()});
            double paper = PaperNumbers.TABLE5_ERROR.get(h);
            md.append("| ").append(PaperNumbers.paperName(h)).append(" | ").append(pct(mean))
                    .append(errs.size() > 1 ? " ± " + pct(std) : "").append(" | ").append(errs.size()).append(" | ")
                    .append(pct(paper)).append(" | ").append(Double.isFinite(mean) ? String.format(Locale.ROOT, "%+.2f", mean - paper) : "—")
                    .append(" |\n");
            rows.add(new String[] {h, Integer.toString(errs.size()), csv(mean), csv(std),
                String.join(";", errs.stream().map(ReportBuilder::csv).toList()), csv(paper)});
        }
        csvs.put("table5.csv", rows);
        md.append("\n").append(plan.seeds() > 1 ? "Mean ± sample standard deviation over " + plan.seeds() + " seeds." : "One seed per head.")
                .append(String.format(Locale.ROOT, " Binomial standard error of one run's error: about ±%.2f pp on %s test images.%n%n",
                        noisePct(stats.get("softmax")[0]), count(testCount())));
        double soft = stats.get("softmax")[0];
        // the paper: "our method and center loss are best"
        for (String h : List.of("arc", "center")) {
            double v = stats.get(h)[0];
            if (Double.isFinite(soft) && Double.isFinite(v)) {
                checks.add(new Report.Check(String.format(Locale.ROOT, "Table 5: %s's error is below Softmax's (paper %.2f vs 6.30)",
                        PaperNumbers.paperName(h), PaperNumbers.TABLE5_ERROR.get(h)), v < soft,
                        String.format(Locale.ROOT, "ours %.2f vs %.2f %% (difference %+.2f pp; one run's standard error ≈ %.2f pp)",
                                v, soft, v - soft, noisePct(soft))));
            }
        }
        for (String h : PaperNumbers.PAPER_HEADS) {
            double m = stats.get(h)[0];
            double p = PaperNumbers.TABLE5_ERROR.get(h);
            if (Double.isFinite(m) && Math.abs(m - p) > 2 * noisePct(p)) {
                disagreements.add(String.format(Locale.ROOT, "%s: %.2f %% vs the paper's %.2f %% (%+.2f pp). Most likely reason: %s",
                        PaperNumbers.paperName(h), m, p, m - p, plan.quick()
                                ? "the quick form trains a compact net for " + plan.runs().get(0).config().epochs() + " passes over " + plan.trainSubset()
                                  + " images instead of ResNet-20 for 60 epochs over 60 000"
                                : m > p ? "Table 1's learning rate (Adam at 0.1 for most heads) is unusually high; our one-cycle shape "
                                  + "and the heads' unstated s, m, λ may differ from the authors'" : "seed variation; the paper reports one number"));
            }
        }
    }

    // ---------------------------------------------------------------- figure 6 / sphere

    private void embeddings() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"head", "label", "test_error_pct", "wc_intra_rad", "w_inter_rad", "c_inter_rad", "w_min_pair_rad",
            "best_min_pair_rad"});
        double best = PaperNumbers.bestMinPairAngle(CLASSES, dim());
        md.append(String.format(Locale.ROOT, "With d = %d < C − 1 = 9, ten class weights cannot form a regular simplex (arccos(−1/9) = "
                + "%.4f rad between every pair), so W-Inter is not compared with that angle. The spread check below uses the best "
                + "achievable smallest pairwise angle instead: %s.%n%n", dim(), PaperNumbers.simplexAngle(CLASSES),
                dim() == 2 ? "2π/10 = 0.6283 rad (36°, ten directions evenly spaced on the circle)"
                        : "Tammes' 66.15° = 1.1545 rad for ten points on the sphere"));
        md.append("| Method | test error % | WC-Intra | W-Inter | C-Inter | min ∠(W_i,W_j) (best possible ").append(rad(best)).append(") |\n");
        md.append("|---|---|---|---|---|---|\n");
        for (RunOutcome o : byGroupOrder()) {
            RunSummary s = o.summary();
            md.append("| ").append(name(o)).append(" | ").append(pct(o.finalTestError())).append(" | ")
                    .append(rad(s == null ? null : s.wcIntra())).append(" | ").append(rad(s == null ? null : s.wInter())).append(" | ")
                    .append(rad(s == null ? null : s.cInter())).append(" | ").append(rad(o.wMinAngle())).append(" |\n");
            rows.add(new String[] {o.run().group(), o.run().label(), csv(o.finalTestError()), csv(s == null ? null : s.wcIntra()),
                csv(s == null ? null : s.wInter()), csv(s == null ? null : s.cInter()), csv(o.wMinAngle()), csv(best)});
        }
        csvs.put(plan.preset() + "-table.csv", rows);
        md.append("\nRadians; angle statistics and test error on ").append(count(testCount())).append(" test images. ")
                .append("The paper's figure prints no numbers").append("sphere".equals(plan.preset())
                        ? " (AM-Softmax Fig. 4 lists accuracies that the text we have does not give)" : "").append(".\n\n");
        RunOutcome soft = head("softmax");
        for (String h : List.of("arc", "arcface")) {
            RunOutcome o = head(h);
            if (finished(soft) && finished(o) && soft.summary().wcIntra() != null && o.summary().wcIntra() != null) {
                double r = o.summary().wcIntra() / soft.summary().wcIntra();
                Report.Check c = new Report.Check("features of " + PaperNumbers.paperName(h) + " more compact in angle than Softmax's "
                        + "(WC-Intra ≤ " + (int) (WELL_BELOW * 100) + " % of Softmax's)", r <= WELL_BELOW,
                        String.format(Locale.ROOT, "WC-Intra %.4f vs %.4f rad (ratio %.2f)", o.summary().wcIntra(), soft.summary().wcIntra(), r));
                checks.add(c);
                Double ci = o.summary().cInter();
                if (!c.holds() && ci != null && ci < COLLAPSED) {
                    // bunched class centres: the features collapsed, which more of the same steps need not cure
                    explained.add(c.claim());
                    disagreements.add(String.format(Locale.ROOT, "Expected (the paper's figure shows it): %s; ours does not (%s). Most likely "
                            + "reason: the features of %s collapsed rather than trained slowly: its class centres are bunched (C-Inter %.4f rad, "
                            + "Softmax %.4f) and its test error is %.1f %%.%s",
                            c.claim(), c.evidence(), PaperNumbers.paperName(h), ci,
                            soft.summary().cInter() == null ? Double.NaN : soft.summary().cInter(), o.finalTestError(),
                            "arc".equals(h) && dim() == 2 ? " This is not only the short run: MarginLab's engine notes (docs/training.md) "
                                    + "report the same collapse of the angular loss (s = 7) in 2-D after two full epochs." : ""));
                }
            }
        }
        spreadChecks();
        for (Report.Check c : checks) {
            if (!c.holds() && !explained.contains(c.claim())) {
                disagreements.add("Expected (" + (c.claim().startsWith("features") ? "the paper's figure shows it" : "a trained normalised head")
                        + "): " + c.claim() + "; ours does not (" + c.evidence() + "). Most likely reason: " + (plan.quick() ? "the quick form's " + outcomes.stream().filter(o -> o.summary() != null)
                        .mapToLong(o -> o.summary().iterations()).max().orElse(0) + " iterations are far too few for the features to settle"
                        : "the heads' parameters for low-dimensional features are ours, the paper does not state them") + ".");
            }
        }
    }

    // ---------------------------------------------------------------- runs and machine

    private void runsTable() {
        md.append("## Runs\n\n| run | state | iterations | epochs | test error % | seconds | images/s | device |\n|---|---|---|---|---|---|---|---|\n");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"run", "label", "state", "message", "iterations", "epochs_completed", "test_error_pct", "wc_intra_rad",
            "w_inter_rad", "c_inter_rad", "seconds", "images_per_s", "device"});
        double total = 0;
        for (RunOutcome o : outcomes) {
            RunSummary s = o.summary();
            if (s == null) {
                md.append("| ").append(o.run().key()).append(" | not finished | | | | | | |\n");
                rows.add(new String[] {o.run().key(), o.run().label(), "not finished", "", "", "", "", "", "", "", "", "", ""});
                continue;
            }
            total += s.totalSeconds();
            md.append("| ").append(o.run().key()).append(" | ").append(s.state()).append(" | ").append(s.iterations()).append(" | ")
                    .append(s.epochsCompleted()).append(" | ").append(pct(o.finalTestError())).append(" | ")
                    .append(String.format(Locale.ROOT, "%.1f", s.totalSeconds())).append(" | ")
                    .append(String.format(Locale.ROOT, "%.0f", s.imagesPerSecond())).append(" | ").append(s.device()).append(" |\n");
            rows.add(new String[] {o.run().key(), o.run().label(), s.state(), s.message(), Long.toString(s.iterations()),
                Integer.toString(s.epochsCompleted()), csv(o.finalTestError()), csv(s.wcIntra()), csv(s.wInter()), csv(s.cInter()),
                csv(s.totalSeconds()), csv(s.imagesPerSecond()), s.device()});
            if (!"finished".equals(s.state())) {
                disagreements.add("Run " + o.run().key() + " did not finish (" + s.state() + ": " + s.message() + "); its numbers are "
                        + "those at the point it stopped.");
            }
        }
        csvs.put("runs.csv", rows);
        md.append(String.format(Locale.ROOT, "%nTraining time summed over the runs (from summary.json, including any time before a "
                + "resume): %.0f s.%n%n", total));
        if (!invocations.isEmpty()) {
            double wall = 0;
            md.append("Invocations that made these runs and this report:\n\n| started (UTC) | command | wall s | trained | resumed | reused |\n"
                    + "|---|---|---|---|---|---|\n");
            for (InvocationLog.Entry e : invocations) {
                wall += e.wallSeconds();
                md.append("| ").append(e.startedUtc()).append(" | `").append(e.command()).append("` | ")
                        .append(String.format(Locale.ROOT, "%.0f", e.wallSeconds())).append(" | ").append(e.trained()).append(" | ")
                        .append(e.resumed()).append(" | ").append(e.reused()).append(" |\n");
            }
            md.append(String.format(Locale.ROOT, "%nTotal wall time: %.0f s (%.1f min).%n%n", wall, wall / 60));
        }
    }

    private void machine() {
        RunSummary any = outcomes.stream().map(RunOutcome::summary).filter(s -> s != null).findFirst().orElse(null);
        md.append("## Machine and versions\n\n| | |\n|---|---|\n");
        md.append("| CPU cores (logical) | ").append(env.cores()).append(" |\n");
        md.append("| memory | ").append(env.memoryText()).append(" |\n");
        md.append("| CPU | ").append(env.cpu()).append(" |\n");
        md.append("| OS | ").append(env.os()).append(" |\n");
        md.append("| MarginLab | ").append(env.marginlab()).append(" |\n");
        md.append("| Java | ").append(env.java()).append(" |\n");
        md.append("| DJL | ").append(any == null ? "unknown" : any.djlVersion()).append(" |\n");
        md.append("| engine | ").append(any == null ? "unknown" : any.engine()).append(" |\n");
        md.append("| device | ").append(any == null ? "unknown" : any.device()).append(" |\n\n");
        if (plan.quick()) {
            md.append("The machine was shared with other jobs while this ran, so the times above are not benchmarks.\n\n");
        }
    }

    // ---------------------------------------------------------------- helpers

    private int dim() {
        return plan.runs().isEmpty() ? 0 : plan.runs().get(0).config().dim();
    }

    private long itersPerEpoch() {
        int n = plan.trainSubset() > 0 ? plan.trainSubset() : 60000;
        return n / plan.runs().get(0).config().batchSize();
    }

    private static String count(int n) {
        return n >= 10000 ? String.format(Locale.ROOT, "%d %03d", n / 1000, n % 1000) : Integer.toString(n);
    }

    private int testCount() {
        return plan.testSubset() > 0 ? plan.testSubset() : 10000;
    }

    private double noisePct(double errPct) {
        double p = Math.max(0.005, Math.min(0.995, (Double.isFinite(errPct) ? errPct : 10) / 100));
        return 100 * Math.sqrt(p * (1 - p) / testCount());
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

    private static double meanOf(double[][] v) {
        double s = 0;
        int n = 0;
        for (double[] r : v) {
            for (double x : r) {
                if (Double.isFinite(x)) {
                    s += x;
                    n++;
                }
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }

    private static int argMin(double[] v) {
        int best = -1;
        for (int i = 0; i < v.length; i++) {
            if (Double.isFinite(v[i]) && (best < 0 || v[i] < v[best])) {
                best = i;
            }
        }
        return best;
    }

    private static String bold(double[] row, int c) {
        String t = pct(row[c]);
        return argMin(row) == c ? "**" + t + "**" : t;
    }

    private List<RunOutcome> byGroupOrder() {
        List<RunOutcome> out = new ArrayList<>();
        for (HeadKind k : Presets.ALL_HEADS) {
            for (RunOutcome o : outcomes) {
                if (o.run().group().equals(k.id())) {
                    out.add(o);
                }
            }
        }
        return out;
    }

    private RunOutcome head(String id) {
        for (RunOutcome o : outcomes) {
            if (o.run().group().equals(id)) {
                return o;
            }
        }
        return null;
    }

    private static boolean finished(RunOutcome o) {
        return o != null && o.finished();
    }

    private static String name(RunOutcome o) {
        String h = o.run().group();
        String paper = PaperNumbers.paperName(h);
        if (paper.equals(h)) {
            return o.run().label();
        }
        return o.run().label().equals(h) ? paper : paper + " (" + o.run().label() + ")";
    }

    private static String when(boolean cond, String text) {
        return cond ? text : "";
    }

    static String rad(Double v) {
        return v == null ? "—" : rad(v.doubleValue());
    }

    static String rad(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "—";
    }

    static String pct(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f", v) : "—";
    }

    static String csv(Double v) {
        return v == null ? "" : csv(v.doubleValue());
    }

    static String csv(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "";
    }
}
