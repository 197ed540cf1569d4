package org.marginlab.reproduce;

import org.marginlab.CsvNumbers;
import org.marginlab.UserException;
import org.marginlab.config.Backbone;
import org.marginlab.config.ConfigField;
import org.marginlab.config.Schedule;
import org.marginlab.figures.Figure;
import org.marginlab.figures.FigureStyle;
import org.marginlab.figures.RunData;
import org.marginlab.figures.openset.RocFigure;
import org.marginlab.metrics.openset.OpenSetMetrics;
import org.marginlab.metrics.openset.Verification;
import org.marginlab.loss.HeadKind;
import org.marginlab.train.EvaluationSet;
import org.marginlab.train.OpenSetEvaluation;
import org.marginlab.run.RunSummary;
import org.marginlab.config.TrainConfig;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code reproduce open-set}: every head trained without two classes, then judged on those (the
 * question of the AM-Softmax paper's Table II — verification at low false-accept rates on identities
 * never trained on — asked of Fashion-MNIST): precision@1, MAP@R, TAR@FAR and EER on the held-out
 * classes beside each head's closed-set accuracy on the trained ones.
 */
public final class OpenSetPreset implements Preset {

    public static final OpenSetPreset INSTANCE = new OpenSetPreset();

    public static final String ID = "open-set";
    /** Bag and Ankle boot: the highest ids, so the trained classes keep their ids and names. */
    public static final List<Integer> HELD_OUT = List.of(8, 9);
    static final long QUICK_ITERS = 240;
    static final int QUICK_DIM = 16;

