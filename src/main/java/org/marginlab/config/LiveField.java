package org.marginlab.config;

import org.marginlab.loss.HeadKind;

/**
 * A setting that may change while a run trains: the head's s, m and λ (λ is also the center-loss weight),
 * the margin/scale warm-up and the learning rate. Each is its {@link ConfigField}, so a change is checked
 * with the ranges of the settings and named with their words.
 */
public enum LiveField {
    S(ConfigField.S, "s"),
    M(ConfigField.M, "m"),
    LAMBDA(ConfigField.LAMBDA, "λ"),
    WARMUP(ConfigField.MARGIN_WARMUP, "warm-up"),
    LR(ConfigField.LR, "lr");

    private final ConfigField field;
    private final String label;

    LiveField(ConfigField field, String label) {
        this.field = field;
        this.label = label;
    }

    /** The name in {@code changes.csv}: the field's config.json key. */
    public String id() {
        return field.key();
    }

    /** The short name on markers and in the window's live row. */
    public String label() {
        return label;
    }

    public ConfigField configField() {
        return field;
    }

    public static LiveField fromId(String id) {
        for (LiveField f : values()) {
            if (f.id().equals(id)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown live field '" + id + "'");
    }

    /** Whether this head's training reads the field. */
    public boolean appliesTo(HeadKind head) {
        return field.appliesTo(head);
    }

    public double get(TrainConfig c) {
        return ((Number) field.get(c)).doubleValue();
    }

    /** The config with this field set to {@code value}; a value out of the field's range is a ConfigException. */
    public TrainConfig with(TrainConfig c, double value) {
        Object v = value;
        if (this == WARMUP) {
            // "auto" is fixed to a number when a run starts; while it trains only a number makes sense
            if (!(value >= 0 && value == Math.rint(value) && value <= Integer.MAX_VALUE)) {
                throw new ConfigException(field, "must be a whole number of iterations ≥ 0 while training",
                        Double.toString(value));
            }
            v = (int) value;
        }
        String why = field.problem(v, c.head());
        if (why != null) {
            throw new ConfigException(field, why, field.text(v));
        }
        return c.with(field, v);
    }
}
