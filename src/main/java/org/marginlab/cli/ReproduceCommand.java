package org.marginlab.cli;

import org.marginlab.UserException;
import org.marginlab.figures.Figure;
import org.marginlab.reproduce.Environment;
import org.marginlab.reproduce.InvocationLog;
import org.marginlab.reproduce.StopRequest;
import org.marginlab.reproduce.OpenSetPreset;
import org.marginlab.reproduce.TablePreset;
import org.marginlab.reproduce.Plan;
import org.marginlab.reproduce.Presets;
import org.marginlab.reproduce.Report;
import org.marginlab.reproduce.ReportBuilder;
import org.marginlab.reproduce.ReportWriter;
import org.marginlab.reproduce.ReproduceData;
import org.marginlab.reproduce.ReproduceRunner;
import org.marginlab.reproduce.RunOutcome;
import org.marginlab.reproduce.ReproducePlanJson;
import org.marginlab.reproduce.Shard;
import org.marginlab.train.TrainingData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code marginlab reproduce PRESET}: trains a preset's runs (same seed and data order) and writes a report
 * that puts our numbers beside the papers'. Re-running it reuses finished runs and resumes interrupted ones.
 */
@Command(name = "reproduce", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Reproduce a result of the papers and write a report (report.md, figures/*.png, csv/*.csv).",
            "Without --quick the paper's settings (meant for a GPU); docs/reproduce.md says what each preset reproduces.",
            "Ctrl-C stops the run training at its next iteration (exit 130); the same command again continues it."})
public final class ReproduceCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PRESET", completionCandidates = PresetIds.class,
            description = "one of ${COMPLETION-CANDIDATES}")
    String preset;
    @Option(names = "--out", paramLabel = "DIR", description = "report directory; runs go to DIR/runs/ (default runs/reproduce/<preset>[-quick])")
    Path out;
    @Option(names = "--quick", description = "the CPU-sized form (compact net, a few hundred steps; stated in the report)")
    boolean quick;
    @Option(names = "--seeds", description = "seeds per head for table5 (default 1) and for table6 / table7 (default 5, the paper's "
            + "five runs; 1 with --quick), per s of Fig. 5's sweep for angles (default " + Presets.FIG5_SEEDS + ")")
    Integer seeds;
    @Option(names = "--data", paramLabel = "DIR", description = "Fashion-MNIST folder (default: search the usual places); for table2, "
            + "table3, table6, table7 and figure8 the folder holding cifar-10-batches-bin/ and cifar-100-binary/")
    Path data;
    @Option(names = "--plan", description = "print the runs as JSON (key, directory, label, config) and train nothing")
    boolean planOnly;
    @Option(names = "--shard", paramLabel = "i/n", description = "train only shard i of n (runs i, i+n, …) into the shared --out; "
            + "inside a Slurm job array SLURM_ARRAY_TASK_ID / SLURM_ARRAY_TASK_COUNT say which; no report")
    String shard;
    @Option(names = "--report-only", description = "train nothing: write the report from the runs under --out (after the shards)")
    boolean reportOnly;
    @Mixin
    ThreadsOption threads;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        long t0 = System.nanoTime();
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter outw = spec.commandLine().getOut();
        Plan plan = Presets.plan(preset, quick, seeds, data == null ? null : data.toString());
        Path dir = out != null ? out : Path.of("runs", "reproduce", preset + (quick ? "-quick" : ""));
        if (planOnly) {
            outw.println(ReproducePlanJson.of(plan, dir));
            outw.flush();
            return 0;
        }
        Shard part = shard != null ? Shard.parse(shard) : Shard.fromSlurm(System.getenv());
        if (part != null && reportOnly) {
            throw new UserException("--report-only writes the report from every shard's runs; drop --shard"
                    + (shard == null ? " (or unset SLURM_ARRAY_TASK_ID: run it outside the job array)" : ""));
        }
        threads.apply();
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        // a job array's tasks share one command line: the log says which share each was
        String command = "marginlab " + String.join(" ", args) + (shard == null && part != null
                ? " (Slurm array task " + System.getenv("SLURM_ARRAY_TASK_ID") + ": shard " + part + ")" : "");
        ReproduceRunner.Result result;
        if (reportOnly) {
            List<RunOutcome> read = ReproduceRunner.read(plan, dir);
            long missing = read.stream().filter(o -> !o.finished()).count();
            if (missing == read.size()) {
                throw new UserException(dir + " holds none of " + preset + "'s " + read.size() + " runs finished; train them first "
                        + "(without --report-only, or with --shard i/n)");
            }
            if (missing > 0) {
                err.println("reproduce " + preset + ": " + missing + " of " + read.size() + " runs not finished under " + dir
                        + "; the report lists them as such");
            }
            result = new ReproduceRunner.Result(read, 0, 0, (int) (read.size() - missing));
        } else {
            var td = ReproduceData.loader(plan, data);
            Shard mine = part == null ? Shard.ALL : part;
            long count = java.util.stream.IntStream.range(0, plan.runs().size()).filter(mine::includes).count();
            err.println("reproduce " + preset + (quick ? " (quick form)" : " (full form)") + (mine.isAll() ? "" : ", shard " + mine)
                    + ": " + count + " runs → " + dir);
            StopRequest stop = new StopRequest();
            try (StopSignals signals = StopSignals.install(stop::request, err, "rerun the same command to continue")) {
                result = ReproduceRunner.run(plan, mine, dir, td, err, stop);
            }
            if (result.stopped() != null) {
                // Logged: the invocation trained (its time counts), though it wrote no report.
                InvocationLog.Entry entry = new InvocationLog.Entry(started.toString(), command,
                        (System.nanoTime() - t0) / 1e9, result.trained(), result.resumed(), result.reused());
                if (mine.isAll()) {
                    InvocationLog.append(dir, entry);
                } else {
                    InvocationLog.appendShard(dir, mine, entry);
                }
                err.println("marginlab: " + result.stopped() + "; no report written. Rerun the same command to continue "
                        + "(runs that ended are reused, the stopped one continues from its checkpoint): " + command);
                err.flush();
                return 130;
            }
            if (!mine.isAll()) {
                InvocationLog.appendShard(dir, mine, new InvocationLog.Entry(started.toString(), command,
                        (System.nanoTime() - t0) / 1e9, result.trained(), result.resumed(), result.reused()));
                boolean ok = true;
                for (int i = 0; i < plan.runs().size(); i++) {
                    ok &= !mine.includes(i) || result.outcomes().get(i).finished();
                }
                outw.printf(Locale.ROOT, "%s shard %s: %d runs (%d trained, %d resumed, %d reused); %.0f s. When every shard has "
                        + "finished: %s%n", preset, mine, count, result.trained(), result.resumed(), result.reused(),
                        (System.nanoTime() - t0) / 1e9, reportCommand(args, dir));
                outw.flush();
                return ok ? 0 : 1;
            }
        }
        List<RunOutcome> outcomes = result.outcomes();
        List<Figure> figures;
        Report report;
        String outcome = null;
        if (plan.preset() instanceof OpenSetPreset open) {
            // its report evaluates each run's model on the held-out classes, so the log's wall time includes that
            List<OpenSetPreset.Row> rows = open.evaluate(outcomes, dir, data);
            InvocationLog.append(dir, new InvocationLog.Entry(started.toString(), command,
                    (System.nanoTime() - t0) / 1e9, result.trained(), result.resumed(), result.reused()));
            OpenSetPreset.Written w = open.report(plan, rows, Environment.detect(), command, InvocationLog.readAll(dir));
            figures = w.figures();
            report = w.report();
            outcome = OpenSetPreset.summary(rows);
        } else {
            figures = ((TablePreset) plan.preset()).figures(plan, outcomes);
            // the figures and report take seconds; the wall time logged is that of the runs and the reading back
            InvocationLog.append(dir, new InvocationLog.Entry(started.toString(), command,
                    (System.nanoTime() - t0) / 1e9, result.trained(), result.resumed(), result.reused()));
            report = ReportBuilder.build(plan, outcomes, Environment.detect(), command, InvocationLog.readAll(dir),
                    ReportWriter.figureFiles(figures));
        }
        Path md = ReportWriter.write(dir, report, figures);
        if (outcome == null) {
            long holds = report.checks().stream().filter(Report.Check::holds).count();
            outcome = String.format(Locale.ROOT, "%d of %d qualitative checks hold, %d disagreements noted", holds,
                    report.checks().size(), report.disagreements().size());
        }
        outw.printf(Locale.ROOT, "%s: %s; %.0f s → %s%n", preset, outcome, (System.nanoTime() - t0) / 1e9, md);
        outw.flush();
        return outcomes.stream().allMatch(RunOutcome::finished) ? 0 : 1;
    }

    /**
     * The command that writes the report after the shards: this one's arguments (preset, form, seeds, data) without
     * --shard and --threads, with --out and --report-only.
     */
    static String reportCommand(List<String> args, Path dir) {
        List<String> kept = new java.util.ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--shard") || a.equals("--threads") || a.equals("--out")) {
                i++;
            } else if (!a.startsWith("--shard=") && !a.startsWith("--threads=") && !a.startsWith("--out=")) {
                kept.add(a);
            }
        }
        return "marginlab " + String.join(" ", kept) + " --out " + dir + " --report-only";
    }

    /** The preset ids for the help text, from the registry. */
    static final class PresetIds implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Presets.IDS.iterator();
        }
    }
}
