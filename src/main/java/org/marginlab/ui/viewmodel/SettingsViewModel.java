package org.marginlab.ui.viewmodel;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
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

import org.marginlab.config.ConfigCheck;
import org.marginlab.config.ConfigException;
import org.marginlab.config.ConfigField;
import org.marginlab.config.TrainConfig;
import org.marginlab.loss.HeadKind;
import org.marginlab.loss.HeadParams;

/**
 * The settings panel's state: one text property per form field of the {@link ConfigField} catalogue
 * (those with a section) as the user typed it, its validation message, and the {@link TrainConfig}
 * they make. The catalogue's ranges decide validity, so any config the CLI accepts loads valid here.
 * Head parameters are kept per head, so switching from ArcFace to Softmax and back restores ArcFace's
 * s and m. Fields outside the form come from the loaded config unchanged.
 */
public final class SettingsViewModel {

    /** The fields the form edits, by section, in catalogue order within one. */
    public static final List<ConfigField> FIELDS = Arrays.stream(ConfigField.values())
            .filter(f -> f.section() != ConfigField.Section.NONE)
            .sorted(java.util.Comparator.comparing(ConfigField::section)).toList();

    // Properties
    private final Map<ConfigField, StringProperty> text = new EnumMap<>(ConfigField.class);
    private final Map<ConfigField, ReadOnlyStringWrapper> error = new EnumMap<>(ConfigField.class);
    private final ReadOnlyObjectWrapper<HeadKind> head = new ReadOnlyObjectWrapper<>(HeadKind.ARCFACE);
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper firstError = new ReadOnlyStringWrapper("");
    private final ObjectProperty<TrainConfig> base = new SimpleObjectProperty<>();

    private final Map<HeadKind, HeadParams> paramsByHead = new EnumMap<>(HeadKind.class);
    private boolean switchingHead;

    public SettingsViewModel() {
        for (ConfigField f : FIELDS) {
            text.put(f, new SimpleStringProperty(""));
            error.put(f, new ReadOnlyStringWrapper(null));
        }
        for (ConfigField f : FIELDS) {
            text.get(f).addListener((obs, was, now) -> onEdit(f));
        }
        load(TrainConfig.defaults(HeadKind.ARCFACE).toBuilder().earlySnapshots(TrainConfig.WATCHED_START).build());
    }

    // Properties

    public StringProperty textProperty(ConfigField f) {
        return text.get(f);
    }

    /** Why the field is invalid, or null. Fields that do not apply to the head are never invalid. */
    public ReadOnlyStringProperty errorProperty(ConfigField f) {
        return error.get(f).getReadOnlyProperty();
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

    public BooleanBinding appliesBinding(ConfigField f) {
        return Bindings.createBooleanBinding(() -> f.appliesTo(head.get()), head);
    }

    // Commands

    /** Fills every field from a config (defaults, last settings, or an opened run's config.json). */
    public void load(TrainConfig config) {
        base.set(config);
        paramsByHead.put(config.head(), config.headParams());
        switchingHead = true;
        try {
            head.set(config.head());
            for (ConfigField f : FIELDS) {
                set(f, f.formText(f.get(config), config.head()));
            }
        } finally {
            switchingHead = false;
        }
        revalidate();
    }

    /** Switches the head, keeping the parameters last used with the new head (or its defaults). */
    public void selectHead(HeadKind kind) {
        text.get(ConfigField.HEAD).set(kind.id());
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
        return fromFields(head.get());
    }

    /** The config the fields describe, each field already checked on its own. */
    private TrainConfig fromFields(HeadKind h) {
        TrainConfig.Builder b = base.get().toBuilder().head(h)
                .headParams(paramsByHead.getOrDefault(h, HeadParams.defaults(h)));
        for (ConfigField f : FIELDS) {
            if (f != ConfigField.HEAD && f.appliesTo(h)) {
                b.set(f, f.parse(get(f), h));
            }
        }
        return b.build();
    }

    private void onEdit(ConfigField f) {
        if (switchingHead) {
            return;
        }
        if (f == ConfigField.HEAD) {
            HeadKind next;
            try {
                next = (HeadKind) ConfigField.HEAD.parse(get(f), head.get());
            } catch (ConfigException e) {
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

    /** Keeps the current head's params; only valid edits are kept, an invalid one falls back to what was there. */
    private void rememberParams() {
        HeadKind h = head.get();
        TrainConfig.Builder b = base.get().toBuilder().head(h)
                .headParams(paramsByHead.getOrDefault(h, HeadParams.defaults(h)));
        for (ConfigField f : FIELDS) {
            if (f.isHeadParam() && f.appliesTo(h) && check(f, h) == null) {
                b.set(f, f.parse(get(f), h));
            }
        }
        paramsByHead.put(h, b.build().headParams());
    }

    private void showParams(HeadParams p) {
        TrainConfig c = base.get().toBuilder().head(head.get()).headParams(p).build();
        for (ConfigField f : FIELDS) {
            if (f.isHeadParam()) {
                set(f, f.formText(f.get(c), c.head()));
            }
        }
    }

    private void revalidate() {
        HeadKind h = head.get();
        String first = "";
        for (ConfigField f : ConfigField.values()) {
            String why;
            if (error.containsKey(f)) {
                why = f.appliesTo(h) ? check(f, h) : null;
                error.get(f).set(why);
            } else {
                // Not in the form: kept from the loaded config, which must be valid all the same.
                why = f.checkedFor(h) ? f.problem(f.get(base.get()), h) : null;
            }
            if (why != null && first.isEmpty()) {
                first = f.label() + ": " + why;
            }
        }
        if (first.isEmpty()) {
            // what only the head judges as a whole, by the rule a run is started with: a custom ψ finite at
            // every s and m the margin warm-up in the form passes through
            try {
                ConfigCheck.validate(fromFields(h));
            } catch (ConfigException e) {
                if (error.containsKey(e.configField())) {
                    error.get(e.configField()).set(e.reason());
                }
                first = e.configField().label() + ": " + e.reason();
            }
        }
        firstError.set(first);
        valid.set(first.isEmpty());
    }

    /** The catalogue's reason the field's text is not a valid value for this head, or null. */
    private String check(ConfigField f, HeadKind h) {
        try {
            return f.problem(f.parse(get(f), h), h);
        } catch (ConfigException e) {
            return e.reason();
        }
    }

    private String get(ConfigField f) {
        String v = text.get(f).get();
        return v == null ? "" : v.trim();
    }

    private void set(ConfigField f, String v) {
        text.get(f).set(v);
    }
}
