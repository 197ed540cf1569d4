package org.marginlab.reproduce;

import org.marginlab.UserException;
import org.marginlab.loss.HeadKind;
import org.marginlab.loss.HeadParams;
import org.marginlab.config.ConfigField;
import org.marginlab.config.TrainConfig;
import org.marginlab.config.Backbone;
import org.marginlab.config.Schedule;

import java.util.List;
import java.util.Locale;

/**
 * The reproduction presets, one {@link Preset} class each, and what their plans share: every preset's
 * runs come in a full form (the paper's settings, meant for a GPU) and a quick form that fits a shared
 * 2-core CPU in minutes, and every run of a preset shares the seed, so initialisation and data order are
 * the same across heads.
 */
public final class Presets {

    /** Every preset, in the order the CLI lists them. */
    public static final List<Preset> ALL = List.of(new AnglesPreset(), new ErrorVsEpochsPreset(), new Table5Preset(),
            EmbeddingsPreset.FIGURE6, EmbeddingsPreset.SPHERE, OpenSetPreset.INSTANCE,
            CifarPreset.TABLE2, CifarPreset.TABLE3, CifarPreset.TABLE6, CifarPreset.TABLE7, CifarPreset.FIGURE8);
    public static final List<String> IDS = ALL.stream().map(Preset::id).toList();
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
        Preset p = byId(preset);
        if (seeds != null && (seeds < 1 || seeds > 20)) {
            throw new UserException("--seeds must be an integer in [1, 20] (got " + seeds + ")");
        }
        if (seeds != null && seeds > 1 && !p.takesSeeds()) {
            List<String> ids = ALL.stream().filter(Preset::takesSeeds).map(Preset::id).toList();
            String list = ids.size() == 1 ? ids.getFirst()
                    : String.join(", ", ids.subList(0, ids.size() - 1)) + " and " + ids.getLast();
            throw new UserException("--seeds applies to " + list + " only; drop it for " + preset);
        }
        return p.plan(quick, seeds == null ? p.defaultSeeds(quick) : seeds, dataDir);
    }

    /** The preset with this id; an unknown one is a one-line UserException naming the valid ids. */
    public static Preset byId(String id) {
        return ALL.stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow(
                () -> new UserException("PRESET '" + id + "' is unknown; use one of " + String.join(", ", IDS)));
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
        // SphereFace's λ annealing likewise: the published γ = 0.12 takes 1 659 iterations to reach λ_min, so a
        // quick run reaches it over the same third (lambda_anneal); a full run keeps the published γ.
        int anneal = iterations > 0 && ConfigField.LAMBDA_ANNEAL.appliesTo(head) ? warmup : 0;
        return d.toBuilder().dataDir(dataDir).backbone(backbone).dim(dim).headParams(p).marginWarmup(warmup).lambdaAnneal(anneal)
                .learningRate(lr).schedule(schedule).weightDecay(5e-4).batchSize(batch).epochs(epochs)
                .iterations(iterations).seed(seed).probePerClass(probe).snapshotEvery(snapshotEvery).build();
    }

    /**
     * The quick form's schedules in words: what the runs' config.json files hold as margin_warmup and
     * lambda_anneal (both a third of the run, {@link #config}).
     */
    static String quickSchedulesText(long iterations) {
        long third = Math.max(1, iterations / 3);
        return "schedules scaled to the run: the normalised heads' s from 1 and CosFace's / ArcFace's m from 0 rise to their "
                + "values over the first " + third + " iterations (margin_warmup), and SphereFace's / L-Softmax's λ falls from "
                + "1000 to 5 over the same " + third + " (lambda_anneal; the published γ = 0.12 would take 1 659 iterations and "
                + "end a " + iterations + "-iteration run at λ = " + fmt(Math.round(10 * 1000 / (1 + 0.12 * iterations)) / 10.0) + ")";
    }

    /** The full form's schedules in words (automatic warm-up, the published λ annealing). */
    static String fullSchedulesText() {
        return "schedules: the normalised heads' s from 1 and CosFace's / ArcFace's m from 0 rise over the first 500 iterations "
                + "(margin_warmup auto: a third of the run, at most 500), and SphereFace's / L-Softmax's λ falls from 1000 to 5 "
                + "with the published γ = 0.12, reaching 5 at iteration 1 659";
    }

    static String table1Text() {
        return "ResNet-20 (d = 64), Adam, one-cycle learning rate (peak per Table 1: Soft 0.1, Arc 0.1, ArcFace 0.1, "
                + "Center 0.01; NormFace/CosFace 0.1, SphereFace/L-Softmax 0.01), weight decay 5e-4, batch 256, "
                + "no augmentation, full training and test sets";
    }

    static String quickText(int dim) {
        return String.format(Locale.ROOT, "QUICK FORM: compact backbone (3 conv blocks 16/32/64 + FC 128, d = %d), "
                + "Adam, peak learning rate %s for every head, weight decay 5e-4, batch %d", dim, QUICK_LR, QUICK_BATCH);
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
