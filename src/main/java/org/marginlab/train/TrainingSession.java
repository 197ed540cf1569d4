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
import org.marginlab.model.backbones.Backbones;
import org.marginlab.run.Checkpoint;
import org.marginlab.run.EpochSnapshot;
import org.marginlab.run.IterationSnapshot;
import org.marginlab.run.RunFiles;
import org.marginlab.run.RunLock;
import org.marginlab.run.RunReader;
import org.marginlab.run.RunScan;
import org.marginlab.run.RunState;
import org.marginlab.run.RunSummary;
import org.marginlab.run.RunWriter;
import org.marginlab.data.DataRecord;

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
 * <p>
 * The session holds the loop: set-up, the DJL step, live changes and the run's control. It hands the
 * model to a {@link ProbeEvaluator} for snapshots and what those produce to a {@link RunRecorder}.
 */
public final class TrainingSession {

    private final TrainConfig config;
    private final TrainingData data;
    private final HeadFactory heads;
    private final Checkpoint resumeFrom;
    private final List<TrainingListener> listeners = new CopyOnWriteArrayList<>();
    private final RunRecorder recorder;
    private final CompletableFuture<RunSummary> completion = new CompletableFuture<>();
    private final long itersPerEpoch;
    private final long totalIterations;
    private final LiveChanges changes;
    /** Iterations snapshotted besides the cadence: where the run being replayed took a Step (F7). */
    private java.util.NavigableSet<Long> extraSnapshots = new java.util.TreeSet<>();
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
    private ProbeEvaluator evaluator;
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
    private String resumeNotice;

    private volatile boolean started;

    private TrainingSession(TrainConfig config, TrainingData data, HeadFactory heads, RunWriter writer,
                            Checkpoint resumeFrom, List<LiveChange> applied, List<LiveChange> replay) {
        this.data = data;
        this.heads = heads;
        this.resumeFrom = resumeFrom;
        this.recorder = new RunRecorder(writer, listeners, resumeFrom == null ? -1 : resumeFrom.iteration());
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
        DeviceBatches.requireFits(data.train()); // before a run folder is made
        TrainConfig fixed = config.withWarmupFor(totalIterations(config, iterationsPerEpoch(config, data)));
        if (allClasses.dataset() != null) {
            fixed = fixed.toBuilder().dataset(allClasses.dataset()).build(); // config.json names the data it trained on
        }
        LiveChange.fold(fixed, replay); // a change this config cannot take fails here, not mid-run
        if (runDir != null) {
            checkDevice(fixed); // a refused start leaves no folder behind
        }
        RunWriter writer = runDir == null ? null : RunWriter.create(runDir, fixed);
        return new TrainingSession(fixed, data, heads, writer, null, List.of(), replay);
    }

    /**
     * A replay ({@link #create(TrainConfig, TrainingData, HeadFactory, Path, List)}) that also snapshots where the
     * replayed run did besides its cadence, i.e. where it took a Step: a snapshot starts a new window of the
     * training loss and accuracy, so without them the rows after a Step would differ.
     *
     * @param snapshotsAt the iterations of the replayed run's metrics.csv rows that hold a snapshot
     */
    public static TrainingSession create(TrainConfig config, TrainingData allClasses, HeadFactory heads, Path runDir,
                                         List<LiveChange> replay, java.util.Collection<Long> snapshotsAt) {
        TrainingSession s = create(config, allClasses, heads, runDir, replay);
        for (long i : snapshotsAt) {
            if (i > 0 && i < s.totalIterations && !s.config.snapshotDue(i)) {
                s.extraSnapshots.add(i);
            }
        }
        return s;
    }

    /** How many snapshots a replay adds where the replayed run took a Step. */
    public int replayedSteps() {
        return extraSnapshots.size();
    }

