package org.marginlab.config;

import org.marginlab.loss.HeadKind;
import org.marginlab.loss.HeadParam;
import org.marginlab.loss.HeadParams;
import org.marginlab.loss.MarginSchedule;

import java.util.List;

/**
 * Everything that defines a training run. Each component is described once, in {@link ConfigField}
 * (key, range, help, flag, label); the CLI, config.json, the window and docs/training.md derive from
 * there. Build one from {@link #defaults} with {@link #with}, {@link #withHead} or a {@link Builder}.
 *
 * @param lambdaAnneal   iterations over which SphereFace's / L-Softmax's λ falls from its start to λ_min, γ then
 *                       following from them ({@link #lambdaGammaInForce}); 0 = γ as given (config.json files
 *                       written before this field existed read as 0, so they replay as they ran)
 * @param marginWarmup   iterations of margin and scale warm-up, or {@link #AUTO_WARMUP}
 * @param holdoutClasses Fashion-MNIST class ids left out of training, ascending (empty = none): the head trains
 *                       on the others, relabelled 0..C'−1 in id order, and test accuracy and the probes cover
 *                       those; {@code marginlab evaluate} embeds the held-out ones
 * @param dataset        what the run trained on (format, path, sizes, checksum, class names), set by the session
 *                       from the data it loaded; null in a config not yet trained
 */
