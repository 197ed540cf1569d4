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
        return c;
    }
}
