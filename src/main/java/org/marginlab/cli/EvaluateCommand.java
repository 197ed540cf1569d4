package org.marginlab.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonPrimitive;
import com.google.gson.JsonSerializer;
import org.marginlab.AtomicFiles;
import org.marginlab.CsvNumbers;
import org.marginlab.UserException;
import org.marginlab.figures.FigureStyle;
import org.marginlab.metrics.openset.OpenSetMetrics;
import org.marginlab.metrics.openset.Verification;
import org.marginlab.train.EvaluationSet;
import org.marginlab.train.OpenSetEvaluation;
import org.marginlab.run.RunFiles;
import org.marginlab.run.RunReader;
import org.marginlab.run.RunSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code marginlab evaluate}: open-set metrics of a run's final model on the test images of the classes it
 * held out of training (all test images when it held none out).
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Embed the test images of the run's held-out classes (all test images when none were held out) "
                + "with its final model and report, on L2-normalised embeddings with cosine similarity, precision@1, "
                + "MAP@R and all-pairs verification (TAR at FAR 1e-1…1e-4, EER).")
public final class EvaluateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "a run directory written by marginlab train")
    Path runDir;
    @Option(names = "--json", description = "print the metrics as one JSON object instead of a table")
    boolean json;
    @Option(names = "--export-embeddings", paramLabel = "FILE.csv", description = "write id,label,x1,…,xd of every evaluated test image (id = index in the test set)")
    Path export;
    @Option(names = "--force", description = "replace an existing --export-embeddings file")
    boolean force;
    @Option(names = "--data", paramLabel = "DIR", description = "Fashion-MNIST folder (default: the run's, else search the usual places)")
    Path data;
    @Mixin
    ThreadsOption threads;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(runDir.resolve(RunFiles.CONFIG))) {
            throw new UserException(runDir + ": not a run directory (no " + RunFiles.CONFIG + "); give a directory written by marginlab train");
        }
        if (export != null && Files.exists(export) && !force) {
            throw new UserException("--export-embeddings " + export + ": the file exists; pass --force to replace it or choose another name");
        }
        if (export != null && export.toAbsolutePath().getParent() != null && !Files.isDirectory(export.toAbsolutePath().getParent())) {
            throw new UserException("--export-embeddings " + export + ": no folder " + export.toAbsolutePath().getParent() + "; create it first");
        }
        threads.apply();
        EvaluationSet set = EvaluationSet.embed(runDir, data);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (set.notice() != null) {
            err.println(set.notice());
        }
        RunReader.Run run = RunReader.read(runDir);
        run.skipped().forEach(err::println);
        OpenSetMetrics m = OpenSetEvaluation.measure(runDir, set).metrics();
        if (json) {
            out.println(json(m, set.classes()));
        } else {
            out.print(table(set, m, run.summary()));
        }
        out.flush();
        // After the metrics, so that a file that cannot be written loses nothing already measured.
        if (export != null) {
            try {
                AtomicFiles.write(export, csv(set).getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                err.println("marginlab: --export-embeddings " + export + ": cannot write it (" + org.marginlab.IoErrors.describe(e)
                        + "); the metrics above are complete; choose a folder you can write");
                err.flush();
                return 1;
            }
        }
        return 0;
    }

    /** The {@code --json} line; numbers as the CSVs write them ({@link CsvNumbers}: plain decimals, no float noise). */
    static String json(OpenSetMetrics m, java.util.List<Integer> classes) {
        return new GsonBuilder().serializeNulls()
                .registerTypeAdapter(Double.class, (JsonSerializer<Double>) (v, type, context) -> new JsonPrimitive(new BigDecimal(CsvNumbers.of(v))))
                .create().toJson(m.jsonFields(classes));
    }

    /** {@code id,label,x1,…,xd}; each number the shortest decimal that reads back as the same float. */
    static String csv(EvaluationSet set) {
        StringBuilder sb = new StringBuilder("id,label");
        int d = set.config().dim();
        for (int k = 1; k <= d; k++) {
            sb.append(",x").append(k);
        }
        sb.append('\n');
        for (int i = 0; i < set.ids().length; i++) {
            sb.append(set.ids()[i]).append(',').append(set.labels()[i]);
            for (float v : set.features()[i]) {
                sb.append(',').append(Float.toString(v));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static String table(EvaluationSet set, OpenSetMetrics m, RunSummary summary) {
        StringBuilder sb = new StringBuilder();
        var c = set.config();
        boolean heldOut = !c.holdoutClasses().isEmpty();
        sb.append(String.format(Locale.ROOT, "%s, %s, d=%d, model at iteration %d%n", c.head().id(), c.backbone().id(), c.dim(), set.iteration()));
        sb.append(String.format(Locale.ROOT, "%s: %s — %d test images%n", heldOut ? "held-out classes (never trained on)" : "all classes (none held out)",
                set.classes().size() > FigureStyle.LABELLED_CLASSES ? set.classes().size() + " classes"
                        : set.classes().stream().map(y -> y + " " + c.className(y)).collect(Collectors.joining(", ")), set.ids().length));
        var v = m.verification();
        sb.append(String.format(Locale.ROOT, "  precision@1   %s   (leave-one-out nearest neighbour, %d queries)%n", f(m.retrieval().precisionAt1()), m.retrieval().queries()));
        sb.append(String.format(Locale.ROOT, "  MAP@R         %s%n", f(m.retrieval().mapAtR())));
        for (int i = 0; i < Verification.FAR_EXPONENTS.length; i++) {
            int e = Verification.FAR_EXPONENTS[i];
            Double t = v.tarAtFar()[i];
            sb.append(String.format(Locale.ROOT, "  TAR@FAR=%-5s %s%n", OpenSetMetrics.farKey(e), t != null ? f(t)
                    : "n/a: needs ≥ " + Verification.pairsNeeded(e) + " impostor pairs, has " + v.impostorPairs()));
        }
        sb.append(String.format(Locale.ROOT, "  EER           %s%n", f(v.eer())));
        sb.append(String.format(Locale.ROOT, "  pairs         %d (%d genuine, %d impostor)%n", m.pairs(), v.genuinePairs(), v.impostorPairs()));
        if (summary != null && summary.testAccuracy() != null) {
            sb.append(String.format(Locale.ROOT, "closed-set test accuracy%s: %s (summary.json)%n",
                    heldOut ? " on the trained classes" : "", f(summary.testAccuracy())));
        }
        return sb.toString();
    }

    private static String f(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "n/a";
    }
}
