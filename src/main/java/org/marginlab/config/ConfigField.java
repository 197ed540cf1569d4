package org.marginlab.config;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.marginlab.Range;
import org.marginlab.loss.HeadKind;
import org.marginlab.loss.HeadParam;
import org.marginlab.loss.HeadParams;
import org.marginlab.loss.PsiExpression;

/**
 * The catalogue of run settings: one entry per {@link TrainConfig} field with its config.json key, value
 * kind, range, unit, help text, the heads that read it, its {@code train} flag and its window label.
 * config.json ({@link ConfigJson}), validation ({@link ConfigCheck}), the {@code train} options, the
 * window's settings form and the table in docs/training.md are all derived from these entries, so a new
 * setting is one entry here (plus the code that uses it). The default is stated here too
 * ({@link #defaultValue}), and {@link TrainConfig} is built by these entries' names ({@link #component}),
 * never by position.
 */
public enum ConfigField {
    DATA("data", "Data set folder", Section.DATA_AND_MODEL, Kind.PATH, "",
            "a CIFAR-10 or CIFAR-100 binary folder, an IDX set (MNIST, EMNIST, …) or a folder of images, one "
                    + "sub-folder per class (docs/data.md); empty: the bundled Fashion-MNIST",
            TrainConfig::dataDir, (b, v) -> b.dataDir((String) v)),
    BACKBONE("backbone", "Backbone", Section.DATA_AND_MODEL, Kind.CHOICE, "",
            "compact is fast on a laptop CPU; lenetpp is the center-loss paper's net; resnet20 the angular paper's",
            TrainConfig::backbone, (b, v) -> b.backbone((Backbone) v)),
    DIM("dim", "Embedding dimension d", Section.DATA_AND_MODEL, Kind.INT, "",
            "size of the embedding: 2 draws a circle, 3 a sphere, more is projected by PCA",
            TrainConfig::dim, (b, v) -> b.dim((Integer) v)),
    HEAD("head", "Head (loss)", Section.HEAD, Kind.CHOICE, "",
            "the loss head; s, m and λ default per head",
            TrainConfig::head, (b, v) -> b.head((HeadKind) v)),
    S("s", "Scale s", Section.HEAD, Kind.REAL, "",
            "radius the normalised logits are scaled to; larger s sharpens P(y) but weakens the push at small θ",
            c -> c.headParams().s(), (b, v) -> b.headParams(b.headParams().withS((Double) v))),
    M("m", "Margin m", Section.HEAD, Kind.REAL, "cosine (cosface), rad (arcface), multiplier (ψ)",
            "margin: subtracted from cos θ_y (cosface), added to θ_y (arcface), ψ's integer angle multiplier "
                    + "(sphereface, lsoftmax)",
            c -> c.headParams().m(), (b, v) -> b.headParams(b.headParams().withM((Double) v))),
    LAMBDA("lambda", "λ", Section.HEAD, Kind.REAL, "",
            "ψ's λ at the start of annealing (sphereface, lsoftmax) or the center-loss weight (center)",
            c -> c.headParams().lambda(), (b, v) -> b.headParams(b.headParams().withLambda((Double) v))),
    EASY_MARGIN("easy_margin", "Easy margin", Section.HEAD, Kind.FLAG, "",
            "apply the margin only while cos θ_y > 0 (ArcFace's easy-margin variant)",
            c -> c.headParams().easyMargin(), (b, v) -> b.headParams(b.headParams().withEasyMargin((Boolean) v))),
    M1("m1", "Angle multiplier m₁", Section.HEAD, Kind.REAL, "multiplier",
            "the combined margin's multiplier of θ_y",
            c -> c.headParams().m1(), (b, v) -> b.headParams(b.headParams().with("m1", (Double) v))),
    M2("m2", "Additive angle m₂", Section.HEAD, Kind.REAL, "rad",
            "the combined margin's angle added to m₁·θ_y",
            c -> c.headParams().m2(), (b, v) -> b.headParams(b.headParams().with("m2", (Double) v))),
    M3("m3", "Cosine margin m₃", Section.HEAD, Kind.REAL, "cosine",
            "the combined margin's cosine subtracted from the target",
            c -> c.headParams().m3(), (b, v) -> b.headParams(b.headParams().with("m3", (Double) v))),
    SUBCENTERS("k", "Sub-centers per class k", Section.HEAD, Kind.INT, "",
            "weight rows per class (Sub-center ArcFace); each sample is pulled to its nearest",
            c -> c.headParams().k(), (b, v) -> b.headParams(b.headParams().with("k", (Integer) v))),
    PSI("psi", "Target ψ(θ)", Section.HEAD, Kind.TEXT, "",
            "your target ψ(θ) (custom head): numbers, theta, s, m, pi, + - * / ^, ( ), cos sin acos exp log sqrt abs min max",
            c -> c.headParams().psi(), (b, v) -> b.headParams(b.headParams().withPsi((String) v))),
    DYNAMIC("dynamic", "Dynamic scale", Section.HEAD, Kind.FLAG, "",
            "AdaCos: set s every step from the batch instead of the fixed √2·ln(C − 1)",
            c -> c.headParams().dynamic(), (b, v) -> b.headParams(b.headParams().withDynamic((Boolean) v))),
    LAMBDA_MIN("lambda_min", "λ floor", Section.NONE, Kind.REAL, "",
            "floor of the λ annealing λ = max(λ_min, λ_base·(1 + γ·it)^−power)",
            TrainConfig::lambdaMin, (b, v) -> b.lambdaMin((Double) v)),
    LAMBDA_GAMMA("lambda_gamma", "λ annealing γ", Section.NONE, Kind.REAL, "",
            "γ of the λ annealing",
            TrainConfig::lambdaGamma, (b, v) -> b.lambdaGamma((Double) v)),
    LAMBDA_POWER("lambda_power", "λ annealing power", Section.NONE, Kind.REAL, "",
            "power of the λ annealing",
            TrainConfig::lambdaPower, (b, v) -> b.lambdaPower((Double) v)),
    LAMBDA_ANNEAL("lambda_anneal", "λ annealing length (iterations)", Section.NONE, Kind.INT, "iterations",
            "iterations over which λ falls from its start to λ_min, γ following from them (a run shorter than the "
                    + "published γ's 1 659 iterations then still ends at λ_min); 0 = γ as given",
            TrainConfig::lambdaAnneal, (b, v) -> b.lambdaAnneal((Integer) v)),
    MARGIN_WARMUP("margin_warmup", "Margin warm-up (iterations)", Section.HEAD, Kind.INT, "iterations",
            "iterations over which cosface/arcface margins grow from 0 to m and the s of normface, cosface, "
                    + "arcface and arc from 1 to s; 0 = off, auto = a third of the run, at most 500 (2-D needs it)",
            TrainConfig::marginWarmup, (b, v) -> b.marginWarmup((Integer) v)),
    CENTER_ALPHA("center_alpha", "Centre update rate α", Section.NONE, Kind.REAL, "",
            "center-loss centre update rate α",
            TrainConfig::centerAlpha, (b, v) -> b.centerAlpha((Double) v)),
    OPTIMIZER("optimizer", "Optimiser", Section.OPTIMISATION, Kind.CHOICE, "",
            "Adam adapts the step per weight; SGD uses momentum",
            TrainConfig::optimizer, (b, v) -> b.optimizer((Optimizer) v)),
    LR("lr", "Learning rate", Section.OPTIMISATION, Kind.REAL, "",
            "base learning rate (the peak for onecycle)",
            TrainConfig::learningRate, (b, v) -> b.learningRate((Double) v)),
    SCHEDULE("schedule", "Schedule", Section.OPTIMISATION, Kind.CHOICE, "",
            "constant, step (×0.1 at 50 % and 75 %) or Smith's one-cycle",
            TrainConfig::schedule, (b, v) -> b.schedule((Schedule) v)),
    WEIGHT_DECAY("weight_decay", "Weight decay", Section.OPTIMISATION, Kind.REAL, "",
            "L2 penalty on the weights (the angular paper uses 5e-4)",
            TrainConfig::weightDecay, (b, v) -> b.weightDecay((Double) v)),
    MOMENTUM("momentum", "SGD momentum", Section.NONE, Kind.REAL, "",
            "SGD momentum",
            TrainConfig::momentum, (b, v) -> b.momentum((Double) v)),
    BATCH("batch", "Batch size", Section.OPTIMISATION, Kind.INT, "images",
            "images per optimiser step",
            TrainConfig::batchSize, (b, v) -> b.batchSize((Integer) v)),
    EPOCHS("epochs", "Epochs", Section.OPTIMISATION, Kind.INT, "",
            "passes over the 60 000 training images",
            TrainConfig::epochs, (b, v) -> b.epochs((Integer) v)),
    ITERATIONS("iterations", "Iteration limit", Section.OPTIMISATION, Kind.LONG, "iterations",
            "stop after this many iterations if smaller than the epochs give; 0 = no limit",
            TrainConfig::iterations, (b, v) -> b.iterations((Long) v)),
    SEED("seed", "Seed", Section.RUN, Kind.LONG, "",
            "seeds initialisation, shuffling and augmentation; same seed, same run",
            TrainConfig::seed, (b, v) -> b.seed((Long) v)),
    DEVICE("device", "Device", Section.RUN, Kind.CHOICE, "",
            "auto takes a GPU when one is visible; gpu:i picks one",
            TrainConfig::device, (b, v) -> b.device((DeviceSpec) v)),
    AUGMENT("augment", "Augment", Section.OPTIMISATION, Kind.CHOICE, "",
            "crop-flip: a random crop of the image padded by 4 pixels each side (2 below 32×32) and a left-right flip "
                    + "with probability ½, as the angular-loss paper on CIFAR",
            c -> c.augment() ? Augment.CROP_FLIP : Augment.NONE, (b, v) -> b.augment(v == Augment.CROP_FLIP)),
    PROBE_PER_CLASS("probe_per_class", "Probe images per class", Section.RUN, Kind.INT, "images",
            "test images per class whose embeddings are snapshotted and plotted",
            TrainConfig::probePerClass, (b, v) -> b.probePerClass((Integer) v)),
    SNAPSHOT_EVERY("snapshot_every", "Snapshot every (iterations)", Section.RUN, Kind.INT, "iterations",
            "iterations between snapshots; smaller is smoother but slower",
            TrainConfig::snapshotEvery, (b, v) -> b.snapshotEvery((Integer) v)),
    // 0 by default, so `train`, `reproduce` and the tests keep the snapshot counts they report; the window's
    // own run and its demos set it (TrainConfig.WATCHED_START), where someone waits for the first movement.
    EARLY_SNAPSHOTS("early_snapshots", "Dense snapshots for the first", Section.RUN, Kind.INT, "iterations",
            "iterations at the start snapshotted " + TrainConfig.EARLY_DENSITY + "× as often (every snapshot_every/"
                    + TrainConfig.EARLY_DENSITY + ", at least every one); 0 = off",
            TrainConfig::earlySnapshots, (b, v) -> b.earlySnapshots((Integer) v)),
    @SuppressWarnings("unchecked")
    HOLDOUT_CLASSES("holdout_classes", "Held-out classes", Section.DATA_AND_MODEL, Kind.CLASSES, "",
            "class ids of the data set left out of training and of the closed-set test, for the open-set test (Open set tab, evaluate); empty = none",
            TrainConfig::holdoutClasses, (b, v) -> b.holdoutClasses((List<Integer>) v)),
    CIFAR100_LABELS("cifar100_labels", "CIFAR-100 labels", Section.DATA_AND_MODEL, Kind.CHOICE, "",
            "fine: the 100 classes; coarse: the 20 superclasses (CIFAR-100 only)",
            TrainConfig::cifar100Labels, (b, v) -> b.cifar100Labels((CifarLabels) v)),
    IMAGE_SIZE("image_size", "Image size", Section.DATA_AND_MODEL, Kind.INT, "pixels",
            "an image folder's images are resized to this square size; 0 = " + org.marginlab.data.DataOptions.DEFAULT_FOLDER_SIZE
                    + " (other formats keep their own size)",
            TrainConfig::imageSize, (b, v) -> b.imageSize((Integer) v)),
    COLOUR("colour", "Colour", Section.DATA_AND_MODEL, Kind.CHOICE, "",
            "an image folder's pixels: auto (RGB when any image has colour), grey or rgb",
            TrainConfig::colour, (b, v) -> b.colour((ImageColour) v)),
    DATASET("dataset", "Data set read", Section.NONE, Kind.RECORD, "",
            "written by the run: the format, folder, sizes, SHA-256 and class names of the data it trained on",
            TrainConfig::dataset, (b, v) -> b.dataset((org.marginlab.data.DataRecord) v));

