package org.marginlab.cli;

import org.marginlab.UserException;
import org.marginlab.data.FashionMnist;
import org.marginlab.loss.HeadKind;
import org.marginlab.loss.HeadParams;
import org.marginlab.run.RunState;
import org.marginlab.run.RunSummary;
import org.marginlab.run.RunWriter;
import org.marginlab.config.ConfigCheck;
import org.marginlab.config.ConfigJson;
import org.marginlab.train.MarginTrainableHead;
import org.marginlab.config.TrainConfig;
import org.marginlab.config.Backbone;
import org.marginlab.config.ConfigField;
import org.marginlab.config.DeviceSpec;
import org.marginlab.config.Optimizer;
import org.marginlab.config.Schedule;
import org.marginlab.train.TrainingData;
import org.marginlab.train.TrainingListener;
import org.marginlab.train.TrainingSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
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
        description = "Train a backbone + loss head on Fashion-MNIST and write the run directory "
                + "(config.json, metrics.csv, summary.json, snapshots.bin/.idx, checkpoint.bin).")
public final class TrainCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "start from this config.json (any run's config.json re-runs it)")
    Path config;
    @Option(names = "--resume", paramLabel = "RUN_DIR", description = "continue the run in RUN_DIR from its last checkpoint")
    Path resume;
    @Option(names = "--data", paramLabel = "DIR", description = "Fashion-MNIST folder (default: search the usual places)")
    Path data;
    @Option(names = "--backbone", description = "compact (default), lenetpp or resnet20")
    String backbone;
    @Option(names = "--dim", description = "embedding dimension d, 2–512 (default 3)")
    Integer dim;
    @Option(names = "--head", description = "softmax, normface, sphereface, lsoftmax, cosface, arcface, arc, center (default softmax)")
    String head;
    @Option(names = "--s", description = "scale s (normface, cosface, arcface, arc)")
    Double s;
    @Option(names = "--m", description = "margin m (cosface: cosine, arcface: radians, sphereface/lsoftmax: integer)")
    Double m;
    @Option(names = "--lambda", description = "ψ's λ at the start of annealing (sphereface, lsoftmax) or the center-loss weight")
    Double lambda;
    @Option(names = "--easy-margin", arity = "0..1", description = "ArcFace's easy margin (--easy-margin=false to turn off)")
    Boolean easyMargin;
    @Option(names = "--lambda-min", description = "λ annealing floor (default 5)")
    Double lambdaMin;
    @Option(names = "--lambda-gamma", description = "λ annealing γ (default 0.12)")
    Double lambdaGamma;
    @Option(names = "--lambda-power", description = "λ annealing power (default 1)")
    Double lambdaPower;
    @Option(names = "--margin-warmup", description = "iterations over which cosface/arcface margins grow from 0 to m and the s of normface, cosface, arcface and arc from 1 to s (0 = off, -1 = a third of the run's iterations, at most 500; default -1)")
    Integer marginWarmup;
    @Option(names = "--center-alpha", description = "center-loss centre update rate α, (0, 1]")
    Double centerAlpha;
    @Option(names = "--epochs", description = "epochs (default 1)")
    Integer epochs;
    @Option(names = "--iterations", description = "stop after this many iterations if smaller than the epochs give (0 = off)")
    Long iterations;
    @Option(names = "--batch", description = "mini-batch size (default 128)")
    Integer batch;
    @Option(names = "--lr", description = "learning rate (peak for onecycle)")
    Double lr;
    @Option(names = "--optimizer", description = "adam (default) or sgd")
    String optimizer;
    @Option(names = "--momentum", description = "SGD momentum (default 0.9)")
    Double momentum;
    @Option(names = "--schedule", description = "constant, step or onecycle")
    String schedule;
    @Option(names = "--weight-decay", description = "L2 weight decay (default 5e-4)")
    Double weightDecay;
    @Option(names = "--augment", arity = "0..1", description = "random crop (padding 2) and horizontal flip (--augment=false to turn off)")
    Boolean augment;
    @Option(names = "--seed", description = "seed for initialisation, order and augmentation")
    Long seed;
    @Option(names = "--device", description = "auto, cpu, gpu or gpu:<i> (default auto)")
    String device;
    @Option(names = "--probe-per-class", description = "test images per class in the snapshots, 1–1000 (default 100)")
    Integer probePerClass;
    @Option(names = "--snapshot-every", description = "iterations between snapshots (default 50)")
    Integer snapshotEvery;
    @Option(names = "--holdout-classes", split = ",", paramLabel = "IDS", description = "class ids 0–9 left out of training, e.g. 8,9, for `marginlab evaluate` (default none)")
    List<Integer> holdoutClasses;
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
            TrainingData td = TrainingData.from(FashionMnist.load(data != null ? data : c.dataDir() == null ? null : Path.of(c.dataDir())));
            session = TrainingSession.resumeRun(resume, td, MarginTrainableHead.FACTORY);
            if (session.resumeNotice() != null) {
                err.println(session.resumeNotice());
            }
        } else {
            TrainConfig c = ConfigCheck.validate(buildConfig());
            TrainingData td = TrainingData.from(FashionMnist.load(c.dataDir() == null ? null : Path.of(c.dataDir())));
            Path dir = out != null ? out : RunWriter.defaultDirectory(Path.of("runs"), c.head().id());
            session = TrainingSession.create(c, td, MarginTrainableHead.FACTORY, dir);
        }
        ProgressBar bar = new ProgressBar(err);
        session.addListener(bar);
        err.println("training " + session.config().head().id() + " on " + session.config().backbone() + " (d="
                + session.config().dim() + ") for " + session.totalIterations() + " iterations → " + session.runDirectory());
        session.start();
        RunSummary sum;
        try {
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
        return session.state() == RunState.FINISHED ? 0 : 1;
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
        HeadKind kind = head == null ? null : (HeadKind) ConfigField.HEAD.parse(head, HeadKind.SOFTMAX);
        TrainConfig base;
        if (config != null) {
            // A different head keeps the file's other fields but takes its own head defaults.
            base = ConfigJson.read(config);
            base = kind == null ? base : base.withHead(kind);
        } else {
            base = TrainConfig.defaults(kind != null ? kind : HeadKind.SOFTMAX);
        }
        HeadKind h = base.head();
        TrainConfig.Builder b = base.toBuilder();
        HeadParams hp = base.headParams();
        b.headParams(new HeadParams(or(s, hp.s()), or(m, hp.m()), or(lambda, hp.lambda()),
                easyMargin != null ? easyMargin : hp.easyMargin()));
        if (data != null) {
            b.dataDir(data.toString());
        }
        if (backbone != null) {
            b.backbone((Backbone) ConfigField.BACKBONE.parse(backbone, h));
        }
        if (dim != null) {
            b.dim(dim);
        }
        b.lambdaMin(or(lambdaMin, base.lambdaMin())).lambdaGamma(or(lambdaGamma, base.lambdaGamma()))
                .lambdaPower(or(lambdaPower, base.lambdaPower())).centerAlpha(or(centerAlpha, base.centerAlpha()))
                .learningRate(or(lr, base.learningRate())).weightDecay(or(weightDecay, base.weightDecay()))
                .momentum(or(momentum, base.momentum()));
        if (marginWarmup != null) {
            b.marginWarmup(marginWarmup);
        }
        if (optimizer != null) {
            b.optimizer((Optimizer) ConfigField.OPTIMIZER.parse(optimizer, h));
        }
        if (schedule != null) {
            b.schedule((Schedule) ConfigField.SCHEDULE.parse(schedule, h));
        }
        if (batch != null) {
            b.batchSize(batch);
        }
        if (epochs != null) {
            b.epochs(epochs);
        }
        if (iterations != null) {
            b.iterations(iterations);
        }
        if (seed != null) {
            b.seed(seed);
        }
        if (device != null) {
            b.device((DeviceSpec) ConfigField.DEVICE.parse(device, h));
        }
        if (augment != null) {
            b.augment(augment);
        }
        if (probePerClass != null) {
            b.probePerClass(probePerClass);
        }
        if (snapshotEvery != null) {
            b.snapshotEvery(snapshotEvery);
        }
        if (holdoutClasses != null) {
            b.holdoutClasses(holdoutClasses);
        }
        return b.build();
    }

    private static double or(Double v, double d) {
        return v != null ? v : d;
    }

    /** A one-line bar on stderr, redrawn at most five times a second. */
    static final class ProgressBar implements TrainingListener {
        private final PrintWriter err;
        private long lastDraw;
        private volatile String tail = "";
        private boolean drawn;
        private long total = 1;

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
            err.printf(Locale.ROOT, "\r[%s] %3d%% it %d/%d epoch %d%s", bar, 100 * iteration / Math.max(1, total),
                    iteration, total, epoch + 1, tail);
            err.flush();
            drawn = true;
        }

        void finish() {
            if (drawn) {
                err.println();
                err.flush();
            }
        }
    }
}
