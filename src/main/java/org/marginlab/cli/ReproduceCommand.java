package org.marginlab.cli;

import org.marginlab.UserException;
import org.marginlab.figures.Figure;
import org.marginlab.reproduce.Environment;
import org.marginlab.reproduce.InvocationLog;
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
            "Without --quick the paper's settings (meant for a GPU); docs/reproduce.md says what each preset reproduces."})
public final class ReproduceCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PRESET", completionCandidates = PresetIds.class,
            description = "one of ${COMPLETION-CANDIDATES}")
    String preset;
    @Option(names = "--out", paramLabel = "DIR", description = "report directory; runs go to DIR/runs/ (default runs/reproduce/<preset>[-quick])")
    Path out;
    @Option(names = "--quick", description = "the CPU-sized form (compact net, a few hundred steps; stated in the report)")
    boolean quick;
    @Option(names = "--seeds", description = "seeds per head for table5 (default 1), per s of Fig. 5's sweep for angles (default "
            + Presets.FIG5_SEEDS + ")")
    Integer seeds;
    @Option(names = "--data", paramLabel = "DIR", description = "Fashion-MNIST folder (default: search the usual places)")
    Path data;
    @Mixin
    ThreadsOption threads;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        long t0 = System.nanoTime();
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        threads.apply();
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter outw = spec.commandLine().getOut();
        Plan plan = Presets.plan(preset, quick, seeds, data == null ? null : data.toString());
        Path dir = out != null ? out : Path.of("runs", "reproduce", preset + (quick ? "-quick" : ""));
        TrainingData td = ReproduceData.load(plan, data);
        err.println("reproduce " + preset + (quick ? " (quick form)" : " (full form)") + ": " + plan.runs().size() + " runs → " + dir);
        ReproduceRunner.Result result = ReproduceRunner.run(plan, dir, td, err);
        List<RunOutcome> outcomes = result.outcomes();
        String command = "marginlab " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        List<Figure> figures;
        Report report;
        String outcome = null;
        if (plan.preset() instanceof OpenSetPreset open) {
            // its report evaluates each run's model on the held-out classes, so the log's wall time includes that
            List<OpenSetPreset.Row> rows = open.evaluate(outcomes, dir, data);
            List<InvocationLog.Entry> log = InvocationLog.append(dir, new InvocationLog.Entry(started.toString(), command,
                    (System.nanoTime() - t0) / 1e9, result.trained(), result.resumed(), result.reused()));
            OpenSetPreset.Written w = open.report(plan, rows, Environment.detect(), command, log);
            figures = w.figures();
            report = w.report();
            outcome = OpenSetPreset.summary(rows);
        } else {
            figures = ((TablePreset) plan.preset()).figures(plan, outcomes);
            // the figures and report take seconds; the wall time logged is that of the runs and the reading back
            List<InvocationLog.Entry> log = InvocationLog.append(dir, new InvocationLog.Entry(started.toString(), command,
                    (System.nanoTime() - t0) / 1e9, result.trained(), result.resumed(), result.reused()));
            report = ReportBuilder.build(plan, outcomes, Environment.detect(), command, log, ReportWriter.figureFiles(figures));
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

    /** The preset ids for the help text, from the registry. */
    static final class PresetIds implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Presets.IDS.iterator();
        }
    }
}
