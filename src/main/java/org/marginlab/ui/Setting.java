package org.marginlab.ui;

import java.util.List;
import java.util.Locale;

import org.marginlab.loss.HeadKind;
import org.marginlab.loss.HeadParams;

/**
 * One field of the settings panel: its label, the one-line explanation shown under it, and how its
 * text is checked. Head parameters depend on the head (SphereFace's m is an integer multiplier,
 * ArcFace's an angle), so their range and explanation take the head.
 */
public enum Setting {
    DATA_DIR("Dataset folder", Kind.TEXT),
    BACKBONE("Backbone", Kind.CHOICE),
    DIM("Embedding dimension d", Kind.TEXT),
    HEAD("Head (loss)", Kind.CHOICE),
    S("Scale s", Kind.TEXT),
    M("Margin m", Kind.TEXT),
    LAMBDA("λ", Kind.TEXT),
    EASY_MARGIN("Easy margin", Kind.FLAG),
    MARGIN_WARMUP("Margin warm-up (iterations)", Kind.TEXT),
    OPTIMIZER("Optimiser", Kind.CHOICE),
    LEARNING_RATE("Learning rate", Kind.TEXT),
    SCHEDULE("Schedule", Kind.CHOICE),
    WEIGHT_DECAY("Weight decay", Kind.TEXT),
    BATCH("Batch size", Kind.TEXT),
    EPOCHS("Epochs", Kind.TEXT),
    ITERATIONS("Iteration limit", Kind.TEXT),
    SEED("Seed", Kind.TEXT),
    DEVICE("Device", Kind.CHOICE),
    PROBE_PER_CLASS("Probe images per class", Kind.TEXT),
    SNAPSHOT_EVERY("Snapshot every (iterations)", Kind.TEXT);

    /** The margin warm-up field's text for {@link org.marginlab.config.TrainConfig#AUTO_WARMUP}. */
    public static final String AUTO = "auto";

    /** The warm-up field's text of a config value. */
    public static String warmupText(int warmup) {
        return warmup == org.marginlab.config.TrainConfig.AUTO_WARMUP ? AUTO : Integer.toString(warmup);
    }

    /** The config value of a valid warm-up field. */
    public static int warmupValue(String text) {
        return text.trim().equals(AUTO) ? org.marginlab.config.TrainConfig.AUTO_WARMUP : Integer.parseInt(text.trim());
    }

    /** How the panel edits the field. */
    public enum Kind { TEXT, CHOICE, FLAG }

    private final String label;
    private final Kind kind;

    Setting(String label, Kind kind) {
        this.label = label;
        this.kind = kind;
    }

    public String label() {
        return label;
    }

    public Kind kind() {
        return kind;
    }

    /** The panel's section heading for this field. */
    public String section() {
        return switch (this) {
            case DATA_DIR, BACKBONE, DIM -> "Data and model";
            case HEAD, S, M, LAMBDA, EASY_MARGIN, MARGIN_WARMUP -> "Head";
            case OPTIMIZER, LEARNING_RATE, SCHEDULE, WEIGHT_DECAY, BATCH, EPOCHS, ITERATIONS -> "Optimisation";
            case SEED, DEVICE, PROBE_PER_CLASS, SNAPSHOT_EVERY -> "Run";
        };
    }

    public List<String> choices() {
        return switch (this) {
            case BACKBONE -> List.of("compact", "lenetpp", "resnet20");
            case HEAD -> java.util.Arrays.stream(HeadKind.values()).map(HeadKind::id).toList();
            case OPTIMIZER -> List.of("adam", "sgd");
            case SCHEDULE -> List.of("constant", "step", "onecycle");
            case DEVICE -> List.of("auto", "cpu", "gpu");
            default -> List.of();
        };
    }

    /** Whether the field applies to this head: head parameters appear only for the heads that read them. */
    public boolean appliesTo(HeadKind head) {
        List<String> used = HeadParams.usedBy(head);
        return switch (this) {
            case S -> used.contains("s");
            case M -> used.contains("m");
            case LAMBDA -> used.contains("lambda");
            case EASY_MARGIN -> used.contains("easy_margin");
            // The normalised heads warm s up over the same iterations (MarginSchedule).
            case MARGIN_WARMUP -> head == HeadKind.COSFACE || head == HeadKind.ARCFACE || head == HeadKind.ARC
                    || head == HeadKind.NORMFACE;
            default -> true;
        };
    }

