package org.marginlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import org.marginlab.AtomicFiles;
import org.marginlab.UserException;
import org.marginlab.model.heads.HeadEvaluation;
import org.marginlab.model.heads.HeadEvaluation.Precision;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code marginlab loss --input IN.json [--output OUT.json]}: evaluates one head on the numbers in a JSON
 * file (format in docs/loss-command.md) and prints the mean loss, the logits fed to the cross-entropy
 * and the autograd gradients of the mean loss.
 */
@Command(name = "loss", mixinStandardHelpOptions = true,
        description = {"Evaluate one loss head on your own numbers: mean loss, logits (margin and scale "
                + "included) and gradients of the mean loss w.r.t. embeddings, weights (and centres).",
                "Input: {\"head\": \"arcface\", \"params\": {\"s\": 30, \"m\": 0.5}, \"embeddings\": [[…]], "
                        + "\"weights\": [[…]], \"labels\": [0], \"centers\": [[…]] (center only), "
                        + "\"dtype\": \"float64\"}"})
public final class LossCommand implements Callable<Integer> {

    @Option(names = "--input", required = true, paramLabel = "IN.json", description = "the JSON input file")
    Path input;

    @Option(names = "--output", paramLabel = "OUT.json",
            description = "write the result here (atomically) instead of to standard output")
    Path output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        LossInput in = LossInput.read(input);
        HeadEvaluation result = HeadEvaluation.evaluate(in.head(), in.params(), in.embeddings(), in.weights(),
                in.labels(), in.centers(), in.dtype());
        boolean adaptive = in.head().type().param("s")
                .filter(q -> q.schedule() == org.marginlab.loss.HeadParam.Schedule.ADAPTIVE).isPresent();
        String json = format(result, in.dtype() == Precision.FLOAT32, adaptive);
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(json);
            out.flush();
        } else {
            writeAtomically(output, json);
        }
        return 0;
    }

    /** JSON with one matrix row per line; float32 results are printed as the shortest float32 text. */
    static String format(HeadEvaluation r, boolean float32) {
        return format(r, float32, false);
    }

    /** @param withScale report the s the head set itself (AdaCos) */
    static String format(HeadEvaluation r, boolean float32, boolean withScale) {
        StringBuilder sb = new StringBuilder("{\n");
        if (withScale) {
            sb.append("  \"s\": ").append(number(r.scale(), float32, "s")).append(",\n");
        }
        sb.append("  \"loss\": ").append(number(r.loss(), float32, "loss")).append(",\n");
        matrix(sb, "logits", r.logits(), float32);
        sb.append(",\n");
        matrix(sb, "grad_embeddings", r.gradEmbeddings(), float32);
        sb.append(",\n");
        matrix(sb, "grad_weights", r.gradWeights(), float32);
        if (r.gradCenters() != null) {
            sb.append(",\n");
            matrix(sb, "grad_centers", r.gradCenters(), float32);
        }
        return sb.append("\n}\n").toString();
    }

    private static void matrix(StringBuilder sb, String name, double[][] m, boolean float32) {
        sb.append("  \"").append(name).append("\": [\n");
        for (int i = 0; i < m.length; i++) {
            sb.append("    [");
            for (int j = 0; j < m[i].length; j++) {
                sb.append(j == 0 ? "" : ", ").append(number(m[i][j], float32, name));
            }
            sb.append(i + 1 < m.length ? "],\n" : "]\n");
        }
        sb.append("  ]");
    }

    private static String number(double v, boolean float32, String field) {
        if (!Double.isFinite(v)) {
            throw new UserException("loss: '" + field + "' came out " + v
                    + (float32 ? "; the inputs overflow float32, use \"dtype\": \"float64\"" : "; use smaller inputs"));
        }
        return float32 ? Float.toString((float) v) : Double.toString(v);
    }

    /** Temp file in the same folder, then a rename: readers never see half a file. */
    static void writeAtomically(Path target, String text) {
        try {
            Path dir = target.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            AtomicFiles.write(target, text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UserException(target + ": cannot write the output (" + e.getMessage()
                    + "); check --output points into a writable folder");
        }
    }
}
