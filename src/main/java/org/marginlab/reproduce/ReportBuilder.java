package org.marginlab.reproduce;

import org.marginlab.CsvNumbers;
import org.marginlab.loss.HeadKind;
import org.marginlab.run.RunSummary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds a preset's report from its runs' outcomes: the Markdown, the CSV tables, the qualitative checks
 * and the notes on where our numbers disagree with the paper's. Pure: no training, no files. The parts
 * every report shares are here; the preset writes its Results section ({@link Preset#results}) into
 * {@link #md}, {@link #csvs}, {@link #checks} and {@link #disagreements} with the helpers below.
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

    final Plan plan;
    final List<RunOutcome> outcomes;
    private final Environment env;
    private final String command;
    private final List<InvocationLog.Entry> invocations;
    private final List<String> figureFiles;
    final Map<String, List<String[]>> csvs = new LinkedHashMap<>();
    final List<Report.Check> checks = new ArrayList<>();
    final List<String> disagreements = new ArrayList<>();
    final java.util.Set<String> explained = new java.util.HashSet<>();
    final StringBuilder md = new StringBuilder();

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
        md.append("# MarginLab reproduction: ").append(plan.preset().title()).append("\n\n");
        md.append(plan.preset().purpose()).append("\n\n");
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
        ((TablePreset) plan.preset()).results(this);
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

    // ---------------------------------------------------------------- shared spread check

    void spreadChecks() {
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

    // ---------------------------------------------------------------- runs and machine

    private void runsTable() {
        md.append("## Runs\n\nThe head's values in force at each run's last snapshot (an arrow: still moving towards the "
                + "configured end) and what its schedules moved over the run:\n\n"
                + "| run | state | iterations | epochs | test error % | head at the end | schedule over the run | seconds | images/s | device |\n"
                + "|---|---|---|---|---|---|---|---|---|---|\n");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"run", "label", "state", "message", "iterations", "epochs_completed", "test_error_pct", "wc_intra_rad",
            "w_inter_rad", "c_inter_rad", "head_at_end", "schedule", "seconds", "images_per_s", "device"});
        double total = 0;
        for (RunOutcome o : outcomes) {
            RunSummary s = o.summary();
            if (s == null) {
                md.append("| ").append(o.run().key()).append(" | not finished | | | | | | | | |\n");
                rows.add(new String[] {o.run().key(), o.run().label(), "not finished", "", "", "", "", "", "", "", "", "", "", "", ""});
                continue;
            }
            total += s.totalSeconds();
            md.append("| ").append(o.run().key()).append(" | ").append(s.state()).append(" | ").append(s.iterations()).append(" | ")
                    .append(s.epochsCompleted()).append(" | ").append(pct(o.finalTestError())).append(" | ")
                    .append(o.headAtEnd()).append(" | ").append(o.scheduleOverRun()).append(" | ")
                    .append(String.format(Locale.ROOT, "%.1f", s.totalSeconds())).append(" | ")
                    .append(String.format(Locale.ROOT, "%.0f", s.imagesPerSecond())).append(" | ").append(s.device()).append(" |\n");
            rows.add(new String[] {o.run().key(), o.run().label(), s.state(), s.message(), Long.toString(s.iterations()),
                Integer.toString(s.epochsCompleted()), csv(o.finalTestError()), csv(s.wcIntra()), csv(s.wInter()), csv(s.cInter()),
                o.headAtEnd(), o.scheduleOverRun(), csv(s.totalSeconds()), csv(s.imagesPerSecond()), s.device()});
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
            double covered = coveredSeconds(invocations);
            md.append(covered < wall - 1
                    // shards ran side by side: their wall times overlap, so the sum is not the time it took
                    ? String.format(Locale.ROOT, "%nTotal wall time: %.0f s (%.1f min) from the first start to the last end; the "
                            + "invocations overlapped (shards side by side), their wall times sum to %.0f s.%n%n", covered, covered / 60, wall)
                    : String.format(Locale.ROOT, "%nTotal wall time: %.0f s (%.1f min).%n%n", wall, wall / 60));
        }
    }

    /** Seconds covered by the union of the invocations' [start, start + wall] intervals. */
    static double coveredSeconds(List<InvocationLog.Entry> entries) {
        List<double[]> iv = new ArrayList<>();
        for (InvocationLog.Entry e : entries) {
            double t;
            try {
                t = java.time.Instant.parse(e.startedUtc()).getEpochSecond();
            } catch (RuntimeException bad) {
                return entries.stream().mapToDouble(InvocationLog.Entry::wallSeconds).sum();
            }
            iv.add(new double[] {t, t + e.wallSeconds()});
        }
        iv.sort(java.util.Comparator.comparingDouble(a -> a[0]));
        double total = 0;
        double[] cur = null;
        for (double[] a : iv) {
            if (cur == null || a[0] > cur[1]) {
                total += cur == null ? 0 : cur[1] - cur[0];
                cur = a.clone();
            } else {
                cur[1] = Math.max(cur[1], a[1]);
            }
        }
        return total + (cur == null ? 0 : cur[1] - cur[0]);
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

    int dim() {
        return plan.runs().isEmpty() ? 0 : plan.runs().get(0).config().dim();
    }

    long itersPerEpoch() {
        int n = plan.trainSubset() > 0 ? plan.trainSubset() : 60000;
        return n / plan.runs().get(0).config().batchSize();
    }

    static String count(int n) {
        return n >= 10000 ? String.format(Locale.ROOT, "%d %03d", n / 1000, n % 1000) : Integer.toString(n);
    }

    int testCount() {
        return plan.testSubset() > 0 ? plan.testSubset() : 10000;
    }

    double noisePct(double errPct) {
        double p = Math.max(0.005, Math.min(0.995, (Double.isFinite(errPct) ? errPct : 10) / 100));
        return 100 * Math.sqrt(p * (1 - p) / testCount());
    }

    static double meanOf(double[][] v) {
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

    static int argMin(double[] v) {
        int best = -1;
        for (int i = 0; i < v.length; i++) {
            if (Double.isFinite(v[i]) && (best < 0 || v[i] < v[best])) {
                best = i;
            }
        }
        return best;
    }

    static String bold(double[] row, int c) {
        String t = pct(row[c]);
        return argMin(row) == c ? "**" + t + "**" : t;
    }

    List<RunOutcome> byGroupOrder() {
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

    RunOutcome head(String id) {
        for (RunOutcome o : outcomes) {
            if (o.run().group().equals(id)) {
                return o;
            }
        }
        return null;
    }

    static boolean finished(RunOutcome o) {
        return o != null && o.finished();
    }

    static String name(RunOutcome o) {
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
        return Double.isFinite(v) ? CsvNumbers.of(v) : "";
    }
}
