package org.marginlab.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.marginlab.loss.HeadKind;
import org.marginlab.loss.HeadParam;

/**
 * A setting that may change while a run trains: each parameter a head declares live (its s, m, λ, m₁–m₃, …),
 * the margin/scale warm-up and the learning rate. Each is its {@link ConfigField}, so a change is checked
 * with the ranges of the settings and named with their words. Which head parameters are live is the head's
 * class's word ({@link HeadParam#live()}), read by {@link #forHead}.
 *
 * @param configField the setting
 * @param label       the short name on markers and in the window's live row (a head parameter's symbol)
 */
public record LiveField(ConfigField configField, String label) {

    public static final LiveField WARMUP = new LiveField(ConfigField.MARGIN_WARMUP, "warm-up");
    public static final LiveField LR = new LiveField(ConfigField.LR, "lr");
    public static final LiveField S = of(ConfigField.S);
    public static final LiveField M = of(ConfigField.M);
    public static final LiveField LAMBDA = of(ConfigField.LAMBDA);

    /** The live field of a head parameter's setting, labelled with its symbol as the heads declare it. */
    public static LiveField of(ConfigField field) {
        if (field == ConfigField.MARGIN_WARMUP) {
            return WARMUP;
        }
        if (field == ConfigField.LR) {
            return LR;
        }
        String symbol = Arrays.stream(HeadKind.values())
                .flatMap(h -> h.type().param(field.key()).stream())
                .filter(HeadParam::live).map(HeadParam::symbol).findFirst().orElse(null);
        if (symbol == null) {
            throw new IllegalArgumentException("'" + field.key() + "' does not change while a run trains");
        }
        return new LiveField(field, symbol);
    }

    /**
     * The settings that may change while a run of this head trains, in the order the head declares its
     * parameters, then the warm-up (when the head warms something up) and the learning rate.
     */
    public static List<LiveField> forHead(HeadKind head) {
        List<LiveField> out = new ArrayList<>();
        for (HeadParam p : head.type().params()) {
            ConfigField f = ConfigField.byKey(p.name());
            if (p.live() && p.numeric() && f != null && f.appliesTo(head)) {
                out.add(new LiveField(f, p.symbol()));
            }
        }
        if (WARMUP.appliesTo(head)) {
            out.add(WARMUP);
        }
        out.add(LR);
        return out;
    }

    /** The name in {@code changes.csv}: the field's config.json key. */
    public String id() {
        return configField.key();
    }

    public static LiveField fromId(String id) {
        ConfigField f = ConfigField.byKey(id);
        if (f == null) {
            throw new IllegalArgumentException("unknown live field '" + id + "'");
        }
        return of(f);
    }

    /** Whether this head's training reads the field. */
    public boolean appliesTo(HeadKind head) {
        return configField.appliesTo(head);
    }

    public double get(TrainConfig c) {
        return ((Number) configField.get(c)).doubleValue();
    }

    /** The config with this field set to {@code value}; a value out of the field's range is a ConfigException. */
    public TrainConfig with(TrainConfig c, double value) {
        Object v = value;
        if (configField.kind() == ConfigField.Kind.INT) {
            // "auto" is fixed to a number when a run starts; while it trains only a number makes sense
            if (!(value >= 0 && value == Math.rint(value) && value <= Integer.MAX_VALUE)) {
                throw new ConfigException(configField, "must be a whole number of iterations ≥ 0 while training",
                        Double.toString(value));
            }
            v = (int) value;
        }
        String why = configField.problem(v, c.head());
        if (why != null) {
            throw new ConfigException(configField, why, configField.text(v));
        }
        return c.with(configField, v);
    }
}
