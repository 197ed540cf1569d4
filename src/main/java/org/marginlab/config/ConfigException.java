package org.marginlab.config;

import org.marginlab.UserException;

/**
 * A setting with a value it does not allow. The message uses the window's label; the CLI shows
 * {@link #withFlag()} instead, so each user reads the name they typed the value under.
 */
public final class ConfigException extends UserException {

    private final ConfigField field;
    private final String reason;
    private final String got;

    public ConfigException(ConfigField field, String reason, String got) {
        super(field.label() + " " + reason + " (got " + got + ")");
        this.field = field;
        this.reason = reason;
        this.got = got;
    }

    public ConfigField configField() {
        return field;
    }

    /** "must be an integer in [2, 512]": the same words in the CLI, the window and config.json errors. */
    public String reason() {
        return reason;
    }

    public String withFlag() {
        return field.flag() + " " + reason + " (got " + got + ")";
    }
}
