package org.marginlab.cli;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.marginlab.UserException;
import org.marginlab.model.heads.HeadEvaluation.Precision;
import org.marginlab.loss.HeadKind;
import org.marginlab.loss.HeadParam;
import org.marginlab.loss.HeadParams;
import org.marginlab.loss.HeadType;

/**
 * The input file of {@code marginlab loss}, read from a JSON tree and checked field by field so that
 * every problem is one line naming the file and the field.
 *
 * @param centers C×d, present for center loss only (null otherwise)
 */
public record LossInput(HeadKind head, HeadParams params, double[][] embeddings, double[][] weights,
                        int[] labels, double[][] centers, Precision dtype) {

    private static final Set<String> KEYS =
            Set.of("head", "params", "embeddings", "weights", "labels", "centers", "dtype");
    private static final String VARIANT = "variant";
    private static final String S_PREV = "s_prev";
    /** Every name some head reads; a file may carry another head's parameters, which are ignored. */
    private static final Set<String> ANY_HEAD_PARAM = java.util.stream.Stream.concat(
            java.util.Arrays.stream(HeadKind.values()).flatMap(h -> h.type().params().stream()).map(HeadParam::name),
            java.util.stream.Stream.of(VARIANT, S_PREV)).collect(java.util.stream.Collectors.toSet());

    /** Reads and checks {@code file}; every failure is a {@link UserException} naming the field. */
    public static LossInput read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UserException(file + ": no such file; pass an existing JSON file to --input");
        } catch (IOException e) {
            throw new UserException(file + ": cannot read (" + e.getMessage() + ")");
        }
        return parse(text, file.toString());
    }

    /** Parses JSON text; {@code source} names it in error messages. */
    public static LossInput parse(String text, String source) {
        return new Parser(source).parse(text);
    }

    private static final class Parser {
        private final String source;

        Parser(String source) {
            this.source = source;
        }

        LossInput parse(String text) {
            JsonElement root = readJson(text);
            if (!root.isJsonObject()) {
                throw error(null, "the file must hold one JSON object {\"head\": …, \"embeddings\": …, …}");
            }
            JsonObject obj = root.getAsJsonObject();
            for (String key : obj.keySet()) {
                if (!KEYS.contains(key)) {
                    throw error(key, "is not a known field; use " + String.join(", ", List.of(
                            "head", "params", "embeddings", "weights", "labels", "centers", "dtype")));
                }
            }
            HeadKind kind = head(obj);
            HeadParams params = params(obj, kind);
            Precision dtype = dtype(obj);
            double[][] x = matrix(obj, "embeddings", -1, dtype);
            int d = x[0].length;
            double[][] w = matrix(obj, "weights", d, dtype);
            int k = kind.type().subCenters(params);
            if (w.length % k != 0) {
                throw error("weights", "has " + w.length + " rows but " + kind.id() + " with k = " + k
                        + " needs C·k rows (row j·k + i is sub-center i of class j)");
            }
            int classes = w.length / k;
            int[] labels = labels(obj, x.length, classes);
            if (!kind.type().adaptsScale(params) && kind.type().param("s")
                    .filter(q -> q.schedule() == HeadParam.Schedule.ADAPTIVE).isPresent()) {
                try {
                    params = kind.type().forClasses(params, classes); // AdaCos's fixed √2·ln(C − 1)
                } catch (IllegalArgumentException ex) {
                    throw error("weights", "has C = " + classes + " rows; " + ex.getMessage());
                }
            }
            double[][] centers = null;
            if (kind.type().hasCenters()) {
                centers = matrix(obj, "centers", d, dtype);
                if (centers.length != w.length) {
                    throw error("centers", "has " + centers.length + " rows but 'weights' has C = " + w.length
                            + "; give one centre per class");
                }
            }
            return new LossInput(kind, params, x, w, labels, centers, dtype);
        }

        private JsonElement readJson(String text) {
            try (JsonReader reader = new JsonReader(new StringReader(text))) {
                reader.setStrictness(Strictness.STRICT);
                JsonElement root = new Gson().getAdapter(JsonElement.class).read(reader);
                if (reader.peek() != JsonToken.END_DOCUMENT) {
                    throw new UserException(source + ": extra text after the JSON object; keep one object per file");
                }
                return root;
            } catch (IOException | RuntimeException e) {
                if (e instanceof UserException u) {
                    throw u;
                }
                String why = e.getMessage() == null ? e.toString() : e.getMessage();
                throw new UserException(source + ": not valid JSON (" + firstLine(why) + ")");
            }
        }

        private HeadKind head(JsonObject obj) {
            JsonElement e = require(obj, "head", "one of " + HeadKind.ids());
            if (!(e.isJsonPrimitive() && e.getAsJsonPrimitive().isString())) {
                throw error("head", "must be a string, one of " + HeadKind.ids());
            }
            try {
                return HeadKind.fromId(e.getAsString());
            } catch (IllegalArgumentException ex) {
                throw error("head", "is '" + e.getAsString() + "', not a head; use one of " + HeadKind.ids());
            }
        }

        /**
         * The head's own parameters by the names its class declares; AdaCos takes {@code variant} ("fixed" or
         * "dynamic") and, when dynamic, {@code s_prev}, the previous step's scale.
         */
        private HeadParams params(JsonObject obj, HeadKind kind) {
            HeadType type = kind.type();
            List<String> known = new ArrayList<>();
            List<String> needed = new ArrayList<>();
            for (HeadParam q : type.params()) {
                if (q.schedule() == HeadParam.Schedule.ADAPTIVE) {
                    continue;
                }
                if (q.name().equals("dynamic")) {
                    known.add(VARIANT);
                    continue;
                }
                known.add(q.name());
                if (q.kind() != HeadParam.Kind.FLAG) {
                    needed.add(q.name());
                }
            }
            JsonElement e = obj.get("params");
            if (e == null || e.isJsonNull()) {
                if (!needed.isEmpty()) {
                    throw error("params", "is missing; " + kind.id() + " needs " + String.join(", ", needed));
                }
                return HeadParams.defaults(kind);
            }
            if (!e.isJsonObject()) {
                throw error("params", "must be an object such as {\"s\": 30, \"m\": 0.5}");
            }
            JsonObject p = e.getAsJsonObject();
            boolean dynamic = false;
            if (known.contains(VARIANT) && p.has(VARIANT)) {
                JsonElement v = p.get(VARIANT);
                String variant = v.isJsonPrimitive() && v.getAsJsonPrimitive().isString() ? v.getAsString() : "";
                if (!variant.equals("fixed") && !variant.equals("dynamic")) {
                    throw error("params." + VARIANT, "must be \"fixed\" or \"dynamic\", got " + v);
                }
                dynamic = variant.equals("dynamic");
                if (dynamic) {
                    known.add(S_PREV);
                    needed.add(S_PREV);
                }
            }
            for (String key : p.keySet()) {
                // a parameter another head reads is ignored, as the same file may serve several heads
                if (!known.contains(key) && !ANY_HEAD_PARAM.contains(key)) {
                    throw error("params." + key, "is not a parameter of " + kind.id()
                            + (known.isEmpty() ? ", which has none" : "; use " + String.join(", ", known)));
                }
            }
            for (String name : needed) {
                if (!p.has(name) || p.get(name).isJsonNull()) {
                    throw error("params." + name, "is missing; " + kind.id() + " needs " + String.join(", ", needed));
                }
            }
            HeadParams params = HeadParams.defaults(kind).withDynamic(dynamic);
            for (HeadParam q : type.params()) {
                if (!p.has(q.name())) {
                    continue;
                }
                JsonElement v = p.get(q.name());
                String field = "params." + q.name();
                params = switch (q.kind()) {
                    case NUMBER -> params.with(q.name(), integerIfNeeded(q, number(v, field), field));
                    case FLAG -> {
                        if (!(v.isJsonPrimitive() && v.getAsJsonPrimitive().isBoolean())) {
                            throw error(field, "must be true or false");
                        }
                        yield params.withEasyMargin(v.getAsBoolean());
                    }
                    case TEXT -> {
                        if (!(v.isJsonPrimitive() && v.getAsJsonPrimitive().isString())) {
                            throw error(field, "must be a string such as \"cos(theta + m)\"");
                        }
                        yield params.withPsi(v.getAsString());
                    }
                };
            }
            if (dynamic) {
                double sPrev = number(p.get(S_PREV), "params." + S_PREV);
                if (!(sPrev > 0)) {
                    throw error("params." + S_PREV, "must be a number > 0, got " + p.get(S_PREV));
                }
                params = params.withS(sPrev);
            }
            HeadParams checked = params;
            checked.problem(kind).ifPresent(pr -> {
                throw error("params." + pr.param(), pr.reason() + " for " + kind.id());
            });
            return params;
        }

        /** k is a count: 2.5 sub-centers is refused rather than rounded. */
        private double integerIfNeeded(HeadParam q, double v, String field) {
            if (q.range() != null && q.range().integer() && v != Math.rint(v)) {
                throw error(field, "must be " + q.range().describe() + ", got " + v + " for this head");
            }
            return v;
        }

        private Precision dtype(JsonObject obj) {
            JsonElement e = obj.get("dtype");
            if (e == null || e.isJsonNull()) {
                return Precision.FLOAT64;
            }
            String v = e.isJsonPrimitive() && e.getAsJsonPrimitive().isString() ? e.getAsString() : null;
            if ("float32".equals(v)) {
                return Precision.FLOAT32;
            }
            if ("float64".equals(v)) {
                return Precision.FLOAT64;
            }
            throw error("dtype", "must be \"float32\" or \"float64\", got " + e);
        }

        /** A non-empty rectangular matrix of finite numbers; {@code cols} = −1 takes the first row's width. */
        private double[][] matrix(JsonObject obj, String field, int cols, Precision dtype) {
            JsonElement e = require(obj, field, "a list of rows, e.g. [[1, 0], [0, 1]]");
            if (!e.isJsonArray() || e.getAsJsonArray().isEmpty()) {
                throw error(field, "must be a non-empty list of rows, e.g. [[1, 0], [0, 1]]");
            }
            JsonArray rows = e.getAsJsonArray();
            double[][] out = new double[rows.size()][];
            for (int i = 0; i < rows.size(); i++) {
                String rowName = field + "[" + i + "]";
                JsonElement row = rows.get(i);
                if (!row.isJsonArray() || row.getAsJsonArray().isEmpty()) {
                    throw error(rowName, "must be a non-empty list of numbers");
                }
                JsonArray r = row.getAsJsonArray();
                int want = i == 0 ? cols : out[0].length;
                if (want >= 0 && r.size() != want) {
                    String why = i == 0
                            ? "has " + numbers(r.size()) + " but the embeddings have d = " + want
                                    + "; every row must have d numbers"
                            : "has " + numbers(r.size()) + " but " + field + "[0] has " + want
                                    + "; all rows must have the same length";
                    throw error(rowName, why);
                }
                out[i] = new double[r.size()];
                for (int j = 0; j < r.size(); j++) {
                    double v = number(r.get(j), rowName + "[" + j + "]");
                    if (dtype == Precision.FLOAT32 && Math.abs(v) > Float.MAX_VALUE) {
                        throw error(rowName + "[" + j + "]", "is " + v + ", beyond float32; use dtype float64");
                    }
                    out[i][j] = v;
                }
            }
            return out;
        }

        private int[] labels(JsonObject obj, int n, int classes) {
            JsonElement e = require(obj, "labels", "one class index per embedding row");
            if (!e.isJsonArray()) {
                throw error("labels", "must be a list of class indices, e.g. [0, 2]");
            }
            JsonArray a = e.getAsJsonArray();
            if (a.size() != n) {
                throw error("labels", "has " + a.size() + " entries but 'embeddings' has " + n
                        + " rows; give one label per row");
            }
            int[] out = new int[n];
            for (int i = 0; i < n; i++) {
                String name = "labels[" + i + "]";
                JsonElement v = a.get(i);
                BigDecimal b = v.isJsonPrimitive() && v.getAsJsonPrimitive().isNumber()
                        ? v.getAsBigDecimal() : null;
                if (b == null || b.signum() != 0 && b.stripTrailingZeros().scale() > 0) {
                    throw error(name, "must be an integer class index, got " + v);
                }
                if (b.compareTo(BigDecimal.ZERO) < 0 || b.compareTo(BigDecimal.valueOf(classes)) >= 0) {
                    throw error(name, "is " + b.toPlainString() + " but 'weights' has C = " + classes
                            + " rows; labels must be 0 to " + (classes - 1));
                }
                out[i] = b.intValueExact();
            }
            return out;
        }

        private JsonElement require(JsonObject obj, String field, String what) {
            JsonElement e = obj.get(field);
            if (e == null || e.isJsonNull()) {
                throw error(field, "is missing; give " + what);
            }
            return e;
        }

        private double number(JsonElement e, String field) {
            if (!(e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber())) {
                throw error(field, "must be a number, got " + e);
            }
            double v = e.getAsDouble();
            if (!Double.isFinite(v)) {
                throw error(field, "must be a finite number, got " + e);
            }
            return v;
        }

        private UserException error(String field, String message) {
            return new UserException(source + (field == null ? ": " : ": field '" + field + "' ") + message);
        }

        private static String numbers(int n) {
            return n == 1 ? "1 number" : n + " numbers";
        }

        private static String firstLine(String s) {
            int nl = s.indexOf('\n');
            return nl < 0 ? s : s.substring(0, nl);
        }
    }
}
