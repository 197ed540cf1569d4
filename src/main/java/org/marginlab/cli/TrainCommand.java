package org.marginlab.cli;

import org.marginlab.run.RunFiles;
import org.marginlab.UserException;
import org.marginlab.data.DataSet;
import org.marginlab.data.DataSets;
import org.marginlab.loss.HeadKind;
import org.marginlab.config.ConfigCheck;
import org.marginlab.config.ConfigJson;
import org.marginlab.train.MarginTrainableHead;
import org.marginlab.config.TrainConfig;
import org.marginlab.config.Backbone;
import org.marginlab.config.ConfigField;
import org.marginlab.run.RunState;
import org.marginlab.run.RunSummary;
import org.marginlab.run.RunWriter;
import org.marginlab.config.DeviceSpec;
import org.marginlab.config.Optimizer;
import org.marginlab.config.Schedule;
import org.marginlab.run.LiveChange;
import org.marginlab.train.TrainingData;
import org.marginlab.train.TrainingListener;
import org.marginlab.train.TrainingSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;

/**
 * {@code marginlab train}: one headless training run with a progress bar, written to a run directory,
 * ending with a one-line summary. Flags override {@code --config}, which overrides the head's defaults.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        modelTransformer = TrainCommand.CatalogueOptions.class,
        description = "Train a backbone + loss head on Fashion-MNIST or your own data (--data: CIFAR-10/100 binary, IDX, "
                + "a folder of images) and write the run directory "
                + "(config.json, metrics.csv, summary.json, snapshots.bin/.idx, checkpoint.bin).")
public final class TrainCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "start from this config.json (any run's config.json re-runs it, "
            + "with the settings changed while it trained, from changes.csv beside it)")
    Path config;
    @Option(names = "--resume", paramLabel = "RUN_DIR", description = "continue the run in RUN_DIR from its last checkpoint")
    Path resume;
    @Option(names = "--out", paramLabel = "DIR", description = "run directory (default runs/<time>-<head>)")
    Path out;
    @Mixin
    ThreadsOption threads;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        threads.apply();
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter outw = spec.commandLine().getOut();
        TrainingSession session;
        if (resume != null) {
            TrainConfig c = ConfigJson.read(resume.resolve("config.json"));
            String data = given(ConfigField.DATA) != null ? (String) given(ConfigField.DATA) : c.dataDir();
            TrainingData td = load(data, c, err);
            session = TrainingSession.resumeRun(resume, td, MarginTrainableHead.FACTORY);
            if (session.resumeNotice() != null) {
                err.println(session.resumeNotice());
            }
            err.println("resuming from iteration " + session.iteration() + " of " + session.totalIterations()
                    + " (checkpoint in " + resume + ")");
        } else {
            TrainConfig c = ConfigCheck.validate(buildConfig());
            TrainingData td = load(c.dataDir(), c, err);
            Path dir = out != null ? out : RunWriter.defaultDirectory(Path.of("runs"), c.head().id());
            // A run's settings changed while training are in changes.csv beside its config.json, not in it:
            // config.json is what the run started with, and changes.csv grows as the run trains.
            List<LiveChange> replay = config == null ? List.of()
                    : LiveChange.read(config.toAbsolutePath().resolveSibling(RunFiles.CHANGES));
            // ... and where it took Steps (F7) is in its metrics.csv: snapshots there, so its rows replay too.
            List<Long> snapshotsAt = config == null ? List.of()
                    : org.marginlab.run.RunScan.metrics(config.toAbsolutePath().resolveSibling(RunFiles.METRICS)).records()
                    .stream().filter(r -> !Double.isNaN(r.probeWcIntra()) || !Double.isNaN(r.loss()))
                    .map(org.marginlab.run.MetricsRow::iteration).toList();
            session = TrainingSession.create(c, td, MarginTrainableHead.FACTORY, dir, replay, snapshotsAt);
            if (!replay.isEmpty()) {
                err.println("replaying " + replay.size() + (replay.size() == 1 ? " change" : " changes")
                        + " made while training, from " + config.toAbsolutePath().resolveSibling(RunFiles.CHANGES));
            }
            if (session.replayedSteps() > 0) {
                err.println("replaying " + session.replayedSteps() + " snapshot" + (session.replayedSteps() == 1 ? "" : "s")
                        + " taken by Step (F7), from " + config.toAbsolutePath().resolveSibling(RunFiles.METRICS));
            }
        }
        ProgressBar bar = new ProgressBar(err);
        session.addListener(bar);
        err.println("training " + session.config().head().id() + " on " + session.config().backbone() + " (d="
                + session.config().dim() + ") for " + session.totalIterations() + " iterations → " + session.runDirectory());
        RunSummary sum;
        try (StopSignals signals = StopSignals.install(session::cancel, err)) {
            session.start();
            sum = session.completion().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        bar.finish();
        if (session.state() == RunState.FAILED) {
            throw new UserException(session.message());
        }
        outw.println(summaryLine(sum, session.runDirectory()));
        outw.flush();
        if (session.state() == RunState.CANCELLED) {
            Path dir = session.runDirectory();
            boolean resumable = java.nio.file.Files.exists(dir.resolve(RunFiles.CHECKPOINT))
                    || java.nio.file.Files.exists(dir.resolve(RunFiles.CHECKPOINT_PREVIOUS));
            err.println("marginlab: " + session.message() + (resumable ? "; continue it with: marginlab train --resume " + dir
                    : "; it stopped before its first checkpoint, so train it again: marginlab train --config "
                    + dir.resolve(RunFiles.CONFIG) + " --out NEW_FOLDER"));
            err.flush();
            return 130;
        }
        return 0;
    }

    /** Reads the data set the config names and, for one given with --data, says in one line what it found. */
    private static TrainingData load(String dir, TrainConfig c, PrintWriter err) {
        DataSet set = DataSets.load(dir == null ? null : Path.of(dir), c.dataOptions());
        if (dir != null) {
            err.println(set.summary());
            err.flush();
        }
        return TrainingData.from(set);
    }

    static String summaryLine(RunSummary s, Path dir) {
        return String.format(Locale.ROOT,
                "%s %s d=%d: test accuracy %s, WC-Intra %s, W-Inter %s, C-Inter %s rad; %d iterations in %.1f s (%.0f img/s) on %s → %s",
                s.head(), s.backbone(), s.dim(), s.testAccuracy() == null ? "n/a" : String.format(Locale.ROOT, "%.4f", s.testAccuracy()),
                rad(s.wcIntra()), rad(s.wInter()), rad(s.cInter()), s.iterations(), s.totalSeconds(), s.imagesPerSecond(),
                s.device(), dir);
    }

    private static String rad(Double v) {
        return v == null ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }

    TrainConfig buildConfig() {
        String headText = (String) given(ConfigField.HEAD);
        HeadKind kind = headText == null ? null : (HeadKind) ConfigField.HEAD.parse(headText, TrainConfig.DEFAULT_HEAD);
        TrainConfig base;
        if (config != null) {
            // A different head keeps the file's other fields but takes its own head defaults.
            base = ConfigJson.read(config);
            base = kind == null ? base : base.withHead(kind);
        } else {
            base = TrainConfig.defaults(kind != null ? kind : TrainConfig.DEFAULT_HEAD);
        }
        TrainConfig.Builder b = base.toBuilder();
        for (ConfigField f : ConfigField.values()) {
            Object v = f.kind() == ConfigField.Kind.RECORD ? null : given(f);
            if (v != null && f != ConfigField.HEAD) {
                b.set(f, v instanceof String text ? f.parse(text, base.head()) : v);
            }
        }
        return b.build();
    }

    /** The value of a catalogue flag given on the command line (text for those the catalogue parses), or null. */
    private Object given(ConfigField f) {
        return spec.findOption(f.flag()).getValue();
    }

    /**
     * Adds one option per {@link ConfigField}: its flag, its help with range and default. Numbers and
     * flags are typed so that picocli reports "--dim two" as a parse error; ids, folders and the warm-up
     * ("auto") are text the catalogue parses.
     */
    static final class CatalogueOptions implements CommandLine.IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            for (ConfigField f : ConfigField.values()) {
                if (f.kind() == ConfigField.Kind.RECORD) {
                    continue; // written by the run, not set
                }
                boolean text = f.kind() == ConfigField.Kind.PATH || f.kind() == ConfigField.Kind.CHOICE
                        || f.kind() == ConfigField.Kind.CLASSES || f == ConfigField.MARGIN_WARMUP;
                OptionSpec.Builder o = OptionSpec.builder(f.flag())
                        .type(text ? String.class : f.valueType())
                        .paramLabel(f == ConfigField.DATA ? "DIR" : "<" + f.key() + ">")
                        .description(f.cliHelp().replace("%", "%%"));
                if (f.kind() == ConfigField.Kind.FLAG) {
                    o.arity("0..1").fallbackValue("true");
                }
                if (f == ConfigField.AUGMENT) {
                    o.arity("0..1").fallbackValue("crop-flip"); // a bare --augment, as when it was a flag
                }
                spec.addOption(o.build());
            }
            return spec;
        }
    }

    /** A one-line bar on stderr, redrawn at most five times a second. */
    static final class ProgressBar implements TrainingListener {
        private final PrintWriter err;
        private long lastDraw;
        private volatile String tail = "";
        private boolean drawn;
        private long total = 1;
        /** Where the time-left estimate starts: the first iteration reported and when (the set-up before it does not count). */
        private long startIteration = -1;
        private long startNanos;

        ProgressBar(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void onIteration(org.marginlab.run.IterationSnapshot s) {
            if (!Double.isFinite(s.loss())) {
                return; // the untrained iteration-0 snapshot
            }
            tail = String.format(Locale.ROOT, " loss %.3f acc %.3f %.0f img/s", s.loss(), s.trainAccuracy(), s.imagesPerSecond());
        }

        @Override
        public void onEpoch(org.marginlab.run.EpochSnapshot e) {
            draw(e.iteration(), -1, e.epoch());
            err.printf(Locale.ROOT, "%nepoch %d: test accuracy %.4f, WC-Intra %.3f, W-Inter %.3f, C-Inter %.3f rad%n",
                    e.epoch() + 1, e.testAccuracy(), e.wcIntra(), e.wInter(), e.cInter());
            err.flush();
            drawn = false;
        }

        @Override
        public void onProgress(long iteration, long total, int epoch) {
            long now = System.nanoTime();
            if (startIteration < 0) {
                startIteration = iteration;
                startNanos = now;
            }
            if (now - lastDraw > 200_000_000L || iteration == total) {
                lastDraw = now;
                draw(iteration, total, epoch);
            }
        }

        private void draw(long iteration, long totalOrMinus, int epoch) {
            if (totalOrMinus > 0) {
                total = totalOrMinus;
            }
            int width = 30;
            int filled = (int) (width * iteration / Math.max(1, total));
            String bar = "#".repeat(Math.min(width, filled)) + "-".repeat(Math.max(0, width - filled));
            String left = timeLeft(iteration, total, startIteration, System.nanoTime() - startNanos);
            err.printf(Locale.ROOT, "\r[%s] %3d%% it %d/%d epoch %d%s%s", bar, 100 * iteration / Math.max(1, total),
                    iteration, total, epoch + 1, left.isEmpty() ? "" : " (" + left + ")", tail);
            err.flush();
            drawn = true;
        }

        /**
         * "m:ss left" at the rate since {@code fromIteration} ({@code elapsedNanos} ago), or "" before the rate
         * is known (no iteration done yet) and at the end.
         */
        static String timeLeft(long iteration, long total, long fromIteration, long elapsedNanos) {
            long done = iteration - fromIteration;
            if (fromIteration < 0 || done <= 0 || iteration >= total || elapsedNanos <= 0) {
                return "";
            }
            long seconds = Math.round(elapsedNanos / 1e9 * (total - iteration) / done);
            return seconds >= 3600
                    ? String.format(Locale.ROOT, "%d:%02d:%02d left", seconds / 3600, seconds / 60 % 60, seconds % 60)
                    : String.format(Locale.ROOT, "%d:%02d left", seconds / 60, seconds % 60);
        }

        @Override
        public void onNotice(String line) {
            err.println((drawn ? "\n" : "") + "marginlab: " + line);
            err.flush();
            drawn = false;
        }

        void finish() {
            if (drawn) {
                err.println();
                err.flush();
            }
        }
    }
}