    /** How a value is typed and written. */
    public enum Kind {
        /** A folder, or null for "search the usual places"; a String. */
        PATH,
        /** One of a fixed list of ids: {@link Backbone}, {@link HeadKind}, {@link Optimizer}, {@link Schedule}, {@link DeviceSpec}. */
        CHOICE,
        INT,
        LONG,
        REAL,
        FLAG,
        /** Free text checked by its head (the custom ψ); a String. */
        TEXT,
        /** A set of class ids, written 8,9 on the command line and [8, 9] in config.json; a List of Integer. */
        CLASSES,
        /** What the run records, not a setting: no flag, no form field; a JSON object in config.json. */
        RECORD
    }

    /** Where the window's form shows a field; {@link #NONE}: expert settings set by flag or in config.json only. */
    public enum Section {
        DATA_AND_MODEL("Data and model"), HEAD("Head"), OPTIMISATION("Optimisation"), RUN("Run"), NONE(null);

        private final String title;

        Section(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    /** The margin warm-up's text for {@link TrainConfig#AUTO_WARMUP}, in the window and on the command line. */
    public static final String AUTO = "auto";

    private final String key;
    private final String label;
    private final Section section;
    private final Kind kind;
    private final String unit;
    private final String help;
    private final Function<TrainConfig, Object> getter;
    private final BiConsumer<TrainConfig.Builder, Object> setter;

    ConfigField(String key, String label, Section section, Kind kind, String unit, String help,
                Function<TrainConfig, Object> getter, BiConsumer<TrainConfig.Builder, Object> setter) {
        this.key = key;
        this.label = label;
        this.section = section;
        this.kind = kind;
        this.unit = unit;
        this.help = help;
        this.getter = getter;
        this.setter = setter;
    }

    /** The config.json key. */
    public String key() {
        return key;
    }

    /** The {@code train} flag: the key with dashes. */
    public String flag() {
        return "--" + key.replace('_', '-');
    }

    /** The window's label. */
    public String label() {
        return label;
    }

    public Section section() {
        return section;
    }

    public Kind kind() {
        return kind;
    }

    /** Unit of the value, empty when it has none worth naming. */
    public String unit() {
        return unit;
    }

    /** What the field does, one clause without its range or default. */
    public String help() {
        return help;
    }

    /**
     * The {@link TrainConfig} record component that holds this field: the key in camel case (data, lr and
     * batch are older names), {@code headParams} for a head param.
     */
    public String component() {
        if (isHeadParam()) {
            return "headParams";
        }
        return switch (this) {
            case DATA -> "dataDir";
            case LR -> "learningRate";
            case BATCH -> "batchSize";
            default -> {
                String[] words = key.split("_");
                StringBuilder name = new StringBuilder(words[0]);
                for (int i = 1; i < words.length; i++) {
                    name.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
                }
                yield name.toString();
            }
        };
    }

    /** The field of record component {@code name}, or null (also for {@code headParams}, which several share). */
    static ConfigField ofComponent(String name) {
        return Lookups.BY_COMPONENT.get(name);
    }

    /** Worked out once, after every constant exists: building a config asks these for each field. */
    private static final class Lookups {
        static final java.util.Set<ConfigField> HEAD_PARAMS = Arrays.stream(values())
                .filter(f -> Arrays.stream(HeadKind.values()).anyMatch(h -> h.type().param(f.key).isPresent()))
                .collect(java.util.stream.Collectors.toCollection(() -> java.util.EnumSet.noneOf(ConfigField.class)));
        static final java.util.Map<String, ConfigField> BY_COMPONENT = Arrays.stream(values())
                .filter(f -> !HEAD_PARAMS.contains(f))
                .collect(java.util.stream.Collectors.toUnmodifiableMap(ConfigField::component, f -> f, (a, b) -> a));
    }

    /** The type the record keeps: {@link #valueType()}, but augment is a flag there (crop-flip or none). */
    public Class<?> componentType() {
        return this == AUGMENT ? Boolean.class : valueType();
    }

    /**
     * The default of this field in a config of this head, with the field's {@link #valueType()}; stated here
     * only ({@link TrainConfig#defaults} reads it). A head param's default belongs to its head's class
     * ({@link HeadParams#defaults}). The switch has no default branch, so a new entry without a default does
     * not compile.
     * <ul>
     * <li>compact backbone, 3-D: a sphere to watch, fast on a laptop CPU;</li>
     * <li>Adam at 5e-3: measured on one epoch of compact/3-D it lifts test accuracy from 0.754 to 0.802 (arc)
     * and 0.732 to 0.763 (cosface) over 1e-3 (docs/training.md);</li>
     * <li>warm-up for s as well as m, {@link TrainConfig#AUTO_WARMUP}: without the scale warm-up the angular
     * loss (s = 7) collapsed in 2-D (test accuracy 0.197 after two epochs, all class centres within 0.37 rad);
     * with 500 iterations, 0.762 (docs/training.md).</li>
     * </ul>
     */
    public Object defaultValue(HeadKind head) {
        return switch (this) {
            case DATA, DATASET -> null;
            case BACKBONE -> Backbone.COMPACT;
            case DIM -> 3;
            case HEAD -> head;
            case S, M, LAMBDA, EASY_MARGIN, M1, M2, M3, SUBCENTERS, PSI, DYNAMIC ->
                    get(TrainConfig.defaults(head));
            case LAMBDA_MIN -> 5.0;
            case LAMBDA_GAMMA -> 0.12;
            case LAMBDA_POWER -> 1.0;
            case LAMBDA_ANNEAL -> 0;
            case MARGIN_WARMUP -> TrainConfig.AUTO_WARMUP;
            case CENTER_ALPHA -> 0.5;
            case OPTIMIZER -> Optimizer.ADAM;
            case LR -> 5e-3;
            case SCHEDULE -> Schedule.CONSTANT;
            case WEIGHT_DECAY -> 5e-4;
            case MOMENTUM -> 0.9;
            case BATCH -> 128;
            case EPOCHS -> 1;
            case ITERATIONS -> 0L;
            case SEED -> 42L;
            case DEVICE -> DeviceSpec.DEFAULT;
            case AUGMENT -> Augment.NONE;
            case PROBE_PER_CLASS -> 100;
            case SNAPSHOT_EVERY -> 50;
            case EARLY_SNAPSHOTS -> 0;
            case HOLDOUT_CLASSES -> List.of();
            case CIFAR100_LABELS -> CifarLabels.FINE;
            case IMAGE_SIZE -> 0;
            case COLOUR -> ImageColour.AUTO;
        };
    }

    /** The Java type of values of this field. */
    public Class<?> valueType() {
        return switch (this) {
            case BACKBONE -> Backbone.class;
            case HEAD -> HeadKind.class;
            case OPTIMIZER -> Optimizer.class;
            case SCHEDULE -> Schedule.class;
            case DEVICE -> DeviceSpec.class;
            case HOLDOUT_CLASSES -> List.class;
            case AUGMENT -> Augment.class;
            case CIFAR100_LABELS -> CifarLabels.class;
            case COLOUR -> ImageColour.class;
            case DATASET -> org.marginlab.data.DataRecord.class;
            default -> switch (kind) {
                case PATH, CHOICE, TEXT -> String.class;
                case INT -> Integer.class;
                case LONG -> Long.class;
                case REAL -> Double.class;
                case FLAG -> Boolean.class;
                case CLASSES -> List.class;
                case RECORD -> Object.class;
            };
        };
    }

    public Object get(TrainConfig c) {
        return getter.apply(c);
    }

    void set(TrainConfig.Builder b, Object value) {
        if (value != null && !valueType().isInstance(value)) {
            throw new IllegalArgumentException(key + " takes a " + valueType().getSimpleName() + ", got " + value);
        }
        setter.accept(b, value);
    }

    /** Whether a head parameter (s, m, λ, …), which only some heads read and the window keeps per head. */
    public boolean isHeadParam() {
        return Lookups.HEAD_PARAMS.contains(this);
    }

    /** Whether this head reads the field; the window shows only those and checks only those. */
    public boolean appliesTo(HeadKind head) {
        if (isHeadParam()) {
            // a parameter the head sets itself (AdaCos's s) is not a setting
            return head.type().param(key).filter(q -> q.schedule() != HeadParam.Schedule.ADAPTIVE).isPresent();
        }
        return switch (this) {
            case LAMBDA_MIN, LAMBDA_GAMMA, LAMBDA_POWER, LAMBDA_ANNEAL -> head.type().schedules(HeadParam.Schedule.ANNEALED);
            case MARGIN_WARMUP -> head.type().schedules(HeadParam.Schedule.WARM_FROM_ONE)
                    || head.type().schedules(HeadParam.Schedule.WARM_FROM_ZERO);
            case CENTER_ALPHA -> head.type().hasCenters();
            default -> true;
        };
    }

    /**
     * Whether a config of this head must hold a valid value: every field except the head params a head does
     * not read (those keep whatever another head left, as the window remembers them per head).
     */
    public boolean checkedFor(HeadKind head) {
        return !isHeadParam() || appliesTo(head);
    }

    /** The heads that read this field, or all of them. */
    public Set<HeadKind> heads() {
        Set<HeadKind> s = EnumSet.noneOf(HeadKind.class);
        for (HeadKind h : HeadKind.values()) {
            if (appliesTo(h)) {
                s.add(h);
            }
        }
        return s;
    }

    /**
     * The one range of a numeric field (null for the others and for the seed, any 64-bit integer). Where
     * the CLI, the window and the engine used to disagree, the widest range that still makes sense won,
     * because the window must open any config.json the CLI wrote (its hints may suggest less):
     * <ul>
     * <li>s, m, λ: {@link HeadParams#range}, shared with {@code marginlab loss};</li>
     * <li>dim [2, 512]: one angle needs two dimensions; 512 is the widest backbone output in the papers;</li>
     * <li>λ annealing constants ≥ 0: λ_base(1 + γ·it)^−power must not grow, and a floor is a λ;</li>
     * <li>warm-up ≥ 0 iterations (or auto); iterations ≥ 0 (0 = whole epochs); snapshot spacing ≥ 1; dense start ≥ 0;</li>
     * <li>centre rate α in (0, 1]: α = 0 never moves the centres, α &gt; 1 overshoots the class mean;</li>
     * <li>lr (0, 1e4]: any positive rate is an experiment (the window's old 1e-6 floor and 10 cap rejected
     * files the CLI wrote); a diverging run stops with one line and keeps its last good checkpoint, so only
     * absurd typos are refused;</li>
     * <li>weight decay and momentum in [0, 1): at 1 decay zeroes the weights and momentum never forgets
     * (the window's 0.1 cap on decay rejected files the CLI wrote);</li>
     * <li>batch [1, 4096]: a whole-GPU batch for these nets; larger batches do not fit 60 000 images well;</li>
     * <li>epochs [1, 10 000]: the window's 1000 rejected long runs the CLI accepts; 10 000 still catches typos;</li>
     * <li>probe images per class [1, 1000]: the test set has 1000 per class.</li>
     * </ul>
     */
    public Range range(HeadKind head) {
        if (isHeadParam()) {
            return HeadParams.range(key, head);
        }
        return switch (this) {
            case DIM -> Range.integers(2, 512);
            case LAMBDA_MIN, LAMBDA_GAMMA, LAMBDA_POWER -> Range.atLeast(0);
            case MARGIN_WARMUP, LAMBDA_ANNEAL, ITERATIONS, EARLY_SNAPSHOTS -> Range.integersFrom(0);
            case CENTER_ALPHA -> Range.aboveUpTo(0, 1);
            case LR -> Range.aboveUpTo(0, 1e4);
            case WEIGHT_DECAY, MOMENTUM -> Range.fromBelow(0, 1);
            case BATCH -> Range.integers(1, 4096);
            case EPOCHS -> Range.integers(1, 10_000);
            case PROBE_PER_CLASS -> Range.integers(1, 1000);
            case SNAPSHOT_EVERY -> Range.integersFrom(1);
            case IMAGE_SIZE -> Range.integers(0, 512);
            default -> null;
        };
    }

    /** The ids a choice field offers (the window's list; the device also takes gpu:i). */
    public List<String> choices() {
        return switch (this) {
            case BACKBONE -> Choice.ids(Backbone.class);
            case HEAD -> Arrays.stream(HeadKind.values()).map(HeadKind::id).toList();
            case OPTIMIZER -> Choice.ids(Optimizer.class);
            case SCHEDULE -> Choice.ids(Schedule.class);
            case DEVICE -> List.of("auto", "cpu", "gpu");
            case AUGMENT -> Choice.ids(Augment.class);
            case CIFAR100_LABELS -> Choice.ids(CifarLabels.class);
            case COLOUR -> Choice.ids(ImageColour.class);
            default -> List.of();
        };
    }

    /** What a valid value is, for this head: "an integer in [2, 512]", "one of adam, sgd". */
    public String allowed(HeadKind head) {
        return switch (kind) {
            case PATH -> "a folder (empty: the bundled Fashion-MNIST)";
            case FLAG -> "true or false";
            case TEXT -> "a formula in theta";
            case CLASSES -> "distinct class ids of the data set (0–" + (org.marginlab.data.DataSet.MAX_CLASSES - 1)
                    + ") leaving at least two classes, e.g. 8,9";
            case RECORD -> "written by the run";
            case CHOICE -> this == DEVICE ? DeviceSpec.FORMS : "one of " + String.join(", ", choices());
            default -> {
                Range r = range(head);
                if (r == null) {
                    yield "an integer";
                }
                yield r.describe() + (this == MARGIN_WARMUP ? " or " + AUTO : "");
            }
        };
    }

    /** Why this value is not allowed for a config of this head, or null when it is. */
    public String problem(Object value, HeadKind head) {
        if (kind == Kind.PATH || kind == Kind.RECORD) {
            return null;
        }
        if (kind == Kind.TEXT) {
            if (value == null || value.toString().isBlank()) {
                return "must be " + allowed(head) + ", e.g. cos(theta + m)";
            }
            try {
                PsiExpression.parse(value.toString());
                return null;
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        }
        if (value == null) {
            return "must be " + allowed(head);
        }
        if (kind == Kind.CLASSES) {
            List<?> ids = (List<?>) value;
            // The data set's own count is checked when it is loaded (TrainingData.holdingOut).
            int classes = org.marginlab.data.DataSet.MAX_CLASSES;
            boolean ok = ids.size() <= classes - 2 && ids.stream().distinct().count() == ids.size()
                    && ids.stream().allMatch(y -> y instanceof Integer i && i >= 0 && i < classes);
            return ok ? null : "must be " + allowed(head);
        }
        if (value instanceof Number n) {
            Range r = range(head);
            boolean ok = r == null || r.contains(n.doubleValue())
                    || (this == MARGIN_WARMUP && n.intValue() == TrainConfig.AUTO_WARMUP);
            return ok ? null : "must be " + allowed(head);
        }
        return null;
    }

    /**
     * The value of typed text (a flag's argument, a form field): trims, takes ids in any case, "auto" for the
     * warm-up. Does not check the range ({@link #problem}).
     *
     * @throws ConfigException naming the field when the text is not a value of its kind
     */
    public Object parse(String text, HeadKind head) {
        String t = text == null ? "" : text.trim();
        try {
            Object v = switch (kind) {
                case PATH -> t.isEmpty() ? null : t;
                case TEXT -> t;
                case FLAG -> t.equalsIgnoreCase("true") ? Boolean.TRUE : t.equalsIgnoreCase("false") ? Boolean.FALSE : null;
                case CHOICE -> switch (this) {
                    case BACKBONE -> Choice.find(Backbone.class, t);
                    case OPTIMIZER -> Choice.find(Optimizer.class, t);
                    case SCHEDULE -> Choice.find(Schedule.class, t);
                    case DEVICE -> DeviceSpec.parse(t);
                    case AUGMENT -> Choice.find(Augment.class, t);
                    case CIFAR100_LABELS -> Choice.find(CifarLabels.class, t);
                    case COLOUR -> Choice.find(ImageColour.class, t);
                    default -> Arrays.stream(HeadKind.values()).filter(h -> h.id().equalsIgnoreCase(t)).findFirst().orElse(null);
                };
                case INT -> this == MARGIN_WARMUP && t.equalsIgnoreCase(AUTO) ? TrainConfig.AUTO_WARMUP
                        : t.isEmpty() && blankMeans() != null ? defaultValue(head) : Integer.valueOf(t);
                case LONG -> Long.valueOf(t);
                case REAL -> Double.valueOf(t);
                case CLASSES -> t.isEmpty() ? List.of()
                        : Arrays.stream(t.split(",")).map(String::trim).map(Integer::valueOf).toList();
                case RECORD -> throw new ConfigException(this, "is written by the run, not set", t);
            };
            if (v == null && kind != Kind.PATH && kind != Kind.TEXT) {
                throw new ConfigException(this, "must be " + allowed(head), t);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new ConfigException(this, "must be " + allowed(head), t);
        }
    }

    /**
     * What a form field left blank means, for a field whose default stands for something else ("0" for the image
     * size is "{@value org.marginlab.data.DataOptions#DEFAULT_FOLDER_SIZE}, or the data's own size"); null for
     * the rest. Blank is then that default ({@link #parse}), and the form shows the default blank ({@link #formText}).
     */
    public String blankMeans() {
        return this == IMAGE_SIZE ? org.marginlab.data.DataOptions.DEFAULT_FOLDER_SIZE + " or the data's own size"
                : null;
    }

    /** The value as the settings form shows it: {@link #text}, but blank for a default that {@link #blankMeans} says. */
    public String formText(Object value, HeadKind head) {
        return blankMeans() != null && java.util.Objects.equals(value, defaultValue(head)) ? "" : text(value);
    }

    /** The value as typed in the window and on the command line (plain decimals, ids, "auto", "" for no folder). */
    public String text(Object value) {
        if (value == null) {
            return "";
        }
        if (this == MARGIN_WARMUP && ((Integer) value) == TrainConfig.AUTO_WARMUP) {
            return AUTO;
        }
        return switch (value) {
            case Double d -> Range.plain(d);
            case HeadKind h -> h.id();
            case Choice c -> c.id();
            case List<?> l -> l.stream().map(String::valueOf).collect(Collectors.joining(","));
            default -> value.toString();
        };
    }

    /** The value as written in config.json: numbers, booleans, ids and the folder (or null). */
    public Object jsonValue(TrainConfig c) {
        Object v = get(c);
        return kind == Kind.CHOICE ? text(v) : v;
    }

    /** The default as text; "16 (normface, cosface, arcface), 7 (arc)" where it differs per head. */
    public String defaultText() {
        if (this == HEAD) {
            return text(TrainConfig.DEFAULT_HEAD);
        }
        Map<String, List<String>> byValue = new LinkedHashMap<>();
        for (HeadKind h : heads()) {
            byValue.computeIfAbsent(text(get(TrainConfig.defaults(h))), k -> new java.util.ArrayList<>()).add(h.id());
        }
        if (byValue.size() == 1) {
            return byValue.keySet().iterator().next();
        }
        return byValue.entrySet().stream().map(e -> e.getKey() + " (" + String.join(", ", e.getValue()) + ")")
                .collect(Collectors.joining(", "));
    }

    /** The range as text, per group of heads where it differs: "[0, 2] (cosface), [0, π) (arcface), …". */
    public String allowedText() {
        Map<String, List<String>> byRange = new LinkedHashMap<>();
        for (HeadKind h : heads()) {
            byRange.computeIfAbsent(allowed(h), k -> new java.util.ArrayList<>()).add(h.id());
        }
        if (byRange.size() == 1) {
            return byRange.keySet().iterator().next();
        }
        return byRange.entrySet().stream().map(e -> e.getKey() + " (" + String.join(", ", e.getValue()) + ")")
                .collect(Collectors.joining("; "));
    }

    /** The window's line under the field: what it does and, for a number, its range for this head. */
    public String explanation(HeadKind head) {
        String text = isHeadParam() ? head.type().param(key).map(HeadParam::help).orElse(help) : help;
        // Greek letters keep their case (ψ is not Ψ).
        String h = text.charAt(0) < 128 ? Character.toUpperCase(text.charAt(0)) + text.substring(1) : text;
        boolean numeric = kind == Kind.INT || kind == Kind.LONG || kind == Kind.REAL;
        return numeric ? h + "; " + allowed(head) + "." : h + ".";
    }

    /** The {@code train --help} line: what it does, its range per head and its default. */
    public String cliHelp() {
        return switch (kind) {
            case PATH, RECORD -> help;
            case FLAG, TEXT -> help + " (default " + defaultText() + ")";
            default -> help + "; " + allowedText() + " (default " + defaultText() + ")";
        };
    }

    /** The field with this config.json key, or null. */
    public static ConfigField byKey(String key) {
        return Arrays.stream(values()).filter(f -> f.key.equals(key)).findFirst().orElse(null);
    }
}
