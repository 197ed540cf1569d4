package org.marginlab.config;

/** Range checks of a {@link TrainConfig} from the {@link ConfigField} catalogue. */
public final class ConfigCheck {

    private ConfigCheck() {
    }

    /**
     * Returns the config when every field its head needs is valid.
     *
     * @throws ConfigException naming the first invalid field
     */
    public static TrainConfig validate(TrainConfig c) {
        for (ConfigField f : ConfigField.values()) {
            if (f.checkedFor(c.head())) {
                Object v = f.get(c);
                String why = f.problem(v, c.head());
                if (why != null) {
                    throw new ConfigException(f, why, f.text(v));
                }
            }
        }
        // what only the head can judge as a whole, e.g. a custom ψ that is not finite at this s and m, or at
        // an s and m the warm-up passes through (auto counts as on)
        c.headParams().problemWhileTraining(c.head(), c.marginWarmup() != 0).ifPresent(p -> {
            ConfigField f = ConfigField.byKey(p.param());
            throw new ConfigException(f, p.reason(), f.text(f.get(c)));
        });
        return c;
    }
}
