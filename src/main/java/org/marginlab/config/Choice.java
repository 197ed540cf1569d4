package org.marginlab.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** A value picked from a fixed list by its lower-case id, as written in config.json and on the command line. */
public interface Choice {

    /** The constant's name in lower case (an enum's; other kinds override it). */
    default String id() {
        return ((Enum<?>) this).name().toLowerCase(Locale.ROOT);
    }

    /** The constant with this id (case and surrounding blanks ignored), or null. */
    static <E extends Enum<E> & Choice> E find(Class<E> type, String text) {
        String key = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.id().equals(key)).findFirst().orElse(null);
    }

    static <E extends Enum<E> & Choice> List<String> ids(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Choice::id).toList();
    }
}
