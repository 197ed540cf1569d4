package org.marginlab.config;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import org.marginlab.UserException;
import org.marginlab.loss.HeadKind;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code config.json}: the run's full {@link TrainConfig} as a flat JSON object, one key per
 * {@link ConfigField} in catalogue order. Reading starts from the head's defaults and overrides each key
 * present, so a hand-written file may give only what it changes; unknown keys, wrong types and values out
 * of range are one-line errors naming the file and the key.
 */
public final class ConfigJson {

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeNulls()
            .setFieldNamingPolicy(com.google.gson.FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES).create();

    private ConfigJson() {
    }

    public static String toJson(TrainConfig c) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (ConfigField f : ConfigField.values()) {
            m.put(f.key(), f.jsonValue(c));
        }
        return GSON.toJson(m);
    }

    public static TrainConfig read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new UserException(file + ": no such config file; give an existing config.json");
        } catch (IOException e) {
            throw new UserException(file + ": cannot read it (" + org.marginlab.IoErrors.describe(e) + ")");
        }
        return parse(text, file.toString());
    }

    public static TrainConfig parse(String text, String source) {
        JsonObject o;
        try {
            JsonElement e = JsonParser.parseString(text);
            if (!e.isJsonObject()) {
                throw new UserException(source + ": expected a JSON object of config fields");
            }
            o = e.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new UserException(source + ": not valid JSON" + org.marginlab.IoErrors.jsonWhere(e)
                    + "; fix the file or take the config.json of another run");
        }
        for (String key : o.keySet()) {
            if (ConfigField.byKey(key) == null) {
                throw new UserException(source + ": unknown field '" + key + "'; known fields: "
                        + Arrays.stream(ConfigField.values()).map(ConfigField::key).sorted().collect(Collectors.joining(", ")));
            }
        }
        HeadKind head = o.has(ConfigField.HEAD.key())
                ? (HeadKind) value(o, ConfigField.HEAD, TrainConfig.DEFAULT_HEAD, source) : TrainConfig.DEFAULT_HEAD;
        TrainConfig.Builder b = TrainConfig.defaults(head).toBuilder();
        for (ConfigField f : ConfigField.values()) {
            if (o.has(f.key())) {
                Object v = value(o, f, head, source);
                String why = f.checkedFor(head) ? f.problem(v, head) : null;
                if (why != null) {
                    throw new UserException(source + ": field '" + f.key() + "' " + why + " (got " + f.text(v) + ")");
                }
                b.set(f, v);
            }
        }
        return b.build();
    }

    /** The key's value with the field's type; a wrong JSON type is one line naming the file and the key. */
    private static Object value(JsonObject o, ConfigField f, HeadKind head, String source) {
        String key = f.key();
        return switch (f.kind()) {
            case PATH -> o.get(key).isJsonNull() ? null : str(o, key, source);
            case TEXT -> str(o, key, source);
            case CHOICE -> {
                if (f == ConfigField.AUGMENT && o.get(key).isJsonPrimitive() && o.get(key).getAsJsonPrimitive().isBoolean()) {
                    // config.json before crop-flip had a name: "augment": true was the same crop and flip.
                    yield o.get(key).getAsBoolean() ? Augment.CROP_FLIP : Augment.NONE;
                }
                try {
                    yield f.parse(str(o, key, source), head);
                } catch (ConfigException e) {
                    throw new UserException(source + ": field '" + key + "' " + e.reason() + " (got " + o.get(key) + ")");
                }
            }
            case INT -> {
                long v = lng(o, key, source);
                if (v != (int) v) {
                    throw new UserException(source + ": field '" + key + "' must be " + f.allowed(head) + " (got " + v + ")");
                }
                yield (int) v;
            }
            case LONG -> lng(o, key, source);
            case REAL -> dbl(o, key, source);
            case FLAG -> bool(o, key, source);
            case CLASSES -> ints(o, key, source);
            case RECORD -> {
                if (o.get(key).isJsonNull()) {
                    yield null;
                }
                if (!o.get(key).isJsonObject()) {
                    throw new UserException(source + ": field '" + key + "' must be an object (written by the run)");
                }
                try {
                    yield GSON.fromJson(o.get(key), f.valueType());
                } catch (JsonParseException | IllegalArgumentException e) {
                    throw new UserException(source + ": field '" + key + "' is not the data-set record the run writes" + org.marginlab.IoErrors.jsonWhere(e) + "; restore config.json from a copy");
                }
            }
        };
    }

    private static JsonPrimitive prim(JsonObject o, String key, String source, String want) {
        JsonElement e = o.get(key);
        if (e == null || !e.isJsonPrimitive()) {
            throw new UserException(source + ": field '" + key + "' must be " + want);
        }
        return e.getAsJsonPrimitive();
    }

    private static String str(JsonObject o, String key, String source) {
        JsonPrimitive p = prim(o, key, source, "a string");
        if (!p.isString()) {
            throw new UserException(source + ": field '" + key + "' must be a string");
        }
        return p.getAsString();
    }

    private static double dbl(JsonObject o, String key, String source) {
        JsonPrimitive p = prim(o, key, source, "a number");
        if (!p.isNumber()) {
            throw new UserException(source + ": field '" + key + "' must be a number");
        }
        return p.getAsDouble();
    }

    private static long lng(JsonObject o, String key, String source) {
        JsonPrimitive p = prim(o, key, source, "an integer");
        if (!p.isNumber() || p.getAsDouble() != Math.rint(p.getAsDouble())) {
            throw new UserException(source + ": field '" + key + "' must be an integer");
        }
        return p.getAsLong();
    }

    private static List<Integer> ints(JsonObject o, String key, String source) {
        String want = source + ": field '" + key + "' must be an array of integers, e.g. [8, 9]";
        if (!o.get(key).isJsonArray()) {
            throw new UserException(want);
        }
        List<Integer> out = new ArrayList<>();
        for (JsonElement e : o.getAsJsonArray(key)) {
            if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()
                    || e.getAsDouble() != Math.rint(e.getAsDouble()) || Math.abs(e.getAsDouble()) > Integer.MAX_VALUE) {
                throw new UserException(want);
            }
            out.add(e.getAsInt());
        }
        return out;
    }

    private static boolean bool(JsonObject o, String key, String source) {
        JsonPrimitive p = prim(o, key, source, "true or false");
        if (!p.isBoolean()) {
            throw new UserException(source + ": field '" + key + "' must be true or false");
        }
        return p.getAsBoolean();
    }


}