public record TrainConfig(
        String dataDir,
        Backbone backbone,
        int dim,
        HeadKind head,
        HeadParams headParams,
        double lambdaMin,
        double lambdaGamma,
        double lambdaPower,
        int lambdaAnneal,
        int marginWarmup,
        double centerAlpha,
        Optimizer optimizer,
        double learningRate,
        Schedule schedule,
        double weightDecay,
        double momentum,
        int batchSize,
        int epochs,
        long iterations,
        long seed,
        DeviceSpec device,
        boolean augment,
        int probePerClass,
        int snapshotEvery,
        int earlySnapshots,
        List<Integer> holdoutClasses,
        CifarLabels cifar100Labels,
        int imageSize,
        ImageColour colour,
        org.marginlab.data.DataRecord dataset) {

    public TrainConfig {
        holdoutClasses = holdoutClasses == null ? List.of() : holdoutClasses.stream().sorted().toList();
    }

    /**
     * {@code marginWarmup} meaning a third of the run's iterations, at most 500 (about one epoch at batch
     * 128): a fixed 500 outlasted a one-epoch run (468 iterations), which then ended at s = 6.6 of 7 and
     * never trained at the configured head. Replaced by the number when a session starts.
     */
    public static final int AUTO_WARMUP = -1;

    /**
     * The dense start of a run someone watches (the window's own run, the demos): the first snapshots
     * then come every few iterations until this one, where a demo's clusters first take shape.
     */
    public static final int WATCHED_START = 100;

    /**
     * How much denser snapshots are during {@code earlySnapshots}: a fifth of the cadence (every 2 iterations
     * at a demo's 10, every 10 at the default 50), where the embedding moves most and a watcher waits most.
     */
    public static final int EARLY_DENSITY = 5;

    /**
     * Whether the snapshot cadence calls for a snapshot when {@code iteration} steps are done: every
     * {@code snapshotEvery / }{@value #EARLY_DENSITY} (at least 1) up to {@code earlySnapshots}, then every
     * {@code snapshotEvery}. The one rule, for training, resuming and replaying alike.
     */
    public boolean snapshotDue(long iteration) {
        int every = iteration <= earlySnapshots ? Math.max(1, snapshotEvery / EARLY_DENSITY) : snapshotEvery;
        return iteration % every == 0;
    }

    /**
     * Whether a snapshot at {@code iteration} also writes a checkpoint: at the regular cadence only, not at
     * the dense early snapshots, where one (a megabyte or more, read back to verify) every two iterations
     * would slow the start a watcher waits for. Epoch ends and the last iteration always checkpoint.
     */
    public boolean checkpointDue(long iteration) {
        return iteration % snapshotEvery == 0;
    }

    /** The head of a config that names none (a hand-written config.json, {@code train} without --head). */
    public static final HeadKind DEFAULT_HEAD = HeadKind.SOFTMAX;

    /**
     * The Fashion-MNIST class id of head class {@code j}: the classes not held out keep their order and are
     * numbered 0..C'−1 in training, so with 2 and 5 held out head class 2 is class 3 (Dress).
     */
    public int datasetClass(int j) {
        int y = j;
        for (int h : holdoutClasses) { // ascending
            if (h <= y) {
                y++;
            }
        }
        return y;
    }

    /** The head class of Fashion-MNIST class {@code y} (the inverse of {@link #datasetClass}); −1 when y is held out. */
    public int headClass(int y) {
        return holdoutClasses.contains(y) ? -1 : y - (int) holdoutClasses.stream().filter(h -> h < y).count();
    }

    /**
     * The γ the λ annealing uses: the configured one, or with {@code lambdaAnneal} set the γ that brings λ
     * from its start to λ_min in exactly that many iterations ({@link MarginSchedule#gammaReaching}).
     */
    public double lambdaGammaInForce() {
        // the head's annealed parameter (SphereFace's and L-Softmax's λ) is where the annealing starts
        return head.type().params().stream().filter(q -> q.schedule() == HeadParam.Schedule.ANNEALED).findFirst()
                .map(q -> lambdaAnneal > 0 ? MarginSchedule.gammaReaching(headParams.value(q.name()), lambdaMin,
                        lambdaPower, lambdaAnneal, lambdaGamma) : lambdaGamma)
                .orElse(lambdaGamma);
    }

    /**
     * The schedule that moves the head's parameters over this run's iterations (warm-ups, λ annealing over
     * {@code lambdaAnneal}); the warm-up must be fixed to the run first ({@link #withWarmupFor}).
     */
    public MarginSchedule marginSchedule() {
        return new MarginSchedule(head, headParams, lambdaMin, lambdaGamma, lambdaPower, marginWarmup, lambdaAnneal);
    }

    /**
     * How to read the data set: the CIFAR-100 labels, an image folder's size and colour. An image folder's split
     * has a fixed seed, not the run's, so runs of different seeds test on the same images.
     */
    public org.marginlab.data.DataOptions dataOptions() {
        return new org.marginlab.data.DataOptions(cifar100Labels == CifarLabels.COARSE, imageSize, colour.channels(),
                org.marginlab.data.DataOptions.DEFAULTS.splitSeed());
    }

    /** The name of dataset class {@code y}: from the data set the run trained on, else Fashion-MNIST's (runs before data sets were recorded). */
    public String className(int y) {
        java.util.List<String> names = dataset != null && !dataset.classNames().isEmpty() ? dataset.classNames()
                : org.marginlab.data.FashionMnist.CLASS_NAMES;
        return y >= 0 && y < names.size() ? names.get(y) : "class " + y;
    }

    /** The number of classes in the data set (before any are held out). */
    public int datasetClasses() {
        return dataset != null && !dataset.classNames().isEmpty() ? dataset.classNames().size()
                : org.marginlab.data.FashionMnist.CLASS_NAMES.size();
    }

    /** This config with an automatic warm-up replaced by its number of iterations for a run this long. */
    public TrainConfig withWarmupFor(long totalIterations) {
        if (marginWarmup != AUTO_WARMUP) {
            return this;
        }
        return toBuilder().marginWarmup((int) Math.min(500, totalIterations / 3)).build();
    }

    /**
     * A sensible 3-D demo run of the given head on the compact backbone. Adam at 5e-3: measured on one
     * epoch of compact/3-D it lifts test accuracy from 0.754 to 0.802 (arc) and 0.732 to 0.763 (cosface)
     * over 1e-3 (docs/training.md). Warm-up for s as well as m, {@link #AUTO_WARMUP}: without the scale
     * warm-up the angular loss (s = 7) collapsed in 2-D (test accuracy 0.197 after two epochs, all class
     * centres within 0.37 rad); with 500 iterations, 0.762 (docs/training.md).
     */
    public static TrainConfig defaults(HeadKind head) {
        return new TrainConfig(null, Backbone.COMPACT, 3, head, HeadParams.defaults(head),
                5, 0.12, 1, 0, AUTO_WARMUP, 0.5,
                Optimizer.ADAM, 5e-3, Schedule.CONSTANT, 5e-4, 0.9,
                128, 1, 0, 42L, DeviceSpec.DEFAULT, false, 100, 50, 0, List.of(),
                CifarLabels.FINE, 0, ImageColour.AUTO, null);
    }

    /** This config with one field changed; {@code value} has the field's {@link ConfigField#valueType()}. */
    public TrainConfig with(ConfigField field, Object value) {
        Builder b = toBuilder();
        field.set(b, value);
        return b.build();
    }

    /** This config for another head: the other fields stay, the head params become that head's defaults. */
    public TrainConfig withHead(HeadKind kind) {
        return kind == head ? this : toBuilder().head(kind).headParams(HeadParams.defaults(kind)).build();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A mutable copy of a config, for changing several fields at once. */
    public static final class Builder {
        private String dataDir;
        private Backbone backbone;
        private int dim;
        private HeadKind head;
        private HeadParams headParams;
        private double lambdaMin;
        private double lambdaGamma;
        private double lambdaPower;
        private int lambdaAnneal;
        private int marginWarmup;
        private double centerAlpha;
        private Optimizer optimizer;
        private double learningRate;
        private Schedule schedule;
        private double weightDecay;
        private double momentum;
        private int batchSize;
        private int epochs;
        private long iterations;
        private long seed;
        private DeviceSpec device;
        private boolean augment;
        private int probePerClass;
        private int snapshotEvery;
        private int earlySnapshots;
        private List<Integer> holdoutClasses;
        private CifarLabels cifar100Labels;
        private int imageSize;
        private ImageColour colour;
        private org.marginlab.data.DataRecord dataset;

        private Builder(TrainConfig c) {
            dataDir = c.dataDir;
            backbone = c.backbone;
            dim = c.dim;
            head = c.head;
            headParams = c.headParams;
            lambdaMin = c.lambdaMin;
            lambdaGamma = c.lambdaGamma;
            lambdaPower = c.lambdaPower;
            lambdaAnneal = c.lambdaAnneal;
            marginWarmup = c.marginWarmup;
            centerAlpha = c.centerAlpha;
            optimizer = c.optimizer;
            learningRate = c.learningRate;
            schedule = c.schedule;
            weightDecay = c.weightDecay;
            momentum = c.momentum;
            batchSize = c.batchSize;
            epochs = c.epochs;
            iterations = c.iterations;
            seed = c.seed;
            device = c.device;
            augment = c.augment;
            probePerClass = c.probePerClass;
            snapshotEvery = c.snapshotEvery;
            earlySnapshots = c.earlySnapshots;
            holdoutClasses = c.holdoutClasses;
            cifar100Labels = c.cifar100Labels;
            imageSize = c.imageSize;
            colour = c.colour;
            dataset = c.dataset;
        }

        public TrainConfig build() {
            return new TrainConfig(dataDir, backbone, dim, head, headParams, lambdaMin, lambdaGamma, lambdaPower,
                    lambdaAnneal, marginWarmup, centerAlpha, optimizer, learningRate, schedule, weightDecay, momentum, batchSize,
                    epochs, iterations, seed, device, augment, probePerClass, snapshotEvery, earlySnapshots,
                    holdoutClasses, cifar100Labels, imageSize, colour, dataset);
        }

        /** Sets one field; {@code value} has the field's {@link ConfigField#valueType()}. */
        public Builder set(ConfigField field, Object value) {
            field.set(this, value);
            return this;
        }

        HeadParams headParams() {
            return headParams;
        }

        public Builder dataDir(String v) {
            dataDir = v;
            return this;
        }

        public Builder backbone(Backbone v) {
            backbone = v;
            return this;
        }

        public Builder dim(int v) {
            dim = v;
            return this;
        }

        /** Sets the head only; see {@link TrainConfig#withHead} for a head with its default params. */
        public Builder head(HeadKind v) {
            head = v;
            return this;
        }

        public Builder headParams(HeadParams v) {
            headParams = v;
            return this;
        }

        public Builder lambdaMin(double v) {
            lambdaMin = v;
            return this;
        }

        public Builder lambdaGamma(double v) {
            lambdaGamma = v;
            return this;
        }

        public Builder lambdaAnneal(int v) {
            lambdaAnneal = v;
            return this;
        }

        public Builder lambdaPower(double v) {
            lambdaPower = v;
            return this;
        }

        public Builder marginWarmup(int v) {
            marginWarmup = v;
            return this;
        }

        public Builder centerAlpha(double v) {
            centerAlpha = v;
            return this;
        }

        public Builder optimizer(Optimizer v) {
            optimizer = v;
            return this;
        }

        public Builder learningRate(double v) {
            learningRate = v;
            return this;
        }

        public Builder schedule(Schedule v) {
            schedule = v;
            return this;
        }

        public Builder weightDecay(double v) {
            weightDecay = v;
            return this;
        }

        public Builder momentum(double v) {
            momentum = v;
            return this;
        }

        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        public Builder epochs(int v) {
            epochs = v;
            return this;
        }

        public Builder iterations(long v) {
            iterations = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public Builder device(DeviceSpec v) {
            device = v;
            return this;
        }

        public Builder augment(boolean v) {
            augment = v;
            return this;
        }

        public Builder probePerClass(int v) {
            probePerClass = v;
            return this;
        }

        public Builder snapshotEvery(int v) {
            snapshotEvery = v;
            return this;
        }

        public Builder earlySnapshots(int v) {
            earlySnapshots = v;
            return this;
        }

        public Builder holdoutClasses(List<Integer> v) {
            holdoutClasses = v;
            return this;
        }

        public Builder cifar100Labels(CifarLabels v) {
            cifar100Labels = v;
            return this;
        }

        public Builder imageSize(int v) {
            imageSize = v;
            return this;
        }

        public Builder colour(ImageColour v) {
            colour = v;
            return this;
        }

        public Builder dataset(org.marginlab.data.DataRecord v) {
            dataset = v;
            return this;
        }
    }
}
