package org.marginlab.reproduce;

import org.marginlab.IoErrors;
import org.marginlab.UserException;
import org.marginlab.run.RunFiles;
import org.marginlab.run.RunLock;
import org.marginlab.run.RunReader;
import org.marginlab.run.RunSummary;
import org.marginlab.config.ConfigJson;
import org.marginlab.train.MarginTrainableHead;
import org.marginlab.config.TrainConfig;
import org.marginlab.train.TrainingData;
import org.marginlab.train.TrainingListener;
import org.marginlab.train.TrainingSession;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;

/**
 * Runs a plan's runs one after another in {@code out/runs/<key>/} through the training engine, with a
 * progress line per run and overall. A run that ended earlier (summary.json) is reused, one with a
 * checkpoint continues from it, so an interrupted reproduce picks up where it stopped.
 */
public final class ReproduceRunner {

    private ReproduceRunner() {
    }

    public static Path runDirectory(Path out, PlannedRun r) {
        return out.resolve("runs").resolve(r.key());
    }

    /** Iterations a run will take on this data. */
    static long totalIterations(TrainConfig c, TrainingData data) {
        long total = (long) (data.train().count() / c.batchSize()) * c.epochs();
        return c.iterations() > 0 ? Math.min(total, c.iterations()) : total;
    }

    /**
     * The runs' outcomes and how many were trained from the start, resumed from a checkpoint or reused; {@code
     * stopped} says where a {@link StopRequest} stopped the plan ("[2/8 arcface] stopped at iteration 40 of
     * 240"), null when it ran to its end.
     */
    public record Result(List<RunOutcome> outcomes, int trained, int resumed, int reused, String stopped) {

        public Result(List<RunOutcome> outcomes, int trained, int resumed, int reused) {
            this(outcomes, trained, resumed, reused, null);
        }
    }

    public static Result run(Plan plan, Path out, TrainingData data, PrintWriter err) throws InterruptedException {
        return run(plan, Shard.ALL, out, data, err);
    }

    public static Result run(Plan plan, Shard shard, Path out, TrainingData data, PrintWriter err) throws InterruptedException {
        return run(plan, shard, out, c -> data, err);
    }

    /**
     * Trains this shard's runs only (every run for {@link Shard#ALL}), each on the data {@code dataFor} gives its
     * config; the outcomes are read back for every run.
     */
    public static Result run(Plan plan, Shard shard, Path out, java.util.function.Function<TrainConfig, TrainingData> dataFor,
                             PrintWriter err) throws InterruptedException {
        return run(plan, shard, out, dataFor, err, new StopRequest());
    }

