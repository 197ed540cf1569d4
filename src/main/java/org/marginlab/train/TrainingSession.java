package org.marginlab.train;

import org.marginlab.config.LiveField;
import org.marginlab.run.LiveChange;
import org.marginlab.config.ConfigCheck;
import org.marginlab.config.ConfigJson;
import org.marginlab.config.ConfigException;
import org.marginlab.config.ConfigField;
import org.marginlab.config.TrainConfig;
import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.marginlab.UserException;
import org.marginlab.loss.HeadFunctions;
import org.marginlab.loss.HeadParams;
import org.marginlab.metrics.AngleStatistics;
import org.marginlab.model.backbones.Backbones;
import org.marginlab.run.Checkpoint;
import org.marginlab.run.EpochSnapshot;
import org.marginlab.run.IterationSnapshot;
import org.marginlab.run.MetricsRow;
import org.marginlab.run.RunFiles;
import org.marginlab.run.RunState;
import org.marginlab.run.RunSummary;
import org.marginlab.run.RunWriter;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One training run. Control methods ({@link #start}, {@link #pause}, {@link #resume}, {@link #step},
 * {@link #cancel}) are safe from any thread and only record a request; the shared training thread
 * applies it before its next iteration, so each takes effect within one iteration. Sessions in one
 * process take turns, one iteration each. Listeners are called on the training thread.
 */
public final class TrainingSession {

    /**
     * θ_y histogram bins over [0, π], 0.1° (0.0017 rad) each: fine enough for the papers' WC-Intra of
     * 0.002–0.03 rad; the histogram figure merges them over the range the data occupies.
     */
    public static final int HISTOGRAM_BINS = 1800;
    /** Probe samples per class in the cosine similarity matrix (Eq. 15 of the angular-loss paper). */
    public static final int SIMILARITY_PER_CLASS = 10;
    private static final int EVAL_CHUNK = 500;

    private final TrainConfig config;
    private final TrainingData data;
    private final HeadFactory heads;
    private final RunWriter writer;
    private final Checkpoint resumeFrom;
    private final List<TrainingListener> listeners = new CopyOnWriteArrayList<>();
    private final CompletableFuture<RunSummary> completion = new CompletableFuture<>();
    private final long itersPerEpoch;
    private final long totalIterations;
    private final LiveChanges changes;
    /** The config in force: {@link #config} with the live changes applied so far. */
    private volatile TrainConfig live;

    private final RunControl control = new RunControl(TrainingThread::submit, this::tick);
    private volatile String message = "";
    private volatile long iteration;

    // Training-thread state.
    private Device device;
    private NDManager manager;
    private Block backbone;
    private TrainableHead head;
    private ParameterStore store;
    private ParameterOptimizer optimizer;
    private LrSchedule schedule;
    private DeviceBatches batches;
    private StepStats stats;
    /** The iteration the step statistics were last reset at. */
    private long statsFrom;
    private int[] probe;
    private int[] probeLabels;
    private int[] probeIds; // the probes' indices in the original test set, held-out classes included
    private long seen;
    private long windowNanos;
    private long windowImages;
    private long totalImages;
    private long totalTrainNanos;
    private double elapsedBefore;
    private long startedNanos;
    private double lastLr;
    private EpochSnapshot lastEpoch;
    private int epochsCompleted;
    private long lastCheckpoint = -1;
    private String resumeNotice;

    private TrainingSession(TrainConfig config, TrainingData data, HeadFactory heads, RunWriter writer,
                            Checkpoint resumeFrom, List<LiveChange> applied, List<LiveChange> replay) {
        this.data = data;
        this.heads = heads;
        this.writer = writer;
        this.resumeFrom = resumeFrom;
        this.itersPerEpoch = iterationsPerEpoch(config, data);
        this.totalIterations = totalIterations(config, itersPerEpoch);
        this.config = config.withWarmupFor(totalIterations);
        this.live = LiveChange.fold(this.config, applied);
        this.changes = new LiveChanges(replay);
    }

    private static long iterationsPerEpoch(TrainConfig config, TrainingData data) {
        long n = data.train().count() / config.batchSize();
        if (n == 0) {
            throw new ConfigException(ConfigField.BATCH, "must be at most the training set's "
                    + data.train().count() + " images", Integer.toString(config.batchSize()));
        }
        return n;
    }

    private static long totalIterations(TrainConfig config, long itersPerEpoch) {
        long total = itersPerEpoch * config.epochs();
        return config.iterations() > 0 ? Math.min(total, config.iterations()) : total;
    }

    /**
     * A new run; writes its files to {@code runDir} when not null. An automatic warm-up is fixed to its
     * number of iterations first, so config.json re-runs the run exactly.
     */
    public static TrainingSession create(TrainConfig config, TrainingData allClasses, HeadFactory heads, Path runDir) {
        return create(config, allClasses, heads, runDir, List.of());
    }

    /**
     * A new run that also applies {@code replay} (an earlier run's {@code changes.csv}) at their
     * iterations: with that run's config it trains the same run again.
     */
    public static TrainingSession create(TrainConfig config, TrainingData allClasses, HeadFactory heads, Path runDir,
                                         List<LiveChange> replay) {
        ConfigCheck.validate(config);
        TrainingData data = allClasses.holdingOut(config.holdoutClasses());
        TrainConfig fixed = config.withWarmupFor(totalIterations(config, iterationsPerEpoch(config, data)));
        LiveChange.fold(fixed, replay); // a change this config cannot take fails here, not mid-run
        RunWriter writer = runDir == null ? null : RunWriter.create(runDir, fixed);
        return new TrainingSession(fixed, data, heads, writer, null, List.of(), replay);
    }

    /**
     * Continues a run from its last checkpoint. Snapshots and metric rows after the checkpoint are
     * dropped and recomputed; with the same data the continuation is identical to an uninterrupted run.
     */
    public static TrainingSession resumeRun(Path runDir, TrainingData data, HeadFactory heads) {
        TrainConfig config = ConfigCheck.validate(ConfigJson.read(runDir.resolve(RunFiles.CONFIG)));
        TrainingData trained = data.holdingOut(config.holdoutClasses());
        Checkpoint.Found found = Checkpoint.latest(runDir);
        Checkpoint ckpt = found.checkpoint();
        List<LiveChange> recorded = LiveChange.read(runDir.resolve(RunFiles.CHANGES));
        RunWriter writer = RunWriter.resume(runDir, ckpt.iteration());
        // Changes before the checkpoint are in its state; the later ones act again at their iterations.
        TrainingSession s = new TrainingSession(config, trained, heads, writer, ckpt,
                recorded.stream().filter(c -> c.iteration() < ckpt.iteration()).toList(),
                recorded.stream().filter(c -> c.iteration() >= ckpt.iteration()).toList());
        s.iteration = ckpt.iteration();
        s.resumeNotice = found.notice();
        return s;
    }

    /** After {@link #resumeRun}: one line when it fell back to the previous checkpoint, else null. */
    public String resumeNotice() {
        return resumeNotice;
    }

    /** The config the run started with, as in its config.json. */
    public TrainConfig config() {
        return config;
    }

    /** The config in force now: {@link #config()} with the live changes applied so far. */
    public TrainConfig liveConfig() {
        return live;
    }

    /**
     * Sets a live setting from the next iteration on; safe from any thread, also while paused. The value
     * is checked against the ranges of the settings now: a bad one is a UserException naming the flag.
     */
    public void change(LiveField field, double value) {
        if (!field.appliesTo(config.head())) {
            throw new org.marginlab.UserException(config.head().id() + " does not read " + field.id());
        }
        field.with(live, value);
        changes.request(field, value);
    }

    public Path runDirectory() {
        return writer == null ? null : writer.directory();
    }

    public RunState state() {
        return control.state();
    }

    /** The last state message (why it stopped, for instance). */
    public String message() {
        return message;
    }

    /** Optimizer steps taken so far. */
    public long iteration() {
        return iteration;
    }

    public long totalIterations() {
        return totalIterations;
    }

    public long iterationsPerEpoch() {
        return itersPerEpoch;
    }

    /**
     * NDArrays alive in this session's native memory (parameters, optimizer state, anything leaked).
     * Call on the training thread, e.g. from a listener; for diagnostics and leak tests.
     */
    public int liveArrayCount() {
        return manager == null ? 0 : manager.getManagedArrays().size();
    }

    /**
     * Waits until the device has run every queued step (one host read of the step statistics). Call on the
     * training thread, e.g. from a listener; for timing, since steps otherwise run ahead of the host on a GPU.
     */
    public void awaitDevice() {
        if (stats != null) {
            stats.read();
        }
    }

    /** Completes with the summary when the run finishes, is cancelled or fails. */
    public CompletableFuture<RunSummary> completion() {
        return completion;
    }

    public void addListener(TrainingListener l) {
        listeners.add(l);
    }

    public void removeListener(TrainingListener l) {
        listeners.remove(l);
    }

    public void start() {
        control.start();
    }

    public void pause() {
        control.pause();
    }

    public void resume() {
        control.start();
    }

    /** Runs exactly one iteration and stays paused (pauses first when running). */
    public void step() {
        control.step();
    }

    public void cancel() {
        control.cancel();
    }

    /** One turn on the training thread: what {@link RunControl} says, then at most one iteration. */
    private void tick() {
        RunControl.Turn turn = control.take();
        if (turn == null) {
            return;
        }
        RunState announce = turn.announce();
        try {
            if (turn.cancel()) {
                finish(RunState.CANCELLED, "stopped at iteration " + iteration + " of " + totalIterations);
                return;
            }
            if (announce != null) {
                message = announce == RunState.RUNNING ? "running" : "paused at iteration " + iteration;
                fireState(announce, message);
            }
            if (turn.work()) {
                setUp();
                if (iteration < totalIterations) {
                    iterate(turn.stepping());
                }
                if (iteration >= totalIterations) {
                    finish(RunState.FINISHED, String.format(Locale.ROOT, "finished %d iterations", iteration));
                    return;
                }
            }
        } catch (NonFiniteLoss e) {
            finish(RunState.FAILED, e.getMessage());
            return;
        } catch (UserException e) {
            finish(RunState.FAILED, e.getMessage());
            return;
        } catch (Throwable t) {
            finish(RunState.FAILED, "training failed at iteration " + iteration + ": " + t);
            return;
        }
        control.turnDone();
    }

    /**
     * Runs the compact backbone (every demo's) once forward over a probe-sized batch and once backward, on
     * the device runs would take, so that PyTorch's first-call set-up of its kernels is paid before Start:
     * without it the window's first picture (the iteration-0 snapshot's forward over the probes) took
     * 0.7–3.6 s after Start at load 5–6. Changes no run: each seeds the engine in its own set-up.
     */
    static void warmKernels() {
        int side = 28; // Fashion-MNIST's images
        try (NDManager m = NDManager.newBaseManager(DeviceChoice.resolve(org.marginlab.config.DeviceSpec.DEFAULT))) {
            Block b = Backbones.build(org.marginlab.config.Backbone.COMPACT, 3);
            b.initialize(m, DataType.FLOAT32, new Shape(1, 1, side, side));
            ParameterStore ps = new ParameterStore(m, false);
            b.forward(ps, new NDList(m.zeros(new Shape(EVAL_CHUNK, 1, side, side))), false);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(b.forward(ps, new NDList(m.zeros(new Shape(8, 1, side, side))), true).singletonOrThrow().sum());
            }
        } catch (RuntimeException e) {
            // only a head start: the run that follows reports an engine that does not work in its own words
        }
    }

    private void setUp() throws IOException {
        if (manager != null) {
            return;
        }
        startedNanos = System.nanoTime();
        device = DeviceChoice.resolve(config.device());
        long seed = config.seed();
        Engine.getInstance().setRandomSeed((int) (seed ^ (seed >>> 32)));
        manager = NDManager.newBaseManager(device);
        int rows = data.train().rows();
        int cols = data.train().cols();
        backbone = Backbones.build(config.backbone(), config.dim());
        backbone.initialize(manager, DataType.FLOAT32, new Shape(1, 1, rows, cols));
        head = heads.create(live, data.classes());
        head.block().initialize(manager, DataType.FLOAT32, new Shape(1, config.dim()));
        store = new ParameterStore(manager, false);
        if (resumeFrom != null) {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(resumeFrom.parameters()));
            try {
                backbone.loadParameters(manager, in);
                head.block().loadParameters(manager, in);
            } catch (ai.djl.MalformedModelException e) {
                throw new UserException("checkpoint.bin does not match backbone " + config.backbone()
                        + " / head " + config.head().id() + " (" + e.getMessage() + ")");
            }
            for (Block b : new Block[] {backbone, head.block()}) {
                for (var p : b.getParameters()) {
                    if (p.getValue().requiresGradient()) {
                        p.getValue().getArray().setRequiresGradient(true);
                    }
                }
            }
            elapsedBefore = resumeFrom.elapsedSeconds();
            lastCheckpoint = resumeFrom.iteration();
        }
        List<Parameter> trainable = new ArrayList<>(ParameterOptimizer.trainable(backbone));
        trainable.addAll(ParameterOptimizer.trainable(head.block()));
        optimizer = new ParameterOptimizer(config.optimizer(), config.weightDecay(), config.momentum(), trainable);
        if (resumeFrom != null) {
            optimizer.decodeState(manager, resumeFrom.optimizer());
        }
        schedule = new LrSchedule(live.schedule(), live.learningRate(), totalIterations);
        probe = data.probeIndices(config.probePerClass());
        probeLabels = new int[probe.length];
        probeIds = new int[probe.length];
        for (int i = 0; i < probe.length; i++) {
            probeLabels[i] = data.test().label(probe[i]);
            probeIds[i] = data.testIds()[probe[i]];
        }
        epochsCompleted = (int) (iteration / itersPerEpoch);
        lastLr = schedule.rate(iteration);
        stats = new StepStats(manager);
        statsFrom = iteration;
        if (resumeFrom == null) {
            // The untrained model, so every figure's timeline starts where training starts; before the
            // training set's upload, so the window's first picture does not wait for it.
            record(iterationSnapshot(0, new StepStats.Totals(0, 0, 0)), null, 0);
        }
        batches = new DeviceBatches(data.train(), manager, seed, config.batchSize(), config.augment());
    }

    /**
     * One step, with no host read and no upload: the batch is gathered and the statistics summed on the
     * device. A snapshot follows where {@link TrainConfig#snapshotDue} says, and every single Step.
     */
    private void iterate(boolean stepping) throws IOException {
        long it = iteration;
        applyChanges(it);
        int epoch = (int) (it / itersPerEpoch);
        int pos = (int) (it % itersPerEpoch);
        int b = config.batchSize();
        double lr = schedule.rate(it);
        lastLr = lr;
        long t0 = System.nanoTime();
        try (NDScope scope = new NDScope()) {
            head.setIteration(it);
            NDList batch = batches.batch(epoch, pos, itersPerEpoch);
            NDArray x = batch.get(0);
            NDArray y = batch.get(1);
            NDArray emb;
            NDArray loss;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                emb = backbone.forward(store, new NDList(x), true).singletonOrThrow();
                loss = head.loss(store, emb, y, true);
                gc.backward(loss);
            }
            optimizer.step(lr);
            NDArray detached = emb.stopGradient();
            head.afterStep(detached, y);
            NDArray pred = head.predictLogits(store, detached).argMax(1).toType(DataType.INT32, false);
            stats.add(loss, pred.eq(y));
            scope.suppressNotUsedWarning();
        }
        long dt = System.nanoTime() - t0;
        iteration = it + 1;
        seen += b;
        windowNanos += dt;
        windowImages += b;
        totalTrainNanos += dt;
        totalImages += b;
        for (TrainingListener l : listeners) {
            l.onProgress(iteration, totalIterations, epoch);
        }
        boolean snap = stepping || config.snapshotDue(iteration) || iteration == totalIterations;
        boolean epochEnd = iteration % itersPerEpoch == 0 || iteration == totalIterations;
        if (snap || epochEnd) {
            StepStats.Totals t = stats.read();
            if (t.finiteSteps() < iteration - statsFrom) {
                long bad = statsFrom + t.finiteSteps() + 1;
                head.setIteration(bad - 1); // the message names the head's parameters at the bad step
                throw new NonFiniteLoss(nonFiniteMessage(bad));
            }
            record(snap ? iterationSnapshot(epoch, t) : null, epochEnd ? epochSnapshot(epoch) : null, epoch);
        }
    }

    /** The live changes due at this iteration: head schedules and learning rate, recorded in the run. */
    private void applyChanges(long it) throws IOException {
        for (LiveChange c : changes.due(it, live)) {
            live = c.field().with(live, c.to());
            if (c.field() == LiveField.LR) {
                schedule = new LrSchedule(live.schedule(), live.learningRate(), totalIterations);
            } else {
                head.retune(live);
            }
            if (writer != null) {
                writer.change(c);
            }
            for (TrainingListener l : listeners) {
                l.onChange(c);
            }
        }
    }

    /**
     * Losses are checked when they are read, at snapshots and epoch ends, so the run stops up to one such
     * interval after the bad step, whose updates it has applied; the checkpoint named is from before it.
     */
    private String nonFiniteMessage(long badIteration) {
        var p = head.functions().params();
        StringBuilder params = new StringBuilder();
        for (String name : HeadParams.usedBy(config.head())) {
            String v = switch (name) {
                case "s" -> fmt(p.s());
                case "m" -> fmt(p.m());
                case "lambda" -> fmt(p.lambda());
                default -> String.valueOf(p.easyMargin());
            };
            params.append(name).append('=').append(v).append(", ");
        }
        return String.format(Locale.ROOT,
                "loss became NaN or infinite at iteration %d with head %s (%slr=%s, batch %d, optimizer %s); "
                        + "lower the learning rate or s, or use a margin warm-up; noticed at iteration %d (losses are read "
                        + "at snapshots and epoch ends); last good checkpoint: %s",
                badIteration, config.head().id(), params,
                fmt(live.learningRate()), config.batchSize(), config.optimizer(), iteration,
                writer == null ? "none (no run directory)"
                        : lastCheckpoint < 0 ? "none yet" : "iteration " + lastCheckpoint + " in " + writer.directory());
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    private void record(IterationSnapshot is, EpochSnapshot es, int epoch) throws IOException {
        double loss = is != null ? is.loss() : Double.NaN;
        double acc = is != null ? is.trainAccuracy() : Double.NaN;
        double ips = is != null ? is.imagesPerSecond() : Double.NaN;
        AngleStatistics.Summary probe = is != null ? AngleStatistics.of(is.embeddings(), is.probeLabels(), is.weights())
                : new AngleStatistics.Summary(Double.NaN, Double.NaN, Double.NaN);
        head.setIteration(iteration);
        HeadParams live = head.params();
        MetricsRow row = new MetricsRow(iteration, epoch, loss, acc,
                es != null ? es.testAccuracy() : Double.NaN, lastLr,
                es != null ? es.wcIntra() : Double.NaN, es != null ? es.wInter() : Double.NaN,
                es != null ? es.cInter() : Double.NaN, ips, probe.wcIntra(), probe.wInter(), probe.cInter(),
                live.s(), live.m(), live.lambda());
        if (writer != null) {
            if (is != null) {
                writer.snapshot(is);
            }
            if (es != null) {
                writer.snapshot(es);
            }
            writer.metrics(row);
            saveCheckpoint();
        }
        // after the checkpoint: a listener that evaluates the model at this epoch (the Open set tab) finds it on disk
        for (TrainingListener l : listeners) {
            if (is != null) {
                l.onIteration(is);
            }
            if (es != null) {
                l.onEpoch(es);
            }
        }
    }

    private void saveCheckpoint() throws IOException {
        try (NDScope scope = new NDScope()) {
            for (Block b : new Block[] {backbone, head.block()}) {
                for (var p : b.getParameters()) {
                    if (!Float.isFinite(p.getValue().getArray().sum().getFloat())) {
                        return; // keep the last good checkpoint
                    }
                }
            }
            scope.suppressNotUsedWarning();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        backbone.saveParameters(out);
        head.block().saveParameters(out);
        out.flush();
        writer.checkpoint(new Checkpoint(iteration, elapsedSeconds(), bytes.toByteArray(), optimizer.encodeState(manager)));
        lastCheckpoint = iteration;
    }

    private double elapsedSeconds() {
        return elapsedBefore + (System.nanoTime() - startedNanos) / 1e9;
    }

    /** Embeddings (flat N×d), P_y under the training logits, and predictions of the given test images. */
    private record Embedded(float[] features, float[] py, int[] predictions) {
    }

    private Embedded embed(int[] indices, int[] labels, boolean wantPy) {
        int d = config.dim();
        float[] feats = new float[indices.length * d];
        float[] py = wantPy ? new float[indices.length] : null;
        int[] pred = new int[indices.length];
        for (int from = 0; from < indices.length; from += EVAL_CHUNK) {
            int n = Math.min(EVAL_CHUNK, indices.length - from);
            try (NDScope scope = new NDScope()) {
                NDArray x = data.test().images(manager, indices, from, n);
                NDArray e = backbone.forward(store, new NDList(x), false).singletonOrThrow();
                System.arraycopy(e.toFloatArray(), 0, feats, from * d, n * d);
                int[] p = head.predictLogits(store, e).argMax(1).toType(DataType.INT32, false).toIntArray();
                System.arraycopy(p, 0, pred, from, n);
                if (wantPy) {
                    int[] lab = new int[n];
                    System.arraycopy(labels, from, lab, 0, n);
                    NDArray y = manager.create(lab);
                    NDArray prob = head.logits(store, e, y, false).softmax(1);
                    float[] picked = prob.mul(y.oneHot((int) prob.getShape().get(1))).sum(new int[] {1}).toFloatArray();
                    System.arraycopy(picked, 0, py, from, n);
                }
                scope.suppressNotUsedWarning();
            }
        }
        return new Embedded(feats, py, pred);
    }

    /** The probes under the model and head parameters in force at the current iteration. */
    private IterationSnapshot iterationSnapshot(int epoch, StepStats.Totals t) {
        int d = config.dim();
        head.setIteration(iteration);
        Embedded e = embed(probe, probeLabels, true);
        float[][] w = head.weights();
        float[] theta = AngleStatistics.thetaY(e.features(), d, probeLabels, w);
        HeadFunctions f = head.functions();
        float[] grad = new float[probe.length];
        float[][] rows = new float[probe.length][d];
        for (int i = 0; i < probe.length; i++) {
            System.arraycopy(e.features(), i * d, rows[i], 0, d);
            double xNorm = AngleStatistics.norm(rows[i]);
            double wNorm = AngleStatistics.norm(w[probeLabels[i]]);
            grad[i] = (float) ((e.py()[i] - 1.0) * f.targetSlope(theta[i], xNorm, wNorm));
        }
        float[][] centres = head.centers();
        float[] along = AlongFeatureGradient.measure(manager, head, rows, probeLabels, w, centres);
        double secs = windowNanos / 1e9;
        boolean trained = seen > 0; // no loss, accuracy or speed before the first step
        IterationSnapshot s = new IterationSnapshot(iteration, epoch, rows, probeLabels.clone(), w, centres,
                theta, grad, trained ? t.lossSum() / Math.max(1, seen / config.batchSize()) : Double.NaN,
                trained ? (double) t.hits() / seen : Double.NaN, lastLr,
                trained && secs > 0 ? windowImages / secs : Double.NaN, head.params(), along, probeIds.clone());
        stats.reset();
        statsFrom = iteration;
        seen = 0;
        windowNanos = 0;
        windowImages = 0;
        return s;
    }

    private EpochSnapshot epochSnapshot(int epoch) {
        int n = data.test().count();
        int d = config.dim();
        int c = data.classes();
        int[] all = new int[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
            labels[i] = data.test().label(i);
        }
        Embedded e = embed(all, labels, false);
        int[][] confusion = new int[c][c];
        int hits = 0;
        for (int i = 0; i < n; i++) {
            confusion[labels[i]][e.predictions()[i]]++;
            if (labels[i] == e.predictions()[i]) {
                hits++;
            }
        }
        float[][] w = head.weights();
        float[][] centres = AngleStatistics.centres(e.features(), d, labels, c);
        float[] theta = AngleStatistics.thetaY(e.features(), d, labels, w);
        int[] simIdx = data.probeIndices(SIMILARITY_PER_CLASS);
        float[][] simRows = new float[simIdx.length][d];
        int[] simLabels = new int[simIdx.length];
        for (int i = 0; i < simIdx.length; i++) {
            System.arraycopy(e.features(), simIdx[i] * d, simRows[i], 0, d);
            simLabels[i] = labels[simIdx[i]];
        }
        EpochSnapshot s = new EpochSnapshot(epoch, iteration, (double) hits / n,
                AngleStatistics.wcIntra(centres, w), AngleStatistics.wInter(w), AngleStatistics.cInter(centres),
                AngleStatistics.edges(HISTOGRAM_BINS), AngleStatistics.histograms(theta, labels, c, HISTOGRAM_BINS),
                AngleStatistics.cosineMatrix(simRows), simLabels, confusion);
        lastEpoch = s;
        if (iteration % itersPerEpoch == 0) {
            epochsCompleted = (int) (iteration / itersPerEpoch);
        }
        return s;
    }


    private void finish(RunState end, String why) {
        control.end(end);
        message = why;
        RunSummary summary = summary(end, why);
        try {
            if (writer != null) {
                writer.summary(summary);
                writer.close();
            }
        } catch (IOException e) {
            message = why + "; and the run files could not be completed: " + e.getMessage();
        }
        if (manager != null) {
            manager.close();
            manager = null;
        }
        fireState(end, message);
        completion.complete(summary);
    }

    private RunSummary summary(RunState end, String why) {
        EpochSnapshot e = lastEpoch;
        double secs = totalTrainNanos / 1e9;
        String engine;
        try {
            engine = Engine.getInstance().getEngineName() + " " + Engine.getInstance().getVersion();
        } catch (RuntimeException ex) {
            engine = "unavailable";
        }
        String version = org.marginlab.AppInfo.version();
        return new RunSummary(end.name().toLowerCase(Locale.ROOT), why, config.head().id(), config.backbone().id(),
                config.dim(), config.seed(), iteration, epochsCompleted,
                e == null ? null : e.testAccuracy(), e == null ? null : 1 - e.testAccuracy(),
                e == null ? null : finite(e.wcIntra()), e == null ? null : finite(e.wInter()),
                e == null ? null : finite(e.cInter()),
                manager == null && startedNanos == 0 ? elapsedBefore : elapsedSeconds(),
                secs > 0 ? totalImages / secs : 0,
                device == null ? config.device().id() : DeviceChoice.name(device),
                version == null ? "development build" : version, Engine.getDjlVersion(), engine,
                Runtime.version().toString(), config.holdoutClasses());
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private void fireState(RunState s, String why) {
        for (TrainingListener l : listeners) {
            l.onStateChanged(s, why);
        }
    }

    /** Loss became NaN or infinite; its message is the one-line explanation. */
    static final class NonFiniteLoss extends RuntimeException {
        NonFiniteLoss(String message) {
            super(message, null, false, false);
        }
    }
}
