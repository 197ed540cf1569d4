package org.marginlab.reproduce;

import static org.marginlab.reproduce.ReportBuilder.csv;
import static org.marginlab.reproduce.ReportBuilder.finished;
import static org.marginlab.reproduce.ReportBuilder.pct;
import static org.marginlab.reproduce.ReportBuilder.rad;

import java.awt.Dimension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.marginlab.UserException;
import org.marginlab.config.Backbone;
import org.marginlab.config.Schedule;
import org.marginlab.config.TrainConfig;
import org.marginlab.data.CifarBinary;
import org.marginlab.figures.Figure;
import org.marginlab.figures.PanelGridFigure;
import org.marginlab.figures.RunData;
import org.marginlab.figures.training.SimilarityMatrixFigure;
import org.marginlab.loss.HeadKind;

/**
 * The angular-loss paper's CIFAR experiments, one preset per table or figure: {@code table2} (angle
 * statistics, CIFAR10+), {@code table3} (angle statistics, CIFAR100+), {@code table6} (test error, CIFAR10
 * and CIFAR10+, mean ± std of five runs), {@code table7} (top-1 error, CIFAR100+, five runs) and
 * {@code figure8} (cosine similarity of 10 features per class on CIFAR10, one per class on CIFAR100). The
 * data is CIFAR's binary form under {@code --data} ({@code cifar-10-batches-bin/}, {@code cifar-100-binary/}
 * as the official archives unpack). Full forms use Table 1's CIFAR settings on ResNet-20 (the paper's
 * ResNet-18/34 are not in MarginLab: the report says so); quick forms a compact net on part of the data.
 */
final class CifarPreset implements TablePreset {

    enum Kind { TABLE2, TABLE3, TABLE6, TABLE7, FIGURE8 }

    static final CifarPreset TABLE2 = new CifarPreset(Kind.TABLE2);
    static final CifarPreset TABLE3 = new CifarPreset(Kind.TABLE3);
    static final CifarPreset TABLE6 = new CifarPreset(Kind.TABLE6);
    static final CifarPreset TABLE7 = new CifarPreset(Kind.TABLE7);
    static final CifarPreset FIGURE8 = new CifarPreset(Kind.FIGURE8);

    static final String CIFAR10_DIR = "cifar-10-batches-bin";
    static final String CIFAR100_DIR = "cifar-100-binary";
    /** Table 1 (CIFAR): 160 epochs, batch 128, Adam, weight decay 5e-4, one-cycle. */
    static final int FULL_EPOCHS = 160;
    static final int FULL_BATCH = 128;
    static final int FULL_SEEDS = 5;
    // Quick form: the compact net on the first 6 400 training and 2 000 test images, 2 epochs (100 iterations);
    // sized so that the largest quick preset (table6, 8 runs) ends within 15 minutes on a shared 2-core CPU.
    static final int QUICK_TRAIN = 6400;
    static final int QUICK_TEST = 2000;
    static final int QUICK_EPOCHS = 2;

    private final Kind kind;

    private CifarPreset(Kind kind) {
        this.kind = kind;
    }

