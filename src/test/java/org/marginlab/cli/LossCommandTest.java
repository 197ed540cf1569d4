package org.marginlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code marginlab loss} end to end on JSON files written here: values worked by hand, and one-line errors. */
class LossCommandTest {

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    Path write(String name, String json) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, json);
        return p;
    }

    static double[][] matrix(JsonObject o, String key) {
        JsonArray rows = o.getAsJsonArray(key);
        double[][] m = new double[rows.size()][];
        for (int i = 0; i < m.length; i++) {
            JsonArray r = rows.get(i).getAsJsonArray();
            m[i] = new double[r.size()];
            for (int j = 0; j < m[i].length; j++) {
                m[i][j] = r.get(j).getAsDouble();
            }
        }
        return m;
    }

    /** Softmax, x = (1, 2), W = I, y = 0: z = (1, 2), p_1 = e/(1+e), L = ln(1 + e), ∂L/∂x = (−p_1, p_1), ∂L/∂W = (p − δ) xᵀ. */
    @Test
    void softmaxByHandToStdout() throws IOException {
        Path in = write("soft.json", """
                {"head": "softmax", "embeddings": [[1, 2]], "weights": [[1, 0], [0, 1]], "labels": [0], "dtype": "float64"}
                """);
        Result r = run("loss", "--input", in.toString());
        assertEquals(0, r.code(), r.err());
        JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
        double p1 = Math.E / (1 + Math.E);
        assertEquals(Math.log(1 + Math.E), o.get("loss").getAsDouble(), 1e-15);
        assertMatrix(new double[][] {{1, 2}}, matrix(o, "logits"), 1e-15);
        assertMatrix(new double[][] {{-p1, p1}}, matrix(o, "grad_embeddings"), 1e-15);
        assertMatrix(new double[][] {{-p1, -2 * p1}, {p1, 2 * p1}}, matrix(o, "grad_weights"), 1e-15);
        assertFalse(o.has("grad_centers"));
        assertEquals(4, o.size());
    }

    /** The example head: ArcFace, s = 30, m = 0.5, in float32, written atomically to --output. */
    @Test
    void arcFaceFloat32ToFile() throws IOException {
        Path in = write("arc.json", """
                {
                  "head": "arcface",
                  "params": {"s": 30, "m": 0.5, "easy_margin": false},
                  "embeddings": [[3, 4], [0, -2]],
                  "weights": [[1, 0], [0, 2], [-1, 0]],
                  "labels": [0, 2],
                  "dtype": "float32"
                }
                """);
        Path out = dir.resolve("sub/out.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, "old content");
        Result r = run("loss", "--input", in.toString(), "--output", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.out());
        try (Stream<Path> files = Files.list(out.getParent())) {
            assertEquals(1, files.count(), "no temp file may be left");
        }
        JsonObject o = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
        // Row 0: cos θ_0 = 0.6, sin θ_0 = 0.8, so Z_0 = 30 (0.6 cos 0.5 − 0.8 sin 0.5); others 30·cos θ_j.
        // Row 1: x = (0, −2) is at 90° from W_0 (label 2's W_2 too): Z_2 = 30 cos(π/2 + 0.5) = −30 sin 0.5.
        double[][] z = {{30 * (0.6 * Math.cos(0.5) - 0.8 * Math.sin(0.5)), 30 * 0.8, 30 * -0.6},
            {0, 30 * -1, -30 * Math.sin(0.5)}};
        assertMatrix(z, matrix(o, "logits"), 2e-6);
        double loss = (lse(z[0]) - z[0][0] + lse(z[1]) - z[1][2]) / 2;
        assertEquals(loss, o.get("loss").getAsDouble(), 2e-6 * loss);
        // float32 results are printed as float32 text, e.g. 24.0, not 24.000000953674316.
        assertTrue(Files.readString(out).contains("24.0,"), Files.readString(out));
        assertEquals(2, matrix(o, "grad_embeddings").length);
        assertEquals(3, matrix(o, "grad_weights").length);
    }

    /** Center loss: grad_centers = −λ(x_i − c_{y_i})/N summed per class (the autograd gradient, not the α step). */
    @Test
    void centerLossGradCenters() throws IOException {
        Path in = write("center.json", """
                {"head": "center", "params": {"lambda": 0.5},
                 "embeddings": [[3, 4], [1, 1]], "weights": [[1, 0], [0, 2]], "labels": [0, 0],
                 "centers": [[1, 2], [7, 7]]}
                """);
        Result r = run("loss", "--input", in.toString());
        assertEquals(0, r.code(), r.err());
        JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
        // x_0 − c_0 = (2, 2), x_1 − c_0 = (0, −1): ∂/∂c_0 = −0.5·(2, 1)/2; c_1 has no samples.
        assertMatrix(new double[][] {{-0.5, -0.25}, {0, 0}}, matrix(o, "grad_centers"), 1e-15);
        double ce = (lse(new double[] {3, 8}) - 3 + lse(new double[] {1, 2}) - 1) / 2;
        assertEquals(ce + 0.5 * (8 + 1) / (2 * 2), o.get("loss").getAsDouble(), 1e-14);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown head        | {"head": "arcfase", "embeddings": [[1, 0]], "weights": [[1, 0]], "labels": [0]}                                    | field 'head'
            missing head        | {"embeddings": [[1, 0]], "weights": [[1, 0]], "labels": [0]}                                                        | field 'head'
            missing param       | {"head": "arcface", "params": {"s": 30}, "embeddings": [[1, 0]], "weights": [[1, 0]], "labels": [0]}                | field 'params.m'
            missing params      | {"head": "cosface", "embeddings": [[1, 0]], "weights": [[1, 0]], "labels": [0]}                                     | field 'params'
            out-of-range m      | {"head": "cosface", "params": {"s": 30, "m": 5}, "embeddings": [[1, 0]], "weights": [[1, 0]], "labels": [0]}        | field 'params.m'
            non-integer ψ m     | {"head": "sphereface", "params": {"m": 2.5, "lambda": 5}, "embeddings": [[1, 0]], "weights": [[1, 0]], "labels": [0]} | field 'params.m'
            negative s          | {"head": "arc", "params": {"s": -1}, "embeddings": [[1, 0]], "weights": [[1, 0]], "labels": [0]}                    | field 'params.s'
            unknown param       | {"head": "arc", "params": {"s": 1, "scale": 2}, "embeddings": [[1, 0]], "weights": [[1, 0]], "labels": [0]}         | field 'params.scale'
            easy_margin type    | {"head": "arcface", "params": {"s": 1, "m": 0.1, "easy_margin": 1}, "embeddings": [[1, 0]], "weights": [[1, 0]], "labels": [0]} | field 'params.easy_margin'
            ragged embeddings   | {"head": "softmax", "embeddings": [[1, 0], [1]], "weights": [[1, 0]], "labels": [0, 0]}                            | field 'embeddings[1]'
            ragged weights      | {"head": "softmax", "embeddings": [[1, 0]], "weights": [[1, 0], [1, 2], [3]], "labels": [0]}                      | field 'weights[2]'
            d mismatch          | {"head": "softmax", "embeddings": [[1, 0]], "weights": [[1, 0, 0]], "labels": [0]}                                  | field 'weights[0]'
            label too big       | {"head": "softmax", "embeddings": [[1, 0]], "weights": [[1, 0], [0, 1]], "labels": [2]}                            | field 'labels[0]'
            negative label      | {"head": "softmax", "embeddings": [[1, 0]], "weights": [[1, 0], [0, 1]], "labels": [-1]}                           | field 'labels[0]'
            fractional label    | {"head": "softmax", "embeddings": [[1, 0]], "weights": [[1, 0], [0, 1]], "labels": [0.5]}                          | field 'labels[0]'
            label count         | {"head": "softmax", "embeddings": [[1, 0]], "weights": [[1, 0], [0, 1]], "labels": [0, 1]}                         | field 'labels'
            number as string    | {"head": "softmax", "embeddings": [[1, "0"]], "weights": [[1, 0]], "labels": [0]}                                   | field 'embeddings[0][1]'
            empty embeddings    | {"head": "softmax", "embeddings": [], "weights": [[1, 0]], "labels": []}                                            | field 'embeddings'
            missing centers     | {"head": "center", "params": {"lambda": 1}, "embeddings": [[1, 0]], "weights": [[1, 0]], "labels": [0]}            | field 'centers'
            centers rows        | {"head": "center", "params": {"lambda": 1}, "embeddings": [[1, 0]], "weights": [[1, 0]], "labels": [0], "centers": [[0, 0], [1, 1]]} | field 'centers'
            bad dtype           | {"head": "softmax", "embeddings": [[1, 0]], "weights": [[1, 0]], "labels": [0], "dtype": "float16"}                 | field 'dtype'
            float32 overflow    | {"head": "softmax", "embeddings": [[1e39, 0]], "weights": [[1, 0]], "labels": [0], "dtype": "float32"}              | field 'embeddings[0][0]'
            unknown field       | {"head": "softmax", "embedings": [[1, 0]], "weights": [[1, 0]], "labels": [0]}                                      | field 'embedings'
            not an object       | [1, 2]                                                                                                             | must hold one JSON object
            malformed JSON      | {"head": "softmax", "embeddings": [[1, 0]                                                                          | not valid JSON
            """)
    void malformedInputIsOneLineNamingTheField(String name, String json, String expected) throws IOException {
        Path in = write("bad.json", json);
        Path out = dir.resolve("never.json");
        Result r = run("loss", "--input", in.toString(), "--output", out.toString());
        assertEquals(2, r.code(), name + ": " + r.err());
        String err = r.err().strip();
        assertFalse(err.contains("\n"), name + ": more than one line: " + err);
        assertTrue(err.startsWith("marginlab: " + in + ": "), name + ": should name the file: " + err);
        assertTrue(err.contains(expected), name + ": " + err);
        assertEquals("", r.out());
        assertFalse(Files.exists(out), name + ": no output on error");
    }

    @Test
    void missingFileAndMissingOption() {
        Result r = run("loss", "--input", dir.resolve("nope.json").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().strip().endsWith("no such file; pass an existing JSON file to --input"), r.err());
        assertNotEquals(0, run("loss").code());
    }

    /** The example in docs/loss-command.md prints what the docs show. */
    @Test
    void docsExampleMatches() throws IOException {
        Result r = run("loss", "--input", "docs/examples/arcface-one-sample.json");
        assertEquals(0, r.code(), r.err());
        String doc = Files.readString(Path.of("docs/loss-command.md"));
        int start = doc.indexOf("prints:\n\n```json\n") + "prints:\n\n```json\n".length();
        String shown = doc.substring(start, doc.indexOf("```", start));
        // Numbers, not text: another CPU's vector maths may move the last bit.
        JsonObject want = JsonParser.parseString(shown).getAsJsonObject();
        JsonObject got = JsonParser.parseString(r.out()).getAsJsonObject();
        assertEquals(want.keySet(), got.keySet());
        assertEquals(want.get("loss").getAsDouble(), got.get("loss").getAsDouble(), 1e-12);
        for (String key : new String[] {"logits", "grad_embeddings", "grad_weights"}) {
            assertMatrix(matrix(want, key), matrix(got, key), 1e-12);
        }
    }

    @Test
    void unwritableOutputIsOneLine() throws IOException {
        Path in = write("ok.json", """
                {"head": "softmax", "embeddings": [[1, 2]], "weights": [[1, 0], [0, 1]], "labels": [0]}
                """);
        Path target = Files.createDirectories(dir.resolve("taken/sub"));
        Result r = run("loss", "--input", in.toString(), "--output", target.getParent().toString());
        assertEquals(2, r.code(), r.err());
        assertFalse(r.err().strip().contains("\n"), r.err());
        assertTrue(r.err().contains("cannot write the output"), r.err());
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "temp file left behind");
        }
    }

    /** Params a head does not read are ignored, so one file can be pointed at several heads. */
    @Test
    void unusedParamsAreIgnored() throws IOException {
        Path in = write("norm.json", """
                {"head": "normface", "params": {"s": 2, "m": 0.3, "lambda": 7, "easy_margin": true},
                 "embeddings": [[3, 4]], "weights": [[1, 0], [0, 2]], "labels": [1]}
                """);
        Result r = run("loss", "--input", in.toString());
        assertEquals(0, r.code(), r.err());
        JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
        assertMatrix(new double[][] {{1.2, 1.6}}, matrix(o, "logits"), 1e-15);
    }

    static double lse(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double s = 0;
        for (double v : z) {
            s += Math.exp(v - max);
        }
        return max + Math.log(s);
    }

    static void assertMatrix(double[][] expected, double[][] actual, double tol) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i].length, actual[i].length);
            for (int j = 0; j < expected[i].length; j++) {
                assertEquals(expected[i][j], actual[i][j], tol * Math.max(1, Math.abs(expected[i][j])), "[" + i + "][" + j + "]");
            }
        }
    }
}
