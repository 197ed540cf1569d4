package org.marginlab.reproduce;

import org.marginlab.UserException;
import org.marginlab.loss.HeadKind;
import org.marginlab.loss.HeadParams;
import org.marginlab.config.TrainConfig;
import org.marginlab.config.Backbone;
import org.marginlab.config.Schedule;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The reproduction presets: the runs each needs, in a full form (the paper's settings, meant for a GPU)
 * and a quick form that fits a shared 2-core CPU in minutes. Every run of a preset shares the seed, so
 * initialisation and data order are the same across heads.
 */
public final class Presets {

    public static final List<String> IDS = List.of("angles", "error-vs-epochs", "table5", "figure6", "sphere", OpenSetPreset.ID);
    public static final long SEED = 42;
    /** Seeds of the angles preset's s sweep unless --seeds says otherwise: one seed's ordering of six curves is anecdote. */
    public static final int FIG5_SEEDS = 3;

    /** All eight heads, the paper's four first. */
    static final List<HeadKind> ALL_HEADS = List.of(HeadKind.SOFTMAX, HeadKind.ARC, HeadKind.ARCFACE, HeadKind.CENTER,
            HeadKind.NORMFACE, HeadKind.COSFACE, HeadKind.SPHEREFACE, HeadKind.LSOFTMAX);
    static final List<HeadKind> PAPER_HEADS = List.of(HeadKind.SOFTMAX, HeadKind.ARC, HeadKind.ARCFACE, HeadKind.CENTER);

    // Quick form: the compact backbone, Adam at one learning rate for every head (the paper's 0.1 is for
    // ResNet-20 over 60 epochs and diverges on a few hundred steps of the compact net).
    static final double QUICK_LR = 3e-3;
    static final int QUICK_BATCH = 128;
    /** Test images for the per-epoch readings of error-vs-epochs (the other quick presets use all 10 000). */
    static final int QUICK_TEST = 2000;
    static final int QUICK_PROBE = 50;
    static final long QUICK_ANGLE_ITERS = 240;
    static final int QUICK_ANGLE_SNAP = 20;
    static final long QUICK_EMBED_ITERS = 240;
    static final int QUICK_EVE_SUBSET = 3840;
    static final int QUICK_T5_SUBSET = 7680;
    static final int QUICK_T5_EPOCHS = 3;

    private Presets() {
    }

    /**
     * @param seeds seeds per head for table5, per s value of Fig. 5's sweep for angles; null for the preset's
     *              default (table5 1, angles {@value #FIG5_SEEDS})
     */
    public static Plan plan(String preset, boolean quick, Integer seeds, String dataDir) {
        if (seeds != null && (seeds < 1 || seeds > 20)) {
            throw new UserException("--seeds must be an integer in [1, 20] (got " + seeds + ")");
        }
        if (seeds != null && seeds > 1 && !"table5".equals(preset) && !"angles".equals(preset)) {
            throw new UserException("--seeds applies to table5 and angles only; drop it for " + preset);
        }
        return switch (preset == null ? "" : preset) {
            case "angles" -> angles(quick, seeds == null ? FIG5_SEEDS : seeds, dataDir);
            case "error-vs-epochs" -> errorVsEpochs(quick, dataDir);
            case "table5" -> table5(quick, seeds == null ? 1 : seeds, dataDir);
            case "figure6" -> embeddings("figure6", 2, quick, dataDir);
            case "sphere" -> embeddings("sphere", 3, quick, dataDir);
            case OpenSetPreset.ID -> OpenSetPreset.plan(quick, dataDir);
            default -> throw new UserException("PRESET '" + preset + "' is unknown; use one of " + String.join(", ", IDS));
        };
    }

    /** Table 1's learning rate; heads the paper does not train take that of their kin (normalised or not). */
    static double table1Lr(HeadKind k) {
        Double lr = PaperNumbers.TABLE1_LR.get(k.id());
        if (lr != null) {
            return lr;
        }
        return switch (k) {
            case NORMFACE, COSFACE -> 0.1;
            default -> 0.01;
        };
    }

    /** Head parameters: the project defaults, with the published margins where d ≥ C − 1 makes them reachable. */
    static HeadParams params(HeadKind k, int dim) {
        HeadParams p = HeadParams.defaults(k);
        if (dim >= 9) {
            if (k == HeadKind.ARCFACE) {
                p = p.withM(0.5);
            } else if (k == HeadKind.COSFACE) {
                p = p.withM(0.35);
            }
        }
        return p;
    }

    static TrainConfig config(String dataDir, Backbone backbone, int dim, HeadKind head, HeadParams p, double lr,
                              Schedule schedule, int batch, int epochs, long iterations, long seed, int probe,
                              int snapshotEvery) {
        TrainConfig d = TrainConfig.defaults(head);
        // The margin warm-up (default 500 steps) would leave a quick run's margins near 0: scale it to a third of the run.
        int warmup = iterations > 0 ? (int) Math.max(1, iterations / 3) : d.marginWarmup();
        return d.toBuilder().dataDir(dataDir).backbone(backbone).dim(dim).headParams(p).marginWarmup(warmup)
                .learningRate(lr).schedule(schedule).weightDecay(5e-4).batchSize(batch).epochs(epochs)
                .iterations(iterations).seed(seed).probePerClass(probe).snapshotEvery(snapshotEvery).build();
    }

    private static String table1Text() {
        return "ResNet-20 (d = 64), Adam, one-cycle learning rate (peak per Table 1: Soft 0.1, Arc 0.1, ArcFace 0.1, "
                + "Center 0.01; NormFace/CosFace 0.1, SphereFace/L-Softmax 0.01), weight decay 5e-4, batch 256, "
                + "no augmentation, full training and test sets";
    }

    private static String quickText(int dim) {
        return String.format(Locale.ROOT, "QUICK FORM: compact backbone (3 conv blocks 16/32/64 + FC 128, d = %d), "
                + "Adam, peak learning rate %s for every head, weight decay 5e-4, batch %d", dim, QUICK_LR, QUICK_BATCH);
    }

    static Plan angles(boolean quick, int seeds, String dataDir) {
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
        set.add("the normalised heads (NormFace, CosFace, ArcFace, Arc) warm s up linearly from 1 to its value, together with the margin, over "
                + (quick ? Math.max(1, iters / 3) + " iterations (a third of the run)" : TrainConfig.defaults(HeadKind.ARC).marginWarmup() + " iterations")
                + ": Fig. 5's runs reach their s only then");
        set.add("the table: one seed (" + SEED + "); Fig. 5's sweep: " + (seeds > 1 ? seeds + " seeds (" + SEED + "…" + (SEED + seeds - 1)
                + ") per s, mean ± sample standard deviation" : "one seed (" + SEED + ")"));
        return new Plan("angles", quick, seeds, 0, 0, List.of(), runs, set);
    }

    static Plan errorVsEpochs(boolean quick, String dataDir) {
        List<PlannedRun> runs = new ArrayList<>();
        List<String> set = new ArrayList<>();
        List<Integer> epochs;
        int trainSubset = 0;
        if (quick) {
            epochs = List.of(1, 2, 4, 8);
            trainSubset = QUICK_EVE_SUBSET;
            int last = epochs.get(epochs.size() - 1);
            for (HeadKind k : PAPER_HEADS) {
                TrainConfig c = config(dataDir, Backbone.COMPACT, 16, k, params(k, 16), QUICK_LR, Schedule.CONSTANT, QUICK_BATCH, last,
                        (long) last * (trainSubset / QUICK_BATCH), SEED, QUICK_PROBE, 1000);
                runs.add(new PlannedRun(k.id(), org.marginlab.figures.RunData.defaultLabel(c), k.id(), c));
            }
            set.add(quickText(16) + ", constant learning rate");
            set.add("an epoch here is a pass over the first " + trainSubset + " training images (not 60 000); test error on the first "
                    + QUICK_TEST + " test images");
            set.add("ONE run per head of " + last + " epochs, with the test error read at the end of epochs " + epochs
                    + " (the paper trains one run per row, each with its own full one-cycle schedule; a constant rate keeps the"
                    + " intermediate readings comparable)");
        } else {
            epochs = PaperNumbers.TABLE4_EPOCHS;
            for (int e : epochs) {
                for (HeadKind k : PAPER_HEADS) {
                    TrainConfig c = config(dataDir, Backbone.RESNET20, 64, k, params(k, 64), table1Lr(k), Schedule.ONECYCLE, 256, e, 0, SEED, 100, 1000);
                    runs.add(new PlannedRun(k.id() + "-e" + e, org.marginlab.figures.RunData.defaultLabel(c) + ", " + e + " epochs", k.id(), c));
                }
            }
            set.add(table1Text());
            set.add("one run per head and epoch count, as the paper's rows (each with its own one-cycle schedule)");
        }
        return new Plan("error-vs-epochs", quick, 1, trainSubset, quick ? QUICK_TEST : 0, epochs, runs, set);
    }

    static Plan table5(boolean quick, int seeds, String dataDir) {
        List<PlannedRun> runs = new ArrayList<>();
        List<String> set = new ArrayList<>();
        int trainSubset = quick ? QUICK_T5_SUBSET : 0;
        for (HeadKind k : PAPER_HEADS) {
            for (int i = 0; i < seeds; i++) {
                long seed = SEED + i;
                TrainConfig c = quick
                        ? config(dataDir, Backbone.COMPACT, 64, k, params(k, 64), QUICK_LR, Schedule.ONECYCLE, QUICK_BATCH, QUICK_T5_EPOCHS,
                                (long) QUICK_T5_EPOCHS * (trainSubset / QUICK_BATCH), seed, QUICK_PROBE, 1000)
                        : config(dataDir, Backbone.RESNET20, 64, k, params(k, 64), table1Lr(k), Schedule.ONECYCLE, 256, 60, 0, seed, 100, 1000);
                // the first seed's run is the single-seed run, so adding seeds later reuses it
                String key = i == 0 ? k.id() : k.id() + "-seed" + seed;
                runs.add(new PlannedRun(key, org.marginlab.figures.RunData.defaultLabel(c) + (seeds > 1 ? ", seed " + seed : ""), k.id(), c));
            }
        }
        if (quick) {
            set.add(quickText(64) + ", one-cycle over " + QUICK_T5_EPOCHS + " epochs of the first " + trainSubset
                    + " training images (the paper: 60 epochs of 60 000 with ResNet-20); test error on all 10 000 test images");
        } else {
            set.add(table1Text() + ", 60 epochs (the paper's Table 5 setting)");
        }
        set.add(seeds > 1 ? seeds + " seeds per head (" + SEED + "…" + (SEED + seeds - 1) + "): mean ± sample standard deviation"
                : "one seed (" + SEED + ") per head; pass --seeds N for mean ± std");
        set.add("ArcFace s = 16, m = 0.5; Arc s = 7; Center λ = 0.01 (the paper does not print its s, m or λ)");
        return new Plan("table5", quick, seeds, trainSubset, 0, List.of(), runs, set);
    }

    static Plan embeddings(String preset, int dim, boolean quick, String dataDir) {
        List<PlannedRun> runs = new ArrayList<>();
        List<String> set = new ArrayList<>();
        long iters = quick ? QUICK_EMBED_ITERS : 0;
        for (HeadKind k : ALL_HEADS) {
            HeadParams p = HeadParams.defaults(k);
            if (dim == 3 && k == HeadKind.COSFACE) {
                p = p.withS(10).withM(0.2); // AM-Softmax Fig. 4's setting
            }
            TrainConfig c;
            if (quick) {
                c = config(dataDir, Backbone.COMPACT, dim, k, p, QUICK_LR, Schedule.ONECYCLE, QUICK_BATCH, 1, iters, SEED, QUICK_PROBE, 20);
            } else if (dim == 2) {
                c = config(dataDir, Backbone.RESNET20, dim, k, p, table1Lr(k), Schedule.ONECYCLE, 256, 60, 0, SEED, 100, 1000);
            } else {
                c = config(dataDir, Backbone.LENETPP, dim, k, p, 1e-3, Schedule.ONECYCLE, 256, 30, 0, SEED, 100, 1000);
            }
            runs.add(new PlannedRun(k.id(), org.marginlab.figures.RunData.defaultLabel(c), k.id(), c));
        }
        if (quick) {
            set.add(quickText(dim) + ", one-cycle over " + iters + " iterations (" + iters * QUICK_BATCH + " images)");
            set.add("features of " + QUICK_PROBE + " test images per class in the figure; test error on all 10 000 test images");
        } else if (dim == 2) {
            set.add(table1Text().replace("d = 64", "d = 2") + ", 60 epochs (Section 4.2.1: Table 1 settings with d = 2)");
        } else {
            set.add("LeNet++-style 7-layer CNN (AM-Softmax Fig. 4 used a seven-layer CNN), d = 3, Adam, one-cycle peak 1e-3, "
                    + "weight decay 5e-4, batch 256, 30 epochs");
        }
        set.add("head parameters: the project defaults for " + dim + "-D embeddings (NormFace s = 16; CosFace "
                + (dim == 3 ? "s = 10, m = 0.2 as AM-Softmax Fig. 4" : "s = 16, m = 0.1") + "; ArcFace s = 16, m = 0.2; "
                + "Arc s = 7; SphereFace/L-Softmax m = 4, λ annealed from 1000 to 5; Center λ = 0.01): "
                + "the published margins cannot be met with ten classes in " + dim + " dimensions");
        return new Plan(preset, quick, 1, 0, 0, List.of(), runs, set);
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