    /**
     * A GPU the config names explicitly must be one DJL sees; asked on the training thread, where the engine
     * starts (PyTorch's grad mode is per thread). "auto" and "cpu" always resolve.
     */
    private static void checkDevice(TrainConfig config) {
        if (config.device().gpuIndex() < 0) {
            return;
        }
        try {
            TrainingThread.call(() -> DeviceChoice.resolve(config.device()));
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Continues a run from its last checkpoint, as its one writer ({@link RunLock}). Snapshots, metric rows and
     * changes after the checkpoint stay on disk: the continuation recomputes them and writes nothing while they
     * agree (with the same data it is identical to an uninterrupted run); ones that differ are set aside, said
     * through {@link TrainingListener#onNotice}. Refuses, changing nothing, a run another process writes, a finished run, and a run
     * whose files are damaged before the checkpoint ({@link RunWriter#resume}).
     */
    public static TrainingSession resumeRun(Path runDir, TrainingData data, HeadFactory heads) {
        if (!java.nio.file.Files.isRegularFile(runDir.resolve(RunFiles.CONFIG))) {
            throw new UserException(UserException.Field.RUN_FOLDER, runDir + ": not a run directory (no "
                    + RunFiles.CONFIG + "); give the folder of the run to continue");
        }
        RunLock lock = RunLock.acquire(runDir);
        RunWriter writer = null;
        try {
            TrainConfig config = ConfigCheck.validate(ConfigJson.read(runDir.resolve(RunFiles.CONFIG)));
            DataRecord was = config.dataset();
            DataRecord now = data.dataset();
            if (was != null && now != null && was.sha256() != null && !was.sha256().equals(now.sha256())) {
                throw new UserException(runDir.resolve(RunFiles.CONFIG) + ": the run trained on data with SHA-256 "
                        + was.sha256().substring(0, 12) + "…, the data at " + now.path() + " has "
                        + String.valueOf(now.sha256()).substring(0, 12) + "…; resume with the data it trained on (--data)");
            }
            if (was != null && now != null && (was.sha256() == null || now.sha256() == null)) {
                // An image folder records no checksum: its counts, size and class names still tell another set.
                String a = shape(was);
                String b = shape(now);
                if (!a.equals(b) || !was.format().equals(now.format())) {
                    throw new UserException(runDir.resolve(RunFiles.CONFIG) + ": the run trained on " + a + ", the data at "
                            + now.path() + " has " + b + "; resume with the data it trained on (--data)");
                }
                if (!was.classNames().equals(now.classNames())) {
                    throw new UserException(runDir.resolve(RunFiles.CONFIG) + ": the run trained on classes "
                            + String.join(", ", was.classNames()) + ", the data at " + now.path() + " has "
                            + String.join(", ", now.classNames()) + "; resume with the data it trained on (--data)");
                }
            }
            TrainingData trained = data.holdingOut(config.holdoutClasses());
            DeviceBatches.requireFits(trained.train());
            long perEpoch = iterationsPerEpoch(config, trained);
            long total = totalIterations(config, perEpoch);
            RunSummary ended = RunReader.summary(runDir);
            if (ended != null && RunState.FINISHED.name().equalsIgnoreCase(ended.state())) {
                throw finished(runDir, ended.iterations(), total);
            }
            Checkpoint.Found found = Checkpoint.latest(runDir);
            Checkpoint ckpt = found.checkpoint();
            if (ckpt.iteration() >= total && ended != null) {
                throw finished(runDir, ckpt.iteration(), total);
            } // killed after its last checkpoint, before summary.json: the resume only writes that
            List<LiveChange> recorded = LiveChange.read(runDir.resolve(RunFiles.CHANGES));
            // Everything that can refuse reads before RunWriter.resume, which cuts torn tails and sets the stop's
            // summary aside: a refused resume changes nothing.
            Path ckptFile = runDir.resolve(found.notice() == null ? RunFiles.CHECKPOINT : RunFiles.CHECKPOINT_PREVIOUS);
            String again = "; nothing was changed. The run is deterministic: marginlab train --config "
                    + runDir.resolve(RunFiles.CONFIG) + " --out NEW_FOLDER trains it again in full";
            List<LiveChange> applied = recorded.stream().filter(c -> c.iteration() < ckpt.iteration()).toList();
            List<LiveChange> replay = replayAfter(ckpt, recorded, ckptFile, again);
            List<Long> extraSnapshots = extraSnapshots(ckpt, ckptFile, again);
            LiveChange.fold(config.withWarmupFor(total), applied); // as the session does: a change it cannot take refuses here
            writer = RunWriter.resume(runDir, ckpt.iteration(), lock,
                    i -> config.snapshotDue(i) || i % perEpoch == 0 || i == total);
            // Changes before the checkpoint are in its state; the later ones act again at their iterations, with
            // the replayed ones that had not acted yet at the checkpoint.
            TrainingSession s = new TrainingSession(config, trained, heads, writer, ckpt, applied, replay);
            s.iteration = ckpt.iteration();
            List<String> notes = new ArrayList<>();
            if (found.notice() != null) {
                notes.add(found.notice());
            }
            notes.addAll(writer.resumeNotes());
            s.resumeNotice = notes.isEmpty() ? null : String.join("\n", notes);
            RunWriter w = writer;
            w.onNotice(line -> s.listeners.forEach(l -> l.onNotice(line)));
            s.extraSnapshots.addAll(extraSnapshots);
            // The results of the last epoch before the checkpoint, so that a run stopped again before the next
            // epoch end still reports them.
            for (RunScan.SnapshotRecord r : RunScan.snapshots(runDir.resolve(RunFiles.SNAPSHOTS)).records()) {
                if (r.epoch() != null && r.at() <= ckpt.iteration()) {
                    s.lastEpoch = r.epoch();
                }
            }
            return s;
        } catch (RuntimeException e) {
            if (writer == null) {
                lock.close();
            } else {
                try {
                    writer.close(); // its streams, then the lock
                } catch (java.io.IOException ignored) {
                    // nothing was written through them; the lock is released all the same
                }
            }
            throw e;
        }
    }

    /** The iterations of the checkpoint's {@code "steps"} section: snapshots a replay still takes. */
    private static List<Long> extraSnapshots(Checkpoint ckpt, Path file, String next) {
        List<Long> at = new ArrayList<>();
        byte[] steps = ckpt.section(STEPS_STATE);
        if (steps != null) {
            for (String line : new String(steps, java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    try {
                        at.add(Long.parseLong(line.strip()));
                    } catch (NumberFormatException e) {
                        throw new UserException(file + ": its list of snapshots still to take (section \"" + STEPS_STATE
                                + "\") does not read" + next);
                    }
                }
            }
        }
        return at;
    }

    /** "60000 train / 10000 test images of 10 classes (1×28×28)". */
    private static String shape(DataRecord d) {
        return d.train() + " train / " + d.test() + " test images of " + d.classes() + " classes (" + d.channels() + "×"
                + d.height() + "×" + d.width() + ")";
    }

    /** The changes a resume applies again: recorded from the checkpoint on, merged with its pending replay. */
    private static List<LiveChange> replayAfter(Checkpoint ckpt, List<LiveChange> recorded, Path file, String next) {
        List<LiveChange> pending = new ArrayList<>();
        byte[] rows = ckpt.section(REPLAY_STATE);
        if (rows != null) {
            for (String line : new String(rows, java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                LiveChange c = LiveChange.parse(line);
                if (c == null) {
                    throw new UserException(file + ": its list of changes still to replay (section \"" + REPLAY_STATE
                            + "\") does not read" + next);
                }
                pending.add(c);
            }
        }
        List<LiveChange> out = new ArrayList<>(pending);
        for (LiveChange c : recorded) {
            boolean replayed = pending.stream().anyMatch(p -> p.iteration() == c.iteration() && p.field() == c.field()
                    && Double.compare(p.to(), c.to()) == 0);
            if (c.iteration() >= ckpt.iteration() && !replayed) {
                out.add(c);
            }
        }
        out.sort(java.util.Comparator.comparingLong(LiveChange::iteration)); // stable: replayed rows first
        return out;
    }

    private static UserException finished(Path runDir, long at, long total) {
        return new UserException("run " + runDir + " finished at iteration " + at + " of "
                + total + "; a finished run is kept as it is. To train longer, start a new run: marginlab train --config "
                + runDir.resolve(RunFiles.CONFIG) + " --iterations N --out NEW_FOLDER");
    }

    /**
     * After {@link #resumeRun}: what it found, one line each (it fell back to the previous checkpoint, it cut a
     * record a kill left unfinished), else null.
     */
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
        return recorder.directory();
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
    int liveArrayCount() {
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
        started = true;
        control.start();
    }

    /**
     * Gives up a session that was created and never started (a comparison whose later run could not be created):
     * lets go of its run's lock and files, and removes the folder only when its creation made it and it holds nothing
     * else ({@link RunWriter#discardNew}).
     *
     * @return whether the run's folder was removed
     */
    public boolean discardUnstarted() {
        if (started) {
            throw new IllegalStateException("started: cancel it instead");
        }
        try {
            return recorder.discardNew();
        } catch (java.io.IOException e) {
            return false; // its lock is released all the same; the folder stays
        }
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
                String why = "stopped at iteration " + iteration + " of " + totalIterations;
                if (manager != null) {
                    // so that a resume continues from here, not from the last snapshot
                    recorder.checkpointAt(iteration, this::checkpoint);
                }
                finish(RunState.CANCELLED, why);
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
        } catch (IOException e) {
            finish(RunState.FAILED, "cannot write the run files in " + recorder.directory() + " at iteration " + iteration
                    + " (" + org.marginlab.IoErrors.describe(e) + "); every file written before is intact. Free space or fix "
                    + "the folder, then marginlab train --resume " + recorder.directory() + " continues from "
                    + recorder.lastCheckpoint());
            return;
        } catch (Throwable t) {
            finish(RunState.FAILED, "training failed at iteration " + iteration + ": " + t);
            return;
        }
        control.turnDone();
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
        backbone.initialize(manager, DataType.FLOAT32, new Shape(1, data.train().channels(), rows, cols));
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
        }
        List<Parameter> trainable = new ArrayList<>(ParameterOptimizer.trainable(backbone));
        trainable.addAll(ParameterOptimizer.trainable(head.block()));
        optimizer = new ParameterOptimizer(config.optimizer(), config.weightDecay(), config.momentum(), trainable);
        if (resumeFrom != null) {
            optimizer.decodeState(manager, resumeFrom.optimizer());
        }
        schedule = new LrSchedule(live.schedule(), live.learningRate(), totalIterations);
        evaluator = new ProbeEvaluator(data, config.dim(), config.probePerClass(), manager, backbone, store, head);
        epochsCompleted = (int) (iteration / itersPerEpoch);
        lastLr = schedule.rate(iteration);
        stats = new StepStats(manager);
        statsFrom = iteration;
        if (resumeFrom != null) {
            restoreLoop(resumeFrom.section(LOOP_STATE));
            if (resumeFrom.section(HEAD_STATE) != null) {
                head.loadState(resumeFrom.section(HEAD_STATE));
            }
        }
        if (resumeFrom == null) {
            // The untrained model, so every figure's timeline starts where training starts; before the
            // training set's upload, so the window's first picture does not wait for it.
            record(iterationSnapshot(0, new StepStats.Totals(0, 0, 0)), null, 0, true);
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
        boolean snap = stepping || config.snapshotDue(iteration) || iteration == totalIterations
                || extraSnapshots.contains(iteration);
        boolean epochEnd = iteration % itersPerEpoch == 0 || iteration == totalIterations;
        if (snap || epochEnd) {
            StepStats.Totals t = stats.read();
            if (t.finiteSteps() < iteration - statsFrom) {
                long bad = statsFrom + t.finiteSteps() + 1;
                head.setIteration(bad - 1); // the message names the head's parameters at the bad step
                throw NonFiniteLoss.at(bad, config.head(), head.functions().params(), live.learningRate(),
                        config.batchSize(), config.optimizer(), iteration, recorder.lastCheckpoint());
            }
            boolean checkpoint = stepping || epochEnd || config.checkpointDue(iteration) || iteration == totalIterations;
            record(snap ? iterationSnapshot(epoch, t) : null, epochEnd ? epochSnapshot(epoch) : null, epoch, checkpoint);
        }
    }

    /** The live changes due at this iteration: head schedules and learning rate, recorded in the run. */
    private void applyChanges(long it) throws IOException {
        for (LiveChange c : changes.due(it, live)) {
            live = c.field().with(live, c.to());
            if (c.field().equals(LiveField.LR)) {
                schedule = new LrSchedule(live.schedule(), live.learningRate(), totalIterations);
            } else {
                head.retune(live);
            }
            recorder.change(c);
        }
    }

    /** Writes the snapshots (either may be null) with their metrics row and a checkpoint, then tells the listeners. */
    private void record(IterationSnapshot is, EpochSnapshot es, int epoch, boolean checkpoint) throws IOException {
        head.setIteration(iteration);
        recorder.record(RunRecorder.row(iteration, epoch, is, es, lastLr, head.params()), is, es,
                checkpoint ? this::checkpoint : () -> null);
    }

    /** The model and optimizer now, or null when a parameter is not finite: the last good checkpoint stays. */
    private Checkpoint checkpoint() throws IOException {
        try (NDScope scope = new NDScope()) {
            for (Block b : new Block[] {backbone, head.block()}) {
                for (var p : b.getParameters()) {
                    if (!Float.isFinite(p.getValue().getArray().sum().getFloat())) {
                        return null;
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
        java.util.Map<String, byte[]> state = new java.util.HashMap<>();
        state.put(LOOP_STATE, loopState());
        if (!changes.pending().isEmpty()) {
            StringBuilder rows = new StringBuilder();
            changes.pending().forEach(c -> rows.append(c.toCsv()).append('\n'));
            state.put(REPLAY_STATE, rows.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        if (!extraSnapshots.tailSet(iteration, false).isEmpty()) {
            StringBuilder at = new StringBuilder();
            extraSnapshots.tailSet(iteration, false).forEach(i -> at.append(i).append('\n'));
            state.put(STEPS_STATE, at.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        byte[] own = head.saveState();
        if (own != null) {
            state.put(HEAD_STATE, own);
        }
        return new Checkpoint(iteration, elapsedSeconds(), bytes.toByteArray(), optimizer.encodeState(manager), state);
    }

    /** Checkpoint section of the loop's own state ({@link #loopState}). */
    static final String LOOP_STATE = "loop";
    /**
     * Checkpoint section of the replayed changes (train --config with changes.csv) not applied yet: they are in
     * no file of the run until they act, and a run killed before that must still apply them when resumed.
     */
    static final String REPLAY_STATE = "replay";
    /** Checkpoint section of a replay's snapshots still to take where the replayed run took Steps. */
    static final String STEPS_STATE = "steps";
    /** Checkpoint section of the head's state ({@link TrainableHead#saveState}). */
    static final String HEAD_STATE = "head";

    /**
     * The statistics window since the last snapshot (a checkpoint at an epoch end or a stop falls inside one),
     * so that the next metrics row of a resumed run is the uninterrupted run's; and the run's totals for its
     * images/s.
     */
    private byte[] loopState() throws IOException {
        StepStats.Totals t = stats.read();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream o = new DataOutputStream(b);
        o.writeInt(1);
        o.writeDouble(t.lossSum());
        o.writeLong(t.hits());
        o.writeLong(t.finiteSteps());
        o.writeLong(statsFrom);
        o.writeLong(seen);
        o.writeLong(windowNanos);
        o.writeLong(windowImages);
        o.writeLong(totalImages);
        o.writeLong(totalTrainNanos);
        o.flush();
        return b.toByteArray();
    }

    private void restoreLoop(byte[] bytes) throws IOException {
        if (bytes == null) {
            return; // an older checkpoint, always taken where a snapshot had just reset the window
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        if (in.readInt() != 1) {
            throw new UserException("checkpoint.bin was written by a newer MarginLab (its loop state is of a later kind); "
                    + "resume it with that version");
        }
        StepStats.Totals t = new StepStats.Totals(in.readDouble(), in.readLong(), in.readLong());
        statsFrom = in.readLong();
        stats.restore(t, t.finiteSteps() == iteration - statsFrom);
        seen = in.readLong();
        windowNanos = in.readLong();
        windowImages = in.readLong();
        totalImages = in.readLong();
        totalTrainNanos = in.readLong();
    }

    private double elapsedSeconds() {
        return elapsedBefore + (System.nanoTime() - startedNanos) / 1e9;
    }

    /** The probes now, with the training figures since the last snapshot; starts the next such window. */
    private IterationSnapshot iterationSnapshot(int epoch, StepStats.Totals t) {
        double secs = windowNanos / 1e9;
        boolean trained = seen > 0; // no loss, accuracy or speed before the first step
        IterationSnapshot s = evaluator.probes(iteration, epoch,
                trained ? t.lossSum() / Math.max(1, seen / config.batchSize()) : Double.NaN,
                trained ? (double) t.hits() / seen : Double.NaN, lastLr,
                trained && secs > 0 ? windowImages / secs : Double.NaN);
        stats.reset();
        statsFrom = iteration;
        seen = 0;
        windowNanos = 0;
        windowImages = 0;
        return s;
    }

    private EpochSnapshot epochSnapshot(int epoch) {
        EpochSnapshot s = evaluator.testSet(iteration, epoch);
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
            recorder.finish(summary);
        } catch (IOException e) {
            message = why + "; and summary.json could not be written (" + org.marginlab.IoErrors.describe(e) + ")";
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
}