    /**
     * {@link #run(Plan, Shard, Path, java.util.function.Function, PrintWriter)} that {@code stop} can stop: the run
     * training then stops at its next iteration (checkpoint, summary "stopped at iteration N of M") and no further
     * run starts. Run again, the plan continues that run from its checkpoint.
     */
    public static Result run(Plan plan, Shard shard, Path out, java.util.function.Function<TrainConfig, TrainingData> dataFor,
                             PrintWriter err, StopRequest stop) throws InterruptedException {
        String stopped = null;
        int trained = 0;
        int resumed = 0;
        int reused = 0;
        long all = 0;
        for (int i = 0; i < plan.runs().size(); i++) {
            if (shard.includes(i)) {
                all += totalIterations(plan.runs().get(i).config(), dataFor.apply(plan.runs().get(i).config()));
            }
        }
        long done = 0;
        long started = System.nanoTime();
        int n = plan.runs().size();
        for (int i = 0; i < n; i++) {
            if (!shard.includes(i)) {
                continue;
            }
            PlannedRun r = plan.runs().get(i);
            if (stop.requested()) {
                stopped = String.format(Locale.ROOT, "[%d/%d %s] not started", i + 1, n, r.key());
                break;
            }
            TrainingData data = dataFor.apply(r.config());
            Path dir = runDirectory(out, r);
            long runTotal = totalIterations(r.config(), data);
            RunAction action = RunAction.decide(dir);
            if (action != RunAction.START) {
                TrainConfig onDisk = ConfigJson.read(dir.resolve(RunFiles.CONFIG));
                if (!sameRun(onDisk, r.config(), runTotal)) {
                    throw new UserException(dir + " holds a run with other settings than this preset's " + r.key()
                            + " (another form or version?); use a new --out or delete that directory");
                }
            }
            String tag = String.format(Locale.ROOT, "[%d/%d %s]", i + 1, n, r.key());
            if (action == RunAction.SKIP) {
                err.println(tag + " ended earlier (summary.json present): reused");
                done += runTotal;
                reused++;
                continue;
            }
            if (action == RunAction.RESTART) {
                setAsideUnfinished(dir, err);
            }
            TrainingSession s = action == RunAction.RESUME
                    ? TrainingSession.resumeRun(dir, data, MarginTrainableHead.FACTORY)
                    : TrainingSession.create(r.config(), data, MarginTrainableHead.FACTORY, dir);
            if (action == RunAction.RESUME) {
                if (s.resumeNotice() != null) {
                    err.println(s.resumeNotice());
                }
                resumed++;
            } else {
                trained++;
            }
            err.println(tag + " " + (action == RunAction.RESUME ? "resuming at iteration " + s.iteration() : "starting")
                    + ": " + r.label() + ", " + r.config().backbone() + " d=" + r.config().dim() + ", " + runTotal + " iterations");
            err.flush();
            long base = done;
            long allIters = all;
            s.addListener(new TrainingListener() {
                private long last;

                @Override
                public void onProgress(long iteration, long total, int epoch) {
                    long now = System.nanoTime();
                    if (now - last < 1_000_000_000L && iteration != total) {
                        return;
                    }
                    last = now;
                    double overall = 100.0 * (base + iteration) / Math.max(1, allIters);
                    err.printf(Locale.ROOT, "\r%s it %d/%d (%.0f%%)  overall %.1f%%  %.0f s elapsed   ", tag, iteration, total,
                            100.0 * iteration / Math.max(1, total), overall, (now - started) / 1e9);
                    err.flush();
                }

                @Override
                public void onNotice(String line) {
                    err.println();
                    err.println(tag + " " + line);
                    err.flush();
                }
            });
            s.start();
            stop.watch(s);
            RunSummary sum;
            try {
                sum = s.completion().get();
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
            if (org.marginlab.run.RunState.CANCELLED.name().equalsIgnoreCase(sum.state())) {
                // stopped (Ctrl-C): no results yet, only where it stopped; the caller says how to continue
                err.println();
                err.println(tag + " " + sum.message());
                err.flush();
                stopped = tag + " " + sum.message();
                break;
            }
            err.printf(Locale.ROOT, "%n%s %s: test error %s %%, WC-Intra %s, W-Inter %s rad, %.1f s%n", tag, sum.state(),
                    sum.testError() == null ? "—" : String.format(Locale.ROOT, "%.2f", 100 * sum.testError()),
                    ReportBuilder.rad(sum.wcIntra()), ReportBuilder.rad(sum.wInter()), sum.totalSeconds());
            if (!"finished".equals(sum.state())) {
                err.println(tag + " " + sum.message());
            }
            err.flush();
            done += runTotal;
        }
        return new Result(read(plan, out), trained, resumed, reused, stopped);
    }

    /**
     * Whether config.json on disk is the planned run's: equal once the session's own additions are made to the
     * plan (an automatic warm-up fixed to its number of iterations, the data set's record), so a full form's
     * run (warm-up "auto") or a CIFAR run (data recorded) is reused or resumed rather than refused.
     */
    static boolean sameRun(TrainConfig onDisk, TrainConfig planned, long totalIterations) {
        return onDisk.equals(planned.withWarmupFor(totalIterations).toBuilder().dataset(onDisk.dataset()).build());
    }

    /** Reads every planned run's directory back (absent ones as not finished). */
    public static List<RunOutcome> read(Plan plan, Path out) {
        List<RunOutcome> outcomes = new ArrayList<>();
        for (PlannedRun r : plan.runs()) {
            Path dir = runDirectory(out, r);
            if (Files.isRegularFile(dir.resolve(RunFiles.CONFIG))) {
                outcomes.add(RunOutcome.read(r, RunReader.read(dir)));
            } else {
                outcomes.add(new RunOutcome(r, null, List.of(), List.of(), Double.NaN, Double.NaN, null));
            }
        }
        return outcomes;
    }

    /**
     * Moves the files of a run killed before its first checkpoint (nothing to resume from) into a sibling folder
     * {@code NAME.unfinished-K}, so the plan can train the run afresh while nothing written is deleted. Refuses
     * while another process writes the run (a second reproduce into the same folder, say).
     */
    private static void setAsideUnfinished(Path dir, PrintWriter err) {
        List<String> present = new ArrayList<>();
        for (String f : List.of(RunFiles.CONFIG, RunFiles.METRICS, RunFiles.SNAPSHOTS, RunFiles.INDEX, RunFiles.CHANGES,
                RunFiles.SUMMARY)) {
            if (Files.exists(dir.resolve(f))) {
                present.add(f);
            }
        }
        if (present.isEmpty()) {
            return;
        }
        try (RunLock lock = RunLock.acquire(dir)) {
            Path aside = null;
            for (int k = 1; aside == null || Files.exists(aside); k++) {
                aside = dir.resolveSibling(dir.getFileName() + ".unfinished-" + k);
            }
            Files.createDirectories(aside);
            for (String f : present) {
                Files.move(dir.resolve(f), aside.resolve(f));
            }
            err.println(dir + ": killed before its first checkpoint, so it starts afresh; what it had written is kept in "
                    + aside);
        } catch (IOException e) {
            throw new UserException(dir + ": cannot set the unfinished run aside (" + IoErrors.describe(e)
                    + "); move its files elsewhere by hand, then run the command again");
        }
    }
}
