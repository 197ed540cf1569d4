package org.marginlab.train;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import org.marginlab.UserException;
import org.marginlab.model.heads.HeadKind;
import org.marginlab.model.heads.HeadParams;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code config.json}: the run's full {@link TrainConfig} as a flat JSON object with snake_case keys
 * (the same names as the CLI flags where one exists). Reading starts from the head's defaults and
 * overrides each key present, so a hand-written file may give only what it changes; unknown keys and
 * wrong types are one-line errors naming the key.
 */
public final class ConfigJson {

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeNulls()
            .setFieldNamingPolicy(com.google.gson.FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES).create();
    private static final Set<String> KEYS = Set.of("data", "backbone", "dim", "head", "s", "m", "lambda",
            "easy_margin", "lambda_min", "lambda_gamma", "lambda_power", "margin_warmup", "center_alpha",
            "optimizer", "lr", "schedule", "weight_decay", "momentum", "batch", "epochs", "iterations", "seed",
            "device", "augment", "probe_per_class", "snapshot_every", "holdout_classes");

    private ConfigJson() {
    }

    public static String toJson(TrainConfig c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("data", c.dataDir());
        m.put("backbone", c.backbone());
        m.put("dim", c.dim());
        m.put("head", c.head().id());
        m.put("s", c.headParams().s());
        m.put("m", c.headParams().m());
        m.put("lambda", c.headParams().lambda());
        m.put("easy_margin", c.headParams().easyMargin());
        m.put("lambda_min", c.lambdaMin());
        m.put("lambda_gamma", c.lambdaGamma());
        m.put("lambda_power", c.lambdaPower());
        m.put("margin_warmup", c.marginWarmup());
        m.put("center_alpha", c.centerAlpha());
        m.put("optimizer", c.optimizer());
        m.put("lr", c.learningRate());
        m.put("schedule", c.schedule());
        m.put("weight_decay", c.weightDecay());
        m.put("momentum", c.momentum());
        m.put("batch", c.batchSize());
        m.put("epochs", c.epochs());
        m.put("iterations", c.iterations());
        m.put("seed", c.seed());
        m.put("device", c.device());
        m.put("augment", c.augment());
        m.put("probe_per_class", c.probePerClass());
        m.put("snapshot_every", c.snapshotEvery());
        m.put("holdout_classes", c.holdoutClasses());
        return GSON.toJson(m);
    }

    public static TrainConfig read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new UserException(file + ": no such config file; give an existing config.json");
        } catch (IOException e) {
            throw new UserException(file + ": cannot read (" + e.getMessage() + ")");
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
            throw new UserException(source + ": not valid JSON (" + firstLine(e.getMessage()) + ")");
        }
        for (String key : o.keySet()) {
            if (!KEYS.contains(key)) {
                throw new UserException(source + ": unknown field '" + key + "'; known fields: " + String.join(", ", KEYS.stream().sorted().toList()));
            }
        }
        HeadKind head = HeadKind.SOFTMAX;
        if (o.has("head")) {
            try {
                head = HeadKind.fromId(str(o, "head", source));
            } catch (IllegalArgumentException ex) {
                throw new UserException(source + ": field 'head': " + ex.getMessage());
            }
        }
        TrainConfig d = TrainConfig.defaults(head);
        HeadParams hp = d.headParams();
        hp = new HeadParams(dbl(o, "s", hp.s(), source), dbl(o, "m", hp.m(), source),
                dbl(o, "lambda", hp.lambda(), source), bool(o, "easy_margin", hp.easyMargin(), source));
        return new TrainConfig(
                o.has("data") && !o.get("data").isJsonNull() ? str(o, "data", source) : d.dataDir(),
                o.has("backbone") ? str(o, "backbone", source) : d.backbone(),
                (int) lng(o, "dim", d.dim(), source),
                head, hp,
                dbl(o, "lambda_min", d.lambdaMin(), source),
                dbl(o, "lambda_gamma", d.lambdaGamma(), source),
                dbl(o, "lambda_power", d.lambdaPower(), source),
                (int) lng(o, "margin_warmup", d.marginWarmup(), source),
                dbl(o, "center_alpha", d.centerAlpha(), source),
                o.has("optimizer") ? str(o, "optimizer", source) : d.optimizer(),
                dbl(o, "lr", d.learningRate(), source),
                o.has("schedule") ? str(o, "schedule", source) : d.schedule(),
                dbl(o, "weight_decay", d.weightDecay(), source),
                dbl(o, "momentum", d.momentum(), source),
                (int) lng(o, "batch", d.batchSize(), source),
                (int) lng(o, "epochs", d.epochs(), source),
                lng(o, "iterations", d.iterations(), source),
                lng(o, "seed", d.seed(), source),
                o.has("device") ? str(o, "device", source) : d.device(),
                bool(o, "augment", d.augment(), source),
                (int) lng(o, "probe_per_class", d.probePerClass(), source),
                (int) lng(o, "snapshot_every", d.snapshotEvery(), source),
                intList(o, "holdout_classes", source));
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

    private static double dbl(JsonObject o, String key, double def, String source) {
        if (!o.has(key)) {
            return def;
        }
        JsonPrimitive p = prim(o, key, source, "a number");
        if (!p.isNumber()) {
            throw new UserException(source + ": field '" + key + "' must be a number");
        }
        return p.getAsDouble();
    }

    private static long lng(JsonObject o, String key, long def, String source) {
        if (!o.has(key)) {
            return def;
        }
        JsonPrimitive p = prim(o, key, source, "an integer");
        if (!p.isNumber() || p.getAsDouble() != Math.rint(p.getAsDouble())) {
            throw new UserException(source + ": field '" + key + "' must be an integer");
        }
        return p.getAsLong();
    }

    private static List<Integer> intList(JsonObject o, String key, String source) {
        if (!o.has(key)) {
            return List.of();
        }
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

    private static boolean bool(JsonObject o, String key, boolean def, String source) {
        if (!o.has(key)) {
            return def;
        }
        JsonPrimitive p = prim(o, key, source, "true or false");
        if (!p.isBoolean()) {
            throw new UserException(source + ": field '" + key + "' must be true or false");
        }
        return p.getAsBoolean();
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }

    static Gson gson() {
        return GSON;
    }
}
