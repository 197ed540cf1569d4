package org.marginlab.ui;

import java.util.EnumMap;
import java.util.Map;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import org.marginlab.loss.HeadKind;
import org.marginlab.loss.HeadParams;
import org.marginlab.config.TrainConfig;
import org.marginlab.config.Backbone;
import org.marginlab.config.ConfigField;
import org.marginlab.config.DeviceSpec;
import org.marginlab.config.Optimizer;
import org.marginlab.config.Schedule;

/**
 * The settings panel's state: one text property per {@link Setting} as the user typed it, its
 * validation message, and the {@link TrainConfig} they make. Head parameters are kept per head, so
 * switching from ArcFace to Softmax and back restores ArcFace's s and m.
 */
public final class SettingsViewModel {

    // Properties
    private final Map<Setting, StringProperty> text = new EnumMap<>(Setting.class);
    private final Map<Setting, ReadOnlyStringWrapper> error = new EnumMap<>(Setting.class);
    private final ReadOnlyObjectWrapper<HeadKind> head = new ReadOnlyObjectWrapper<>(HeadKind.ARCFACE);
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper firstError = new ReadOnlyStringWrapper("");
    private final ObjectProperty<TrainConfig> base = new SimpleObjectProperty<>();

    private final Map<HeadKind, HeadParams> paramsByHead = new EnumMap<>(HeadKind.class);
    private boolean switchingHead;

    public SettingsViewModel() {
        for (Setting s : Setting.values()) {
            text.put(s, new SimpleStringProperty(""));
            error.put(s, new ReadOnlyStringWrapper(null));
        }
        for (Setting s : Setting.values()) {
            text.get(s).addListener((obs, was, now) -> onEdit(s));
        }
        load(TrainConfig.defaults(HeadKind.ARCFACE));
    }

    // Properties

    public StringProperty textProperty(Setting s) {
        return text.get(s);
    }