    /** One line under the field saying what it does, with its allowed range. */
    public String explanation(HeadKind head) {
        return switch (this) {
            case DATA_DIR -> "Folder with the four Fashion-MNIST .gz files; empty searches ./datasets and ~/.marginlab.";
            case BACKBONE -> "compact is fast on a laptop CPU; lenetpp is the center-loss paper's net; resnet20 the angular paper's.";
            case DIM -> "Size of the embedding, 2–512: 2 draws a circle, 3 a sphere, more is projected by PCA.";
            case HEAD -> head.displayName() + ": " + HeadText.summary(head);
            case S -> "Radius the normalised logits are scaled to, " + range(head, this) + "; larger s sharpens P(y) but weakens the push at small θ.";
            case M -> switch (head) {
                case COSFACE -> "Cosine margin subtracted from cos θ_y, " + range(head, this) + "; 0 is NormFace.";
                case ARCFACE -> "Angle in radians added to θ_y, " + range(head, this) + "; ten classes on a circle are 0.63 rad apart.";
                default -> "Integer angle multiplier of ψ(θ) = cos(mθ), " + range(head, this) + "; 1 is plain softmax.";
            };
            case LAMBDA -> head == HeadKind.CENTER
                    ? "Weight of the center loss against softmax, " + range(head, this) + "."
                    : "Start of the λ annealing that blends ψ with cos θ, " + range(head, this) + "; large λ trains like softmax.";
            case EASY_MARGIN -> "Apply the margin only while cos θ_y > 0 (ArcFace's easy-margin variant).";
            case MARGIN_WARMUP -> head == HeadKind.COSFACE || head == HeadKind.ARCFACE
                    ? "Iterations over which m grows from 0 and s from 1, 0–100000, or auto (a third of the run, "
                    + "at most 500); 2-D needs it."
                    : "Iterations over which s grows from 1, 0–100000, or auto (a third of the run, at most 500); "
                    + "2-D needs it.";
            case OPTIMIZER -> "Adam adapts the step per weight; SGD uses momentum 0.9.";
            case LEARNING_RATE -> "Base (peak for one-cycle) learning rate, 1e-6–10.";
            case SCHEDULE -> "constant, step (×0.1 at 50 % and 75 %), or Smith's one-cycle.";
            case WEIGHT_DECAY -> "L2 penalty on the weights, 0–0.1 (the angular paper uses 5e-4).";
            case BATCH -> "Images per optimiser step, 1–4096.";
            case EPOCHS -> "Passes over the 60 000 training images, 1–1000.";
            case ITERATIONS -> "Stop after this many steps if smaller than the epochs give; 0 = no limit.";
            case SEED -> "Seeds initialisation, shuffling and augmentation; same seed, same run.";
            case DEVICE -> "auto takes a GPU when one is visible; gpu:i picks one.";
            case PROBE_PER_CLASS -> "Test images per class whose embeddings are plotted, 1–1000.";
            case SNAPSHOT_EVERY -> "Steps between live snapshots, 1–100000; smaller is smoother but slower.";
        };
    }

    /** Checks the field's text; returns null when it is valid, else a short reason naming the range. */
    public String check(String text, HeadKind head) {
        String t = text == null ? "" : text.trim();
        return switch (this) {
            case DATA_DIR -> t.isEmpty() || java.nio.file.Files.isDirectory(java.nio.file.Path.of(t))
                    ? null : "no such folder; pick the folder holding the .gz files or leave empty";
            case BACKBONE, HEAD, OPTIMIZER, SCHEDULE -> choices().contains(t.toLowerCase(Locale.ROOT))
                    ? null : "choose one of " + String.join(", ", choices());
            case DEVICE -> t.matches("auto|cpu|gpu(:\\d{1,2})?") ? null : "use auto, cpu, gpu or gpu:i";
            case EASY_MARGIN -> t.equals("true") || t.equals("false") ? null : "true or false";
            case DIM -> integer(t, 2, 512);
            case MARGIN_WARMUP -> t.equals(AUTO) ? null : integer(t, 0, 100_000);
            case BATCH -> integer(t, 1, 4096);
            case EPOCHS -> integer(t, 1, 1000);
            case ITERATIONS -> integer(t, 0, 100_000_000);
            case PROBE_PER_CLASS -> integer(t, 1, 1000);
            case SNAPSHOT_EVERY -> integer(t, 1, 100_000);
            case SEED -> {
                try {
                    Long.parseLong(t);
                    yield null;
                } catch (NumberFormatException e) {
                    yield "a whole number";
                }
            }
            case LEARNING_RATE -> real(t, 1e-6, 10, false);
            case WEIGHT_DECAY -> real(t, 0, 0.1, true);
            case S, LAMBDA -> real(t, lower(head), upper(head), true);
            case M -> head == HeadKind.SPHEREFACE || head == HeadKind.LSOFTMAX
                    ? integer(t, 1, 6) : real(t, lower(head), upper(head), true);
        };
    }

    private double lower(HeadKind head) {
        return switch (this) {
            case S -> 0.1;
            default -> 0;
        };
    }

    private double upper(HeadKind head) {
        return switch (this) {
            case S -> 128;
            case M -> head == HeadKind.ARCFACE ? 1.5 : head == HeadKind.COSFACE ? 1 : 6;
            case LAMBDA -> head == HeadKind.CENTER ? 10 : 100_000;
            default -> Double.MAX_VALUE;
        };
    }

    private static String range(HeadKind head, Setting s) {
        if (s == M && (head == HeadKind.SPHEREFACE || head == HeadKind.LSOFTMAX)) {
            return "1–6";
        }
        return fmt(s.lower(head)) + "–" + fmt(s.upper(head));
    }

    private static String fmt(double v) {
        return SettingsViewModel.num(v);
    }

    private static String integer(String t, long lo, long hi) {
        try {
            long v = Long.parseLong(t);
            return v >= lo && v <= hi ? null : "must be " + lo + "–" + hi;
        } catch (NumberFormatException e) {
            return "a whole number " + lo + "–" + hi;
        }
    }

    private static String real(String t, double lo, double hi, boolean loInclusive) {
        try {
            double v = Double.parseDouble(t);
            boolean ok = Double.isFinite(v) && (loInclusive ? v >= lo : v > lo) && v <= hi;
            return ok ? null : "must be " + fmt(lo) + "–" + fmt(hi);
        } catch (NumberFormatException e) {
            return "a number " + fmt(lo) + "–" + fmt(hi);
        }
    }
}
