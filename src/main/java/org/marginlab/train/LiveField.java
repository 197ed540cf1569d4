package org.marginlab.train;

import org.marginlab.model.heads.HeadKind;
import org.marginlab.model.heads.HeadParams;

/**
 * A setting that may change while a run trains: the head's s, m and λ (λ is also the center-loss weight),
 * the margin/scale warm-up and the learning rate. Each reads and replaces its value in a {@link TrainConfig},
 * so a change is checked with the same ranges as the settings ({@link ConfigCheck}).
 */
public enum LiveField {
    S("s", "s"),
    M("m", "m"),
    LAMBDA("lambda", "λ"),
    WARMUP("margin_warmup", "warm-up"),
    LR("lr", "lr");

    private final String id;
    private final String label;

    LiveField(String id, String label) {
        this.id = id;
        this.label = label;
    }

    /** The name in {@code changes.csv}, as in config.json. */
    public String id() {
        return id;
    }

    /** The short name on markers and in the window. */
    public String label() {
        return label;
    }

    public static LiveField fromId(String id) {
        for (LiveField f : values()) {
            if (f.id.equals(id)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown live field '" + id + "'");
    }

    /** Whether this head's training reads the field. */
    public boolean appliesTo(HeadKind head) {
        return switch (this) {
            case S, M, LAMBDA -> HeadParams.usedBy(head).contains(id);
            case WARMUP -> switch (head) {
                case NORMFACE, COSFACE, ARCFACE, ARC -> true;
                default -> false;
            };
            case LR -> true;
        };
    }

    public double get(TrainConfig c) {
        return switch (this) {
            case S -> c.headParams().s();
            case M -> c.headParams().m();
            case LAMBDA -> c.headParams().lambda();
            case WARMUP -> c.marginWarmup();
            case LR -> c.learningRate();
        };
    }

    /** The config with this field set to {@code value}, range-checked; a bad value is a UserException. */
    public TrainConfig with(TrainConfig c, double value) {
        if (this == WARMUP && !(value >= 0 && value == Math.rint(value) && value <= Integer.MAX_VALUE)) {
            ConfigCheck.fail("--margin-warmup", "a whole number of iterations ≥ 0 while training", value);
        }
        HeadParams p = c.headParams();
        TrainConfig out = new TrainConfig(c.dataDir(), c.backbone(), c.dim(), c.head(),
                switch (this) {
                    case S -> p.withS(value);
                    case M -> p.withM(value);
                    case LAMBDA -> p.withLambda(value);
                    default -> p;
                },
                c.lambdaMin(), c.lambdaGamma(), c.lambdaPower(), this == WARMUP ? (int) value : c.marginWarmup(),
                c.centerAlpha(), c.optimizer(), this == LR ? value : c.learningRate(), c.schedule(), c.weightDecay(),
                c.momentum(), c.batchSize(), c.epochs(), c.iterations(), c.seed(), c.device(), c.augment(),
                c.probePerClass(), c.snapshotEvery());
        return ConfigCheck.validate(out);
    }
}