    @Override
    public String id() {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean takesSeeds() {
        return kind == Kind.TABLE6 || kind == Kind.TABLE7;
    }

    /** The paper's five runs in the full form; one in the quick form, which must end within 15 minutes on 2 cores. */
    @Override
    public int defaultSeeds(boolean quick) {
        return takesSeeds() && !quick ? FULL_SEEDS : 1;
    }

    /** The data sets this preset trains on, in plan order: {name, folder under --data, augment}. */
    private List<Setting> settings() {
        return switch (kind) {
            case TABLE2 -> List.of(new Setting("CIFAR10+", false, true));
            case TABLE3 -> List.of(new Setting("CIFAR100+", true, true));
            case TABLE6 -> List.of(new Setting("CIFAR10", false, false), new Setting("CIFAR10+", false, true));
            case TABLE7 -> List.of(new Setting("CIFAR100+", true, true));
            case FIGURE8 -> List.of(new Setting("CIFAR10", false, false), new Setting("CIFAR100", true, false));
        };
    }

    /** One data setting: its name in the paper, CIFAR-100 or CIFAR-10, augmentation (the paper's "+"). */
    record Setting(String name, boolean cifar100, boolean augment) {
        String key() {
            return name.toLowerCase(Locale.ROOT).replace("+", "aug");
        }

        String folder() {
            return cifar100 ? CIFAR100_DIR : CIFAR10_DIR;
        }
    }

    /** The folder a run reads: DIR/cifar-10-batches-bin (or -100-binary) when DIR holds it, else DIR itself. */
    static String dataFolder(String dataDir, boolean cifar100) {
        if (dataDir == null) {
            return null;
        }
        Path sub = Path.of(dataDir).resolve(cifar100 ? CIFAR100_DIR : CIFAR10_DIR);
        return Files.isDirectory(sub) ? sub.toString() : dataDir;
    }

    /**
     * Refuses, in one line, to train without the CIFAR files this preset needs, saying where to put them: every
     * missing data set at once (figure8 needs both), and which files are missing when a folder is incomplete.
     */
    void requireData(Path data) {
        List<String> sets = new ArrayList<>();
        List<String> archives = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (boolean c100 : settings().stream().map(Setting::cifar100).distinct().toList()) {
            List<String> files = c100 ? List.of(CifarBinary.CIFAR100_TRAIN, CifarBinary.CIFAR100_TEST)
                    : java.util.stream.Stream.concat(CifarBinary.CIFAR10_TRAIN.stream(), java.util.stream.Stream.of(CifarBinary.CIFAR10_TEST)).toList();
            String folder = dataFolder(data == null ? null : data.toString(), c100);
            List<String> absent = files.stream().filter(f -> folder == null || !Files.isRegularFile(Path.of(folder).resolve(f))).toList();
            if (absent.isEmpty()) {
                continue;
            }
            String sub = c100 ? CIFAR100_DIR : CIFAR10_DIR;
            sets.add(c100 ? "CIFAR-100" : "CIFAR-10");
            archives.add(c100 ? "cifar-100-binary.tar.gz" : "cifar-10-binary.tar.gz");
            paths.add("DIR/" + sub + "/" + files.getFirst());
            if (data != null) {
                missing.add(absent.size() == files.size() ? sub + "/" + files.getFirst()
                        : sub + "/" + String.join(", ", absent));
            }
        }
        if (sets.isEmpty()) {
            return;
        }
        boolean two = sets.size() > 1;
        throw new UserException(id() + " needs " + String.join(" and ", sets) + " in binary form: unpack " + String.join(" and ", archives)
                + " (www.cs.toronto.edu/~kriz/cifar.html) into one folder DIR so that " + String.join(" and ", paths)
                + (two ? " exist" : " exists") + ", and pass --data DIR"
                + (data == null ? "" : " (" + data + " has no " + String.join(" and no ", missing) + ")"));
    }

    @Override
    public Plan plan(boolean quick, int seeds, String dataDir) {
        List<PlannedRun> runs = new ArrayList<>();
        for (Setting st : settings()) {
            String folder = dataFolder(dataDir, st.cifar100());
            int probe = quick ? Presets.QUICK_PROBE : 100;
            for (HeadKind k : Presets.PAPER_HEADS) {
                for (int i = 0; i < seeds; i++) {
                    long seed = Presets.SEED + i;
                    int epochs = quick ? QUICK_EPOCHS : FULL_EPOCHS;
                    long iterations = quick ? (long) QUICK_EPOCHS * (QUICK_TRAIN / Presets.QUICK_BATCH) : 0;
                    TrainConfig c = (quick
                            ? Presets.config(folder, Backbone.COMPACT, 64, k, Presets.params(k, 64), Presets.QUICK_LR, Schedule.ONECYCLE,
                                    Presets.QUICK_BATCH, epochs, iterations, seed, probe, 1000)
                            : Presets.config(folder, Backbone.RESNET20, 64, k, Presets.params(k, 64),
                                    PaperNumbers.TABLE1_LR_CIFAR.get(k.id()), Schedule.ONECYCLE, FULL_BATCH, epochs, 0, seed, probe, 1000))
                            .toBuilder().augment(st.augment()).build();
                    String key = (settings().size() > 1 ? st.key() + "-" : "") + k.id() + (i == 0 ? "" : "-seed" + seed);
                    String label = RunData.defaultLabel(c) + (settings().size() > 1 ? ", " + st.name() : "") + (seeds > 1 ? ", seed " + seed : "");
                    runs.add(new PlannedRun(key, label, (settings().size() > 1 ? st.key() + ":" : "") + k.id(), c));
                }
            }
        }
        List<String> set = new ArrayList<>();
        if (quick) {
            set.add(String.format(Locale.ROOT, "QUICK FORM: compact backbone (d = 64) on RGB 32×32, Adam, one-cycle peak %s for every head, "
                    + "weight decay 5e-4, batch %d, %d epochs over the first %d training images (%d iterations); test on the first %d test "
                    + "images (the paper: %d epochs of 50 000 with ResNet-18/34)", Presets.QUICK_LR, Presets.QUICK_BATCH, QUICK_EPOCHS,
                    QUICK_TRAIN, QUICK_EPOCHS * (QUICK_TRAIN / Presets.QUICK_BATCH), QUICK_TEST, FULL_EPOCHS));
            set.add(Presets.quickSchedulesText((long) QUICK_EPOCHS * (QUICK_TRAIN / Presets.QUICK_BATCH)));
            set.add("expected duration: " + (seeds == 1 ? "" : "about " + seeds + " × the one-seed quick form's ") + quickDuration());
        } else {
            set.add("Table 1's CIFAR settings: Adam, one-cycle, weight decay 5e-4, batch 128, 160 epochs, peak learning rate Soft 0.01, "
                    + "Arc 0.1, ArcFace 0.1, Center 0.01; whole training and test sets");
            set.add("DEPARTS FROM THE PAPER: ResNet-20 (d = 64, 0.27 M parameters) instead of the paper's ResNet-18 (CIFAR10, 11.2 M) "
                    + "and ResNet-34 (CIFAR100, 21.5 M), which MarginLab does not have");
            set.add(Presets.fullSchedulesText());
        }
        set.add("data: " + String.join("; ", settings().stream().map(st -> st.name() + " = " + (st.cifar100() ? "CIFAR-100 (fine labels)" : "CIFAR-10")
                + (st.augment() ? " with random crop (padding 4) and horizontal flip" : " without augmentation")).toList()));
        set.add("ArcFace s = 16, m = 0.5; Arc s = 7; Center λ = 0.01 (the paper does not print its s, m or λ)");
        if (takesSeeds()) {
            set.add(seeds + " seed" + (seeds > 1 ? "s (" + Presets.SEED + "…" + (Presets.SEED + seeds - 1) + ") per head and setting: mean ± sample "
                    + "standard deviation" : " (" + Presets.SEED + ") per head and setting: no spread, so no ranking is called a finding")
                    + "; the paper: five runs");
        }
        if (kind == Kind.FIGURE8) {
            set.add("similarity matrices of 10 test features per class on CIFAR10 (100) and 1 per class on CIFAR100 (100), L2-normalised, "
                    + "CM_ij = x_iᵀx_j (Eq. 15), at the end of each run; DEPARTS FROM THE PAPER: the first test images of each class, "
                    + "not a random pick");
        }
        return new Plan(this, quick, seeds, quick ? QUICK_TRAIN : 0, quick ? QUICK_TEST : 0, List.of(), runs, set);
    }

    /**
     * The quick form's wall time with its default one seed, as measured through the CLI ({@code --threads 1}) on the
     * project's 2-core CPU while other builds ran (docs/performance.md): an upper bound for an idle machine.
     */
    String quickDuration() {
        return switch (kind) {
            case TABLE2 -> "1.2 min for 4 runs (measured on a 2-core CPU at load average 2–4)";
            case TABLE3 -> "1.6 min for 4 runs (measured on a 2-core CPU at load average 4–6)";
            case TABLE6 -> "10.5 min for 8 runs (measured on a 2-core CPU at load average 8–10)";
            case TABLE7 -> "3.3 min for 4 runs (measured on a 2-core CPU at load average 8–9)";
            case FIGURE8 -> "7.3 min for 8 runs (measured on a 2-core CPU at load average 6–7)";
        };
    }

    @Override
    public String title() {
        return switch (kind) {
            case TABLE2 -> "angle statistics on CIFAR10+ (angular-loss paper Table 2)";
            case TABLE3 -> "angle statistics on CIFAR100+ (angular-loss paper Table 3)";
            case TABLE6 -> "CIFAR10 and CIFAR10+ test error (angular-loss paper Table 6)";
            case TABLE7 -> "CIFAR100+ test error (angular-loss paper Table 7)";
            case FIGURE8 -> "cosine similarity of features on CIFAR10 and CIFAR100 (angular-loss paper Fig. 8)";
        };
    }

    @Override
    public String purpose() {
        return switch (kind) {
            case TABLE2, TABLE3 -> "W-Inter (between class weights), C-Inter (between class centres) and WC-Intra (class centre to its "
                    + "weight, Eq. 12) at the end of training, per head, beside the paper's."
                    + (kind == Kind.TABLE3 ? " The paper's caption says CIFAR100, its text CIFAR100+; this preset uses augmentation." : "");
            case TABLE6, TABLE7 -> "Final test error (%) per head, mean ± standard deviation over seeds, beside the paper's five-run "
                    + "numbers" + (kind == Kind.TABLE7 ? " (top-1 only: MarginLab does not measure the paper's top-5)." : ".");
            case FIGURE8 -> "The cosine similarity matrix CM_ij = x_iᵀx_j of L2-normalised test features, ordered by class: a margin "
                    + "head should show bright diagonal blocks on a dark background.";
        };
    }

    @Override
    public void results(ReportBuilder rep) {
        switch (kind) {
            case TABLE2, TABLE3 -> angleTable(rep, kind == Kind.TABLE2 ? PaperNumbers.TABLE2_CIFAR10 : PaperNumbers.TABLE3_CIFAR100);
            case TABLE6 -> {
                errorTable(rep, "cifar10:", "CIFAR10", PaperNumbers.TABLE6_CIFAR10);
                errorTable(rep, "cifar10aug:", "CIFAR10+", PaperNumbers.TABLE6_CIFAR10_AUG);
            }
            case TABLE7 -> errorTable(rep, "", "CIFAR100+", PaperNumbers.TABLE7_CIFAR100_AUG);
            case FIGURE8 -> similarityNote(rep);
        }
    }

    private void angleTable(ReportBuilder rep, Map<String, PaperNumbers.Angles> paper) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"head", "test_error_pct", "w_inter_rad", "c_inter_rad", "wc_intra_rad", "paper_w_inter", "paper_c_inter", "paper_wc_intra"});
        rep.md.append("| Method | test error % | W-Inter | C-Inter | WC-Intra | paper W-Inter | paper C-Inter | paper WC-Intra |\n"
                + "|---|---|---|---|---|---|---|---|\n");
        Double softWc = null;
        for (String h : PaperNumbers.PAPER_HEADS) {
            RunOutcome o = rep.head(h);
            PaperNumbers.Angles p = paper.get(h);
            boolean ok = finished(o) && o.summary().wcIntra() != null;
            if (ok && h.equals("softmax")) {
                softWc = o.summary().wcIntra();
            }
            rep.md.append("| ").append(PaperNumbers.paperName(h)).append(" | ").append(ok ? pct(o.finalTestError()) : "—").append(" | ")
                    .append(ok ? rad(o.summary().wInter()) : "—").append(" | ").append(ok ? rad(o.summary().cInter()) : "—").append(" | ")
                    .append(ok ? rad(o.summary().wcIntra()) : "—").append(" | ").append(rad(p.wInter())).append(" | ")
                    .append(rad(p.cInter())).append(" | ").append(rad(p.wcIntra())).append(" |\n");
            rows.add(new String[] {h, ok ? csv(o.finalTestError()) : "", ok ? csv(o.summary().wInter()) : "", ok ? csv(o.summary().cInter()) : "",
                ok ? csv(o.summary().wcIntra()) : "", csv(p.wInter()), csv(p.cInter()), csv(p.wcIntra())});
        }
        rep.csvs.put(id() + ".csv", rows);
        rep.md.append("\nOne seed per head: these are single runs, so an ordering between heads is an observation, not a finding.\n\n");
        for (String h : List.of("arc", "arcface")) {
            RunOutcome o = rep.head(h);
            if (softWc != null && finished(o) && o.summary().wcIntra() != null) {
                double v = o.summary().wcIntra();
                rep.checks.add(new Report.Check(PaperNumbers.paperName(h) + "'s WC-Intra is well below Softmax's (at most "
                        + ReportBuilder.WELL_BELOW + " of it; paper " + rad(paper.get(h).wcIntra()) + " vs " + rad(paper.get("softmax").wcIntra()) + ")",
                        v <= ReportBuilder.WELL_BELOW * softWc, String.format(Locale.ROOT, "ours %.4f vs %.4f rad (ratio %.2f; one seed)", v, softWc, v / softWc)));
            }
        }
        if (rep.plan.quick()) {
            rep.disagreements.add("The quick form's angles are not comparable to the paper's in value: a compact net trained for "
                    + QUICK_EPOCHS + " passes over " + QUICK_TRAIN + " images, against ResNet-18/34 for 160 epochs.");
        }
    }

    private void errorTable(ReportBuilder rep, String groupPrefix, String name, Map<String, double[]> paper) {
        List<String[]> rows = rep.csvs.computeIfAbsent(id() + ".csv", k -> {
            List<String[]> r = new ArrayList<>();
            r.add(new String[] {"setting", "head", "runs", "mean_error_pct", "std_error_pct", "per_seed_pct", "paper_mean_pct", "paper_std_pct"});
            return r;
        });
        rep.md.append("**").append(name).append("**\n\n| Method | ours: test error % | runs | paper % (five runs) |\n|---|---|---|---|\n");
        Map<String, double[]> ours = new java.util.LinkedHashMap<>();
        for (String h : PaperNumbers.PAPER_HEADS) {
            List<Double> errs = new ArrayList<>();
            for (RunOutcome o : rep.outcomes) {
                if (o.run().group().equals(groupPrefix + h) && finished(o) && Double.isFinite(o.finalTestError())) {
                    errs.add(o.finalTestError());
                }
            }
            double[] ms = Stats.meanStd(errs);
            ours.put(h, new double[] {ms[0], ms[1], errs.size()});
            double[] p = paper.get(h);
            rep.md.append("| ").append(PaperNumbers.paperName(h)).append(" | ").append(pct(ms[0])).append(errs.size() > 1 ? " ± " + pct(ms[1]) : "")
                    .append(" | ").append(errs.size()).append(" | ").append(pct(p[0])).append(" ± ").append(pct(p[1])).append(" |\n");
            rows.add(new String[] {name, h, Integer.toString(errs.size()), csv(ms[0]), csv(ms[1]),
                String.join(";", errs.stream().map(ReportBuilder::csv).toList()), csv(p[0]), csv(p[1])});
        }
        rep.md.append('\n');
        double[] soft = ours.get("softmax");
        for (String h : List.of("arc", "arcface", "center")) {
            double[] v = ours.get(h);
            if (!Double.isFinite(soft[0]) || !Double.isFinite(v[0])) {
                continue;
            }
            boolean spread = soft[2] > 1 && v[2] > 1;
            double se = spread ? Math.sqrt(soft[1] * soft[1] / soft[2] + v[1] * v[1] / v[2]) : Double.NaN;
            boolean below = v[0] < soft[0];
            String support = spread
                    ? String.format(Locale.ROOT, "difference %+.2f pp, %.1f standard errors of the difference over the seeds (%s)",
                            v[0] - soft[0], Math.abs(v[0] - soft[0]) / se, Math.abs(v[0] - soft[0]) > 2 * se
                                    ? "beyond two: supported by the seed spread" : "within two: the seed spread does not support a ranking")
                    : String.format(Locale.ROOT, "difference %+.2f pp from one seed each: no spread, so not a finding", v[0] - soft[0]);
            rep.checks.add(new Report.Check(String.format(Locale.ROOT, "%s: %s's error is below Softmax's (paper %.2f vs %.2f)", name,
                    PaperNumbers.paperName(h), paper.get(h)[0], paper.get("softmax")[0]), below,
                    String.format(Locale.ROOT, "ours %.2f vs %.2f %%; %s", v[0], soft[0], support)));
        }
        for (String h : PaperNumbers.PAPER_HEADS) {
            double m = ours.get(h)[0];
            double p = paper.get(h)[0];
            if (Double.isFinite(m) && Math.abs(m - p) > 1) {
                rep.disagreements.add(String.format(Locale.ROOT, "%s %s: %.2f %% vs the paper's %.2f %% (%+.2f pp). Most likely reason: %s", name,
                        PaperNumbers.paperName(h), m, p, m - p, rep.plan.quick()
                                ? "the quick form trains a compact net for " + QUICK_EPOCHS + " passes over " + QUICK_TRAIN + " images"
                                : "ResNet-20 (0.27 M parameters) instead of the paper's ResNet-18/34 (11–22 M)"));
            }
        }
    }

    private void similarityNote(ReportBuilder rep) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"run", "features", "mean_same_class_cos", "mean_other_class_cos", "test_error_pct"});
        rep.md.append("| run | features | mean cos, same class | mean cos, other classes | test error % |\n|---|---|---|---|---|\n");
        for (RunOutcome o : rep.outcomes) {
            var e = figure8Matrix(o);
            if (!finished(o) || e == null || e.similarity() == null || e.similarity().length == 0) {
                continue;
            }
            double[] sd = sameAndOther(e.similarity(), e.similarityLabels());
            rep.md.append("| ").append(o.run().label()).append(" | ").append(e.similarity().length).append(" | ")
                    .append(sd[0] >= -1 ? String.format(Locale.ROOT, "%.3f", sd[0]) : "— (one per class)").append(" | ")
                    .append(String.format(Locale.ROOT, "%.3f", sd[1])).append(" | ").append(pct(o.finalTestError())).append(" |\n");
            rows.add(new String[] {o.run().key(), Integer.toString(e.similarity().length), sd[0] >= -1 ? csv(sd[0]) : "", csv(sd[1]),
                csv(o.finalTestError())});
        }
        rep.csvs.put("figure8.csv", rows);
        rep.md.append("\nThe paper shows the matrices only as pictures, so there are no numbers to set beside these. One seed per run.\n\n");
    }

    /**
     * The end-of-run evaluation with Fig. 8's features: the first 10 test features of each class on CIFAR10, the
     * first one of each class on CIFAR100 (the paper picks at random; the engine's probe is the first of each class).
     */
    static org.marginlab.run.EpochSnapshot figure8Matrix(RunOutcome o) {
        var e = o.lastEpoch();
        if (e == null || e.similarity() == null) {
            return e;
        }
        int k = o.run().config().dataDir() != null && o.run().config().dataDir().endsWith(CIFAR100_DIR) || o.run().key().startsWith("cifar100")
                ? 1 : 10;
        List<Integer> keep = new ArrayList<>();
        Map<Integer, Integer> seen = new java.util.HashMap<>();
        for (int i = 0; i < e.similarityLabels().length; i++) {
            if (seen.merge(e.similarityLabels()[i], 1, Integer::sum) <= k) {
                keep.add(i);
            }
        }
        float[][] sim = new float[keep.size()][keep.size()];
        int[] labels = new int[keep.size()];
        for (int a = 0; a < keep.size(); a++) {
            labels[a] = e.similarityLabels()[keep.get(a)];
            for (int b = 0; b < keep.size(); b++) {
                sim[a][b] = e.similarity()[keep.get(a)][keep.get(b)];
            }
        }
        return new org.marginlab.run.EpochSnapshot(e.epoch(), e.iteration(), e.testAccuracy(), e.wcIntra(), e.wInter(), e.cInter(),
                e.histogramEdges(), e.thetaHistograms(), sim, labels, e.confusion());
    }

    /** Mean cosine between different features of the same class (−2 when no class has two) and of different classes. */
    static double[] sameAndOther(float[][] sim, int[] labels) {
        double same = 0;
        double other = 0;
        long ns = 0;
        long no = 0;
        for (int i = 0; i < sim.length; i++) {
            for (int j = 0; j < sim.length; j++) {
                if (i == j) {
                    continue;
                }
                if (labels[i] == labels[j]) {
                    same += sim[i][j];
                    ns++;
                } else {
                    other += sim[i][j];
                    no++;
                }
            }
        }
        return new double[] {ns == 0 ? -2 : same / ns, no == 0 ? Double.NaN : other / no};
    }

    @Override
    public List<Figure> figures(Plan plan, List<RunOutcome> outcomes) {
        if (kind != Kind.FIGURE8) {
            return List.of();
        }
        List<PanelGridFigure.Panel> panels = new ArrayList<>();
        for (RunOutcome o : outcomes) {
            if (o.lastEpoch() == null) {
                continue;
            }
            SimilarityMatrixFigure f = new SimilarityMatrixFigure();
            f.setRun(new RunData(o.run().label(), o.run().config(), o.last() == null ? List.of() : List.of(o.last()), List.of(figure8Matrix(o))));
            panels.add(new PanelGridFigure.Panel(f, o.run().label()));
        }
        return panels.isEmpty() ? List.of() : List.of(new PanelGridFigure("figure8-similarity", "Cosine similarity of test features per head "
                + "(angular-loss paper Fig. 8)", panels, 4, new Dimension(420, 420)));
    }
}