    /** Why the field is invalid, or null. Fields that do not apply to the head are never invalid. */
    public ReadOnlyStringProperty errorProperty(Setting s) {
        return error.get(s).getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<HeadKind> headProperty() {
        return head.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    /** "Label: reason" of the first invalid field, for the status line; empty when all are valid. */
    public ReadOnlyStringProperty firstErrorProperty() {
        return firstError.getReadOnlyProperty();
    }

    public BooleanBinding appliesBinding(Setting s) {
        return Bindings.createBooleanBinding(() -> s.appliesTo(head.get()), head);
    }

    // Commands

    /** Fills every field from a config (defaults, last settings, or an opened run's config.json). */
    public void load(TrainConfig config) {
        base.set(config);
        paramsByHead.put(config.head(), config.headParams());
        switchingHead = true;
        try {
            set(Setting.DATA_DIR, config.dataDir() == null ? "" : config.dataDir());
            set(Setting.BACKBONE, config.backbone().id());
            set(Setting.DIM, Integer.toString(config.dim()));
            set(Setting.MARGIN_WARMUP, Setting.warmupText(config.marginWarmup()));
            set(Setting.OPTIMIZER, config.optimizer().id());
            set(Setting.LEARNING_RATE, num(config.learningRate()));
            set(Setting.SCHEDULE, config.schedule().id());
            set(Setting.WEIGHT_DECAY, num(config.weightDecay()));
            set(Setting.BATCH, Integer.toString(config.batchSize()));
            set(Setting.EPOCHS, Integer.toString(config.epochs()));
            set(Setting.ITERATIONS, Long.toString(config.iterations()));
            set(Setting.SEED, Long.toString(config.seed()));
            set(Setting.DEVICE, config.device().id());
            set(Setting.PROBE_PER_CLASS, Integer.toString(config.probePerClass()));
            set(Setting.SNAPSHOT_EVERY, Integer.toString(config.snapshotEvery()));
            head.set(config.head());
            set(Setting.HEAD, config.head().id());
            showParams(config.headParams());
        } finally {
            switchingHead = false;
        }
        revalidate();
    }

    /** Switches the head, keeping the parameters last used with the new head (or its defaults). */
    public void selectHead(HeadKind kind) {
        text.get(Setting.HEAD).set(kind.id());
    }

    /**
     * The config the fields describe.
     *
     * @throws IllegalStateException when a field is invalid (check {@link #validProperty()} first)
     */
    public TrainConfig toConfig() {
        if (!valid.get()) {
            throw new IllegalStateException("settings are invalid: " + firstError.get());
        }
        TrainConfig b = base.get();
        HeadKind h = head.get();
        HeadParams p = currentParams();
        String dir = get(Setting.DATA_DIR);
        return b.toBuilder().dataDir(dir.isEmpty() ? null : dir)
                .backbone((Backbone) ConfigField.BACKBONE.parse(get(Setting.BACKBONE), h))
                .dim(Integer.parseInt(get(Setting.DIM))).head(h).headParams(p)
                .marginWarmup(Setting.MARGIN_WARMUP.appliesTo(h) ? Setting.warmupValue(get(Setting.MARGIN_WARMUP)) : b.marginWarmup())
                .optimizer((Optimizer) ConfigField.OPTIMIZER.parse(get(Setting.OPTIMIZER), h))
                .learningRate(Double.parseDouble(get(Setting.LEARNING_RATE)))
                .schedule((Schedule) ConfigField.SCHEDULE.parse(get(Setting.SCHEDULE), h))
                .weightDecay(Double.parseDouble(get(Setting.WEIGHT_DECAY)))
                .batchSize(Integer.parseInt(get(Setting.BATCH))).epochs(Integer.parseInt(get(Setting.EPOCHS)))
                .iterations(Long.parseLong(get(Setting.ITERATIONS))).seed(Long.parseLong(get(Setting.SEED)))
                .device((DeviceSpec) ConfigField.DEVICE.parse(get(Setting.DEVICE), h))
                .probePerClass(Integer.parseInt(get(Setting.PROBE_PER_CLASS)))
                .snapshotEvery(Integer.parseInt(get(Setting.SNAPSHOT_EVERY))).build();
    }

    private HeadParams currentParams() {
        HeadKind h = head.get();
        HeadParams p = paramsByHead.getOrDefault(h, HeadParams.defaults(h));
        if (Setting.S.appliesTo(h)) {
            p = p.withS(Double.parseDouble(get(Setting.S)));
        }
        if (Setting.M.appliesTo(h)) {
            p = p.withM(Double.parseDouble(get(Setting.M)));
        }
        if (Setting.LAMBDA.appliesTo(h)) {
            p = p.withLambda(Double.parseDouble(get(Setting.LAMBDA)));
        }
        if (Setting.EASY_MARGIN.appliesTo(h)) {
            p = p.withEasyMargin(Boolean.parseBoolean(get(Setting.EASY_MARGIN)));
        }
        return p;
    }

    private void onEdit(Setting s) {
        if (switchingHead) {
            return;
        }
        if (s == Setting.HEAD) {
            HeadKind next;
            try {
                next = HeadKind.fromId(get(Setting.HEAD));
            } catch (IllegalArgumentException e) {
                revalidate();
                return;
            }
            if (next != head.get()) {
                rememberParams();
                switchingHead = true;
                try {
                    head.set(next);
                    showParams(paramsByHead.getOrDefault(next, HeadParams.defaults(next)));
                } finally {
                    switchingHead = false;
                }
            }
        }
        revalidate();
    }

    private void rememberParams() {
        HeadKind h = head.get();
        HeadParams p = paramsByHead.getOrDefault(h, HeadParams.defaults(h));
        // Only valid edits are kept; an invalid one falls back to what was there.
        if (Setting.S.appliesTo(h) && Setting.S.check(get(Setting.S), h) == null) {
            p = p.withS(Double.parseDouble(get(Setting.S)));
        }
        if (Setting.M.appliesTo(h) && Setting.M.check(get(Setting.M), h) == null) {
            p = p.withM(Double.parseDouble(get(Setting.M)));
        }
        if (Setting.LAMBDA.appliesTo(h) && Setting.LAMBDA.check(get(Setting.LAMBDA), h) == null) {
            p = p.withLambda(Double.parseDouble(get(Setting.LAMBDA)));
        }
        if (Setting.EASY_MARGIN.appliesTo(h)) {
            p = p.withEasyMargin(Boolean.parseBoolean(get(Setting.EASY_MARGIN)));
        }
        paramsByHead.put(h, p);
    }

    private void showParams(HeadParams p) {
        set(Setting.S, num(p.s()));
        HeadKind h = head.get();
        set(Setting.M, h == HeadKind.SPHEREFACE || h == HeadKind.LSOFTMAX
                ? Long.toString(Math.round(p.m())) : num(p.m()));
        set(Setting.LAMBDA, num(p.lambda()));
        set(Setting.EASY_MARGIN, Boolean.toString(p.easyMargin()));
    }

    private void revalidate() {
        HeadKind h = head.get();
        String first = "";
        for (Setting s : Setting.values()) {
            String why = s.appliesTo(h) ? s.check(get(s), h) : null;
            error.get(s).set(why);
            if (why != null && first.isEmpty()) {
                first = s.label() + ": " + why;
            }
        }
        firstError.set(first);
        valid.set(first.isEmpty());
    }

    private String get(Setting s) {
        String v = text.get(s).get();
        return v == null ? "" : v.trim();
    }

    private void set(Setting s, String v) {
        text.get(s).set(v);
    }

    /** Plain decimals (0.0005, not 5.0E-4), as people type them. */
    static String num(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        return new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }
}
