package org.marginlab.figures.export;

import java.util.Locale;
import org.marginlab.UserException;

/** File formats a figure can be written in. */
public enum ExportFormat {
    PNG("png"), SVG("svg"), CSV("csv");

    private final String extension;

    ExportFormat(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }

    /** Parses {@code png|svg|csv}; the error names the flag and the choices. */
    public static ExportFormat parse(String s) {
        String key = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
        for (ExportFormat f : values()) {
            if (f.extension.equals(key)) {
                return f;
            }
        }
        throw new UserException("--format '" + s + "' is not supported; use png, svg or csv");
    }
}