    private OpenSetPreset() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "open-set verification on held-out classes (AM-Softmax paper Table II, on Fashion-MNIST)";
    }

    @Override
    public String purpose() {
        return "Do margins buy better embeddings for classes the network never saw? Each head trains without "
                + names(HELD_OUT) + "; the table reports its closed-set test accuracy on the eight trained classes "
                + "beside retrieval and verification on the two held-out ones.";
    }

    @Override
    public Plan plan(boolean quick, int seeds, String dataDir) {
        int dim = quick ? QUICK_DIM : 64;
        List<PlannedRun> runs = new ArrayList<>();
        for (HeadKind k : Presets.ALL_HEADS) {
            TrainConfig c = (quick
                    ? Presets.config(dataDir, Backbone.COMPACT, dim, k, Presets.params(k, dim), Presets.QUICK_LR, Schedule.ONECYCLE,
                            Presets.QUICK_BATCH, 1, QUICK_ITERS, Presets.SEED, Presets.QUICK_PROBE, 60)
                    : Presets.config(dataDir, Backbone.RESNET20, dim, k, Presets.params(k, dim), Presets.table1Lr(k), Schedule.ONECYCLE,
                            256, 60, 0, Presets.SEED, 100, 200)).with(ConfigField.HOLDOUT_CLASSES, HELD_OUT);
            runs.add(new PlannedRun(k.id(), RunData.defaultLabel(c), k.id(), c));
        }
        List<String> set = new ArrayList<>();
        set.add("classes " + names(HELD_OUT) + " held out of training (and of the closed-set test); every head trains on "
                + "the other eight (48 000 training images) and is evaluated on the 2 000 test images of the held-out two");
        if (quick) {
            set.add(String.format(Locale.ROOT, "QUICK FORM: compact backbone (d = %d), Adam, one-cycle with peak %s, weight decay "
                    + "5e-4, batch %d, %d iterations (%d training images, %.0f %% of one epoch of the eight classes)", dim,
                    Presets.QUICK_LR, Presets.QUICK_BATCH, QUICK_ITERS, QUICK_ITERS * Presets.QUICK_BATCH,
                    100.0 * QUICK_ITERS * Presets.QUICK_BATCH / 48000));
        } else {
            set.add("ResNet-20 (d = 64), Adam, one-cycle with Table 1's peak learning rates, weight decay 5e-4, batch 256, 60 epochs");
        }
        set.add("head parameters as the angles preset: d ≥ 9, so ArcFace m = 0.5 and CosFace m = 0.35 at s = 16; Arc s = 7; "
                + "SphereFace/L-Softmax m = 4, λ from 1000 to 5");
        set.add(quick ? Presets.quickSchedulesText(QUICK_ITERS) : Presets.fullSchedulesText());
        set.add("metrics on L2-normalised embeddings with cosine similarity, as `marginlab evaluate` (docs/evaluate.md): "
                + "precision@1 and MAP@R leave-one-out over the 2 000 images; TAR@FAR and EER over all 1 999 000 pairs "
                + "(999 000 genuine, 1 000 000 impostor)");
        return new Plan(this, quick, 1, 0, 0, List.of(), runs, set);
    }

    /** The report and its figures. */
    public record Written(Report report, List<Figure> figures) {
    }

    /** One head's run and its metrics on the held-out classes (null when it did not finish or collapsed). */
    public record Row(RunOutcome outcome, OpenSetMetrics metrics) {
    }

    /** Embeds the held-out classes' test images with each finished run's final model and measures them. */
    public List<Row> evaluate(List<RunOutcome> outcomes, Path out, Path dataDir) {
        List<Row> rows = new ArrayList<>();
        for (RunOutcome o : outcomes) {
            if (!o.finished()) {
                rows.add(new Row(o, null));
                continue;
            }
            Path dir = ReproduceRunner.runDirectory(out, o.run());
            EvaluationSet set = EvaluationSet.embed(dir, dataDir);
            OpenSetMetrics m;
            try {
                m = OpenSetEvaluation.measure(dir, set).metrics();
            } catch (UserException e) {
                m = null; // a collapsed embedding: no direction to compare; the table says so
            }
            rows.add(new Row(o, m));
        }
        return rows;
    }

    public Written report(Plan plan, List<Row> rows, Environment env, String command, List<InvocationLog.Entry> log) {
        StringBuilder md = new StringBuilder();
        md.append("# MarginLab reproduction: ").append(title()).append("\n\n");
        md.append(purpose()).append("\n\n");
        md.append(plan.quick()
                ? "**Form: QUICK.** A CPU-sized stand-in (settings below); the full form (same command without `--quick`) is meant "
                  + "for a GPU and was not run for this report. The AM-Softmax paper's numbers are for faces (LFW, MegaFace) and are "
                  + "not comparable with these.\n\n"
                : "**Form: full.**\n\n");
        md.append("## Command\n\n    ").append(command).append("\n\n");
        md.append("## Settings\n\n");
        for (String s : plan.settings()) {
            md.append("- ").append(s).append('\n');
        }
        md.append("- same seed for every run (").append(Presets.SEED).append("), so initialisation and data order are shared\n\n");
        md.append("## Results\n\n");
        md.append("| head | closed-set acc. (0–7) | precision@1 | MAP@R | TAR@FAR=1e-1 | 1e-2 | 1e-3 | 1e-4 | EER |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        List<String[]> csv = new ArrayList<>();
        csv.add(new String[] {"run", "head", "closed_set_accuracy", "precision_at_1", "map_at_r", "tar_at_far_1e-1",
            "tar_at_far_1e-2", "tar_at_far_1e-3", "tar_at_far_1e-4", "eer", "genuine_pairs", "impostor_pairs"});
        List<RocFigure.Curve> curves = new ArrayList<>();
        for (Row r : rows) {
            RunSummary s = r.outcome().summary();
            Double acc = s == null ? null : s.testAccuracy();
            md.append("| ").append(r.outcome().run().label()).append(" | ").append(f(acc));
            String[] line = new String[12];
            line[0] = r.outcome().run().key();
            line[1] = r.outcome().run().group();
            line[2] = acc == null ? "" : CsvNumbers.of(acc);
            if (r.metrics() == null) {
                md.append(" | ").append(s == null || !r.outcome().finished() ? "not finished" : "collapsed (a zero embedding)")
                        .append(" | | | | | | |\n");
                csv.add(line);
                continue;
            }
            Verification v = r.metrics().verification();
            md.append(" | ").append(f(r.metrics().retrieval().precisionAt1())).append(" | ").append(f(r.metrics().retrieval().mapAtR()));
            line[3] = CsvNumbers.of(r.metrics().retrieval().precisionAt1());
            line[4] = CsvNumbers.of(r.metrics().retrieval().mapAtR());
            for (int i = 0; i < Verification.FAR_EXPONENTS.length; i++) {
                Double t = v.tarAtFar()[i];
                md.append(" | ").append(t == null ? "n/a" : f(t));
                line[5 + i] = t == null ? "" : CsvNumbers.of(t);
            }
            md.append(" | ").append(f(v.eer())).append(" |\n");
            line[9] = CsvNumbers.of(v.eer());
            line[10] = Long.toString(v.genuinePairs());
            line[11] = Long.toString(v.impostorPairs());
            for (int i = 0; i < line.length; i++) {
                line[i] = line[i] == null ? "" : line[i];
            }
            csv.add(line);
            curves.add(new RocFigure.Curve(r.outcome().run().label(), r.metrics()));
        }
        md.append("\nClosed-set accuracy: test images of the eight trained classes (summary.json). The rest: the 2 000 test images of ")
                .append(names(HELD_OUT)).append(", embedded by each run's final model.\n\n");
        md.append("## What it shows\n\n").append(shows(rows)).append("\n\n");
        List<Figure> figures = curves.isEmpty() ? List.of() : List.of(new RocFigure(
                "held out: " + names(HELD_OUT) + "; their 2 000 test images" + (plan.quick() ? "; QUICK form" : ""), curves));
        if (!figures.isEmpty()) {
            md.append("## Figures\n\n![ROC](figures/open-set-roc.png)\n\n");
        }
        md.append("## Runs and machine\n\n");
        double total = 0;
        for (Row r : rows) {
            RunSummary s = r.outcome().summary();
            if (s != null) {
                total += s.totalSeconds();
            }
        }
        md.append(String.format(Locale.ROOT, "%d runs, %.0f s of training summed (summary.json). ", rows.size(), total));
        for (InvocationLog.Entry e : log) {
            md.append(String.format(Locale.ROOT, "Invocation %s: %.0f s wall (training and evaluation), %d trained, %d resumed, %d reused. ",
                    e.startedUtc(), e.wallSeconds(), e.trained(), e.resumed(), e.reused()));
        }
        md.append(String.format(Locale.ROOT, "%d logical CPU cores, %s, %s, MarginLab %s, Java %s%s.%n%n", env.cores(), env.memoryText(),
                env.cpu(), env.marginlab(), env.java(), plan.quick() ? "; the machine was shared with other jobs" : ""));
        md.append("## Files\n\n- `csv/open-set.csv`: the table above at full precision\n");
        if (!figures.isEmpty()) {
            md.append("- `figures/open-set-roc.png` (its plotted data: `csv/open-set-roc.csv`)\n");
        }
        md.append("- `runs/<run>/`: each run's files (not committed); `marginlab evaluate runs/<run>` prints one row\n");
        Map<String, List<String[]>> csvs = new LinkedHashMap<>();
        csvs.put("open-set.csv", csv);
        return new Written(new Report(md.toString(), csvs, List.of(), List.of()), figures);
    }

    /**
     * The command's last line: how many heads were measured on the held-out classes and which has the
     * highest MAP@R (the preset has no qualitative checks to count).
     */
    public static String summary(List<Row> rows) {
        List<Row> measured = rows.stream().filter(r -> r.metrics() != null).toList();
        String line = measured.size() + " of " + rows.size() + " heads measured on the held-out classes " + names(HELD_OUT);
        return measured.stream().max((a, b) -> Double.compare(a.metrics().retrieval().mapAtR(), b.metrics().retrieval().mapAtR()))
                .map(b -> line + String.format(Locale.ROOT, "; highest MAP@R: %s (%.4f)", b.outcome().run().label(),
                        b.metrics().retrieval().mapAtR()))
                .orElse(line);
    }

    /** What the numbers show, computed from them: softmax against the margin heads, and closed- against open-set order. */
    private static String shows(List<Row> rows) {
        List<Row> done = rows.stream().filter(r -> r.metrics() != null && r.outcome().summary() != null
                && r.outcome().summary().testAccuracy() != null).toList();
        if (done.size() < 2) {
            return "Too few finished runs to compare.";
        }
        Row best = done.stream().max((a, b) -> Double.compare(a.metrics().retrieval().mapAtR(), b.metrics().retrieval().mapAtR())).orElseThrow();
        Row bestClosed = done.stream().max((a, b) -> Double.compare(a.outcome().summary().testAccuracy(), b.outcome().summary().testAccuracy())).orElseThrow();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "- Highest MAP@R on the held-out classes: %s (%.4f); highest closed-set accuracy: %s (%.4f)%s.%n",
                best.outcome().run().label(), best.metrics().retrieval().mapAtR(), bestClosed.outcome().run().label(),
                bestClosed.outcome().summary().testAccuracy(), best == bestClosed ? ", the same head" : ", a different head"));
        Row soft = done.stream().filter(r -> r.outcome().run().group().equals(HeadKind.SOFTMAX.id())).findFirst().orElse(null);
        if (soft != null) {
            List<String> margin = List.of(HeadKind.COSFACE.id(), HeadKind.ARCFACE.id(), HeadKind.ARC.id(), HeadKind.SPHEREFACE.id(),
                    HeadKind.LSOFTMAX.id());
            List<Row> m = done.stream().filter(r -> margin.contains(r.outcome().run().group())).toList();
            long mapBetter = m.stream().filter(r -> r.metrics().retrieval().mapAtR() > soft.metrics().retrieval().mapAtR()).count();
            Double softTar = soft.metrics().verification().tarAtFar()[2];
            long tarBetter = softTar == null ? 0 : m.stream().filter(r -> r.metrics().verification().tarAtFar()[2] != null
                    && r.metrics().verification().tarAtFar()[2] > softTar).count();
            sb.append(String.format(Locale.ROOT, "- Against Softmax (MAP@R %.4f, TAR@FAR=1e-3 %s): %d of %d margin heads (CosFace, ArcFace, "
                    + "Arc, SphereFace, L-Softmax) have a higher MAP@R, %d a higher TAR@FAR=1e-3.%n", soft.metrics().retrieval().mapAtR(),
                    softTar == null ? "n/a" : f(softTar), mapBetter, m.size(), tarBetter));
        }
        List<String> normalised = List.of(HeadKind.NORMFACE.id(), HeadKind.COSFACE.id(), HeadKind.ARCFACE.id(), HeadKind.ARC.id());
        DoubleSummaryStatistics on = done.stream().filter(r -> normalised.contains(r.outcome().run().group()))
                .mapToDouble(r -> r.metrics().retrieval().mapAtR()).summaryStatistics();
        DoubleSummaryStatistics off = done.stream().filter(r -> !normalised.contains(r.outcome().run().group()))
                .mapToDouble(r -> r.metrics().retrieval().mapAtR()).summaryStatistics();
        if (on.getCount() > 0 && off.getCount() > 0) {
            Row norm = done.stream().filter(r -> r.outcome().run().group().equals(HeadKind.NORMFACE.id())).findFirst().orElse(null);
            sb.append(String.format(Locale.ROOT, "- Normalised heads (NormFace, CosFace, ArcFace, Arc: features and weights on the sphere) "
                    + "reach MAP@R %.4f–%.4f, the others (Softmax, Center, SphereFace, L-Softmax) %.4f–%.4f%s.%n",
                    on.getMin(), on.getMax(), off.getMin(), off.getMax(),
                    norm != null && norm.metrics().retrieval().mapAtR() > off.getMax()
                            ? "; NormFace, which has no margin, is above all of the others, so training on the sphere by itself "
                              + "accounts for much of the gain" : ""));
        }
        double rho = spearman(done.stream().mapToDouble(r -> r.outcome().summary().testAccuracy()).toArray(),
                done.stream().mapToDouble(r -> r.metrics().retrieval().mapAtR()).toArray());
        double[] acc = done.stream().mapToDouble(r -> r.outcome().summary().testAccuracy()).toArray();
        double[] map = done.stream().mapToDouble(r -> r.metrics().retrieval().mapAtR()).toArray();
        // a ranking is a finding only where a test supports it: exact permutation test over all orderings (8! = 40 320)
        double p = done.size() <= 9 ? ResultsDigest.permutationP(acc, map) : Double.NaN;
        sb.append(String.format(Locale.ROOT, "- Rank correlation (Spearman) between closed-set accuracy and held-out MAP@R over the %d heads: "
                + "%.2f; exact permutation test p = %.3f (two-sided) — %s.%n", done.size(), rho, p, !(p < 0.05)
                ? "no evidence that closed-set accuracy ranks the heads as the open set does"
                : rho > 0 ? "heads that classify the trained classes better also embed the unseen ones better (p < 0.05)"
                : "the better classifiers embed the unseen classes worse (p < 0.05)"));
        sb.append("- One seed and a short run per head: differences of a few thousandths are within what another seed would move.");
        return sb.toString();
    }

    /** Spearman's ρ with average ranks for ties. */
    static double spearman(double[] a, double[] b) {
        double[] ra = ranks(a);
        double[] rb = ranks(b);
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += ra[i] / a.length;
            mb += rb[i] / a.length;
        }
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (ra[i] - ma) * (rb[i] - mb);
            saa += (ra[i] - ma) * (ra[i] - ma);
            sbb += (rb[i] - mb) * (rb[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }

    private static double[] ranks(double[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            int less = 0;
            int equal = 0;
            for (double w : v) {
                less += w < v[i] ? 1 : 0;
                equal += w == v[i] ? 1 : 0;
            }
            r[i] = less + (equal + 1) / 2.0;
        }
        return r;
    }

    private static String names(List<Integer> ids) {
        return ids.stream().map(y -> y + " (" + FigureStyle.className(y) + ")").collect(Collectors.joining(" and "));
    }

    private static String f(Double v) {
        return v == null || !Double.isFinite(v) ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
    }
}
