package org.marginlab.config;

import org.marginlab.loss.HeadKind;
import org.marginlab.loss.HeadParam;
import org.marginlab.loss.MarginSchedule;
import org.marginlab.loss.HeadParams;

import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

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

    /** This config with an automatic warm-up replaced by its number of iterations for a run this long. */
    public TrainConfig withWarmupFor(long totalIterations) {
        if (marginWarmup != AUTO_WARMUP) {
            return this;
        }
        return toBuilder().marginWarmup((int) Math.min(500, totalIterations / 3)).build();
    }

    /**
     * A sensible 3-D demo run of the given head on the compact backbone: every field at its catalogue
     * default ({@link ConfigField#defaultValue}), the head params at the head's own
     * ({@link HeadParams#defaults}). The reasons for the values are stated there, next to them.
     */
    public static TrainConfig defaults(HeadKind head) {
        Builder b = new Builder();
        b.headParams(HeadParams.defaults(head));
        for (ConfigField f : ConfigField.values()) {
            if (!f.isHeadParam()) {
                f.set(b, f.defaultValue(head));
            }
        }
        return b.build();
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

    /** The record's components in declaration order, and its canonical constructor: construction goes by name. */
    private static final RecordComponent[] COMPONENTS = TrainConfig.class.getRecordComponents();
    private static final Constructor<TrainConfig> CANONICAL = canonical();

    private static Constructor<TrainConfig> canonical() {
        try {
            return TrainConfig.class.getDeclaredConstructor(
                    Arrays.stream(COMPONENTS).map(RecordComponent::getType).toArray(Class<?>[]::new));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The record component named {@code name}'s value type, boxed ({@code int} is Integer). */
    static Class<?> componentType(String name) {
        return Arrays.stream(COMPONENTS).filter(rc -> rc.getName().equals(name)).findFirst()
                .map(rc -> MethodType.methodType(rc.getType()).wrap().returnType()).orElse(null);
    }

    /** The record component names, in declaration order. */
    static List<String> componentNames() {
        return Arrays.stream(COMPONENTS).map(RecordComponent::getName).toList();
    }

    /**
     * A mutable copy of a config, for changing several fields at once. Holds each value under its
     * {@link ConfigField} (the head params as one {@link HeadParams}); {@link #build} passes each record
     * component the value of the catalogue entry of that name, so no value depends on its position.
     */
    public static final class Builder {
        private static final String HEAD_PARAMS = "headParams";
        private final Map<ConfigField, Object> values = new EnumMap<>(ConfigField.class);
        private HeadParams headParams;

        private Builder() {
        }

        private Builder(TrainConfig c) {
            try {
                for (RecordComponent rc : COMPONENTS) {
                    Object v = rc.getAccessor().invoke(c);
                    if (rc.getName().equals(HEAD_PARAMS)) {
                        headParams = (HeadParams) v;
                    } else {
                        values.put(ConfigField.ofComponent(rc.getName()), v);
                    }
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The one call of the canonical constructor: each component gets the value of its catalogue entry. */
        public TrainConfig build() {
            Object[] args = new Object[COMPONENTS.length];
            for (int i = 0; i < COMPONENTS.length; i++) {
                RecordComponent rc = COMPONENTS[i];
                Object v;
                if (rc.getName().equals(HEAD_PARAMS)) {
                    v = headParams;
                } else {
                    ConfigField f = ConfigField.ofComponent(rc.getName());
                    if (f == null) {
                        throw new IllegalStateException("record component " + rc.getName() + " has no catalogue entry");
                    }
                    v = values.get(f);
                }
                Class<?> type = MethodType.methodType(rc.getType()).wrap().returnType();
                if (v == null ? rc.getType().isPrimitive() : !type.isInstance(v)) {
                    throw new IllegalStateException("record component " + rc.getName() + " takes a "
                            + type.getSimpleName() + ", got " + v);
                }
                args[i] = v;
            }
            try {
                return CANONICAL.newInstance(args);
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }

        private Builder put(ConfigField f, Object v) {
            values.put(f, v);
            return this;
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
            return put(ConfigField.DATA, v);
        }

        public Builder backbone(Backbone v) {
            return put(ConfigField.BACKBONE, v);
        }

        public Builder dim(int v) {
            return put(ConfigField.DIM, v);
        }

        /** Sets the head only; see {@link TrainConfig#withHead} for a head with its default params. */
        public Builder head(HeadKind v) {
            return put(ConfigField.HEAD, v);
        }

        public Builder headParams(HeadParams v) {
            headParams = v;
            return this;
        }

        public Builder lambdaMin(double v) {
            return put(ConfigField.LAMBDA_MIN, v);
        }

        public Builder lambdaGamma(double v) {
            return put(ConfigField.LAMBDA_GAMMA, v);
        }

        public Builder lambdaPower(double v) {
            return put(ConfigField.LAMBDA_POWER, v);
        }

        public Builder lambdaAnneal(int v) {
            return put(ConfigField.LAMBDA_ANNEAL, v);
        }

        public Builder marginWarmup(int v) {
            return put(ConfigField.MARGIN_WARMUP, v);
        }

        public Builder centerAlpha(double v) {
            return put(ConfigField.CENTER_ALPHA, v);
        }

        public Builder optimizer(Optimizer v) {
            return put(ConfigField.OPTIMIZER, v);
        }

        public Builder learningRate(double v) {
            return put(ConfigField.LR, v);
        }

        public Builder schedule(Schedule v) {
            return put(ConfigField.SCHEDULE, v);
        }

        public Builder weightDecay(double v) {
            return put(ConfigField.WEIGHT_DECAY, v);
        }

        public Builder momentum(double v) {
            return put(ConfigField.MOMENTUM, v);
        }

        public Builder batchSize(int v) {
            return put(ConfigField.BATCH, v);
        }

        public Builder epochs(int v) {
            return put(ConfigField.EPOCHS, v);
        }

        public Builder iterations(long v) {
            return put(ConfigField.ITERATIONS, v);
        }

        public Builder seed(long v) {
            return put(ConfigField.SEED, v);
        }

        public Builder device(DeviceSpec v) {
            return put(ConfigField.DEVICE, v);
        }

        public Builder augment(boolean v) {
            return put(ConfigField.AUGMENT, v);
        }

        public Builder probePerClass(int v) {
            return put(ConfigField.PROBE_PER_CLASS, v);
        }

        public Builder snapshotEvery(int v) {
            return put(ConfigField.SNAPSHOT_EVERY, v);
        }

        public Builder earlySnapshots(int v) {
            return put(ConfigField.EARLY_SNAPSHOTS, v);
        }

        public Builder holdoutClasses(List<Integer> v) {
            return put(ConfigField.HOLDOUT_CLASSES, v);
        }

        public Builder cifar100Labels(CifarLabels v) {
            return put(ConfigField.CIFAR100_LABELS, v);
        }

        public Builder imageSize(int v) {
            return put(ConfigField.IMAGE_SIZE, v);
        }

        public Builder colour(ImageColour v) {
            return put(ConfigField.COLOUR, v);
        }

        public Builder dataset(org.marginlab.data.DataRecord v) {
            return put(ConfigField.DATASET, v);
        }
    }
}
