package org.marginlab.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.marginlab.UserException;
import org.marginlab.loss.HeadKind;
import org.marginlab.run.EpochSnapshot;
import org.marginlab.run.IterationSnapshot;
import org.marginlab.run.RunState;
import org.marginlab.config.TrainConfig;

/**
 * The window's state and commands: settings, the current run (live or opened), run control, the
 * timeline position, the compare grid's runs, and the one notification shown to the user.
 * Lives on the FX thread; talks to the engine only through {@link TrainingBackend}.
 */
public final class WorkbenchViewModel {
    private static final System.Logger LOG = System.getLogger(WorkbenchViewModel.class.getName());

    private final SettingsViewModel settings;
    private final TrainingBackend backend;
    private final BackgroundExecutor executor;

    // Properties
    private final ReadOnlyObjectWrapper<RunModel> run = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<RunState> state = new ReadOnlyObjectWrapper<>(RunState.READY);
    private final ReadOnlyBooleanWrapper starting = new ReadOnlyBooleanWrapper();
    /** A comparison is starting or training: Start (F5) waits for it, so only one training runs. */
    private final ReadOnlyBooleanWrapper comparing = new ReadOnlyBooleanWrapper();
    /**
     * The status line tells the comparison's progress from its start until a single run starts or opens,
     * while it trains and, once it ended, on the Compare tab only (elsewhere the tab's own run).
     */
    private boolean statusFollowsCompare;
    private final javafx.beans.property.BooleanProperty compareShown = new javafx.beans.property.SimpleBooleanProperty();
    private final ReadOnlyStringWrapper notification = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper device = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper("Ready");
    private final javafx.beans.property.ReadOnlyDoubleWrapper progress = new javafx.beans.property.ReadOnlyDoubleWrapper();
    private final ReadOnlyObjectWrapper<Path> runDirectory = new ReadOnlyObjectWrapper<>();
    /** Position on the timeline: -1 follows the live run, otherwise an index into the run's history. */
    private final IntegerProperty timelineIndex = new SimpleIntegerProperty(-1);
    /** Theme and presentation mode the window's figures are drawn in (set by the window). */
    private final javafx.beans.property.ObjectProperty<org.marginlab.figures.FigureStyle.Look> look =
            new javafx.beans.property.SimpleObjectProperty<>(org.marginlab.figures.FigureStyle.PAPER);
    /** Bumped whenever the current run's data changed, whichever run it is. */
    private final javafx.beans.property.LongProperty dataVersion = new javafx.beans.property.SimpleLongProperty();
    private long dataPulls;
    private final ObservableList<RunModel> compareRuns = FXCollections.observableArrayList();
    private final ObjectBinding<IterationSnapshot> shown;
    private final ObjectBinding<EpochSnapshot> shownEpoch;

    private final BooleanBinding canStart;
    private final BooleanBinding canPauseResume;
    private final BooleanBinding canStep;
    private final BooleanBinding canStop;
    private final BooleanBinding canContinue;

    private org.marginlab.figures.RunData cachedData;
    private RunModel cachedRun;
    private long cachedVersion = -1;
    private TrainingBackend.Control control;
    private long lastStatusNanos = Long.MIN_VALUE / 2;
    private long statusIntervalNanos = 250_000_000L;
    private RunState lastStatusState;
    private final List<TrainingBackend.Control> compareControls = new ArrayList<>();
    /** The compared runs' directories, in {@link #compareRuns} order once started; kept after they stop. */
    private final List<Path> compareDirectories = new ArrayList<>();
    private final ChangeListener<RunState> stateWatcher = (obs, was, now) -> onRunState(now);

    public WorkbenchViewModel(SettingsViewModel settings, TrainingBackend backend, BackgroundExecutor executor) {
        this.settings = settings;
        this.backend = backend;
        this.executor = executor;
        BooleanBinding active = Bindings.createBooleanBinding(
                () -> state.get() == RunState.RUNNING || state.get() == RunState.PAUSED, state);
        canStart = settings.validProperty().and(active.not()).and(starting.not()).and(comparing.not());
        canPauseResume = active;
        canStep = Bindings.createBooleanBinding(() -> state.get() == RunState.PAUSED, state);
        canStop = active.or(starting);
        canContinue = Bindings.createBooleanBinding(() -> runDirectory.get() != null && !starting.get()
                && (state.get() == RunState.CANCELLED || state.get() == RunState.FAILED), runDirectory, starting, state);
        shown = Bindings.createObjectBinding(this::computeShown, run, timelineIndex, versionOfRun());
        shownEpoch = Bindings.createObjectBinding(this::computeShownEpoch, shown, versionOfRun());
        compareShown.addListener(o -> updateStatus());
    }

    /** Whether the window shows the Compare tab; set by the window. */
    public javafx.beans.property.BooleanProperty compareShownProperty() {
        return compareShown;
    }

    private javafx.beans.Observable versionOfRun() {
        return dataVersion;
    }

    // Properties

    public SettingsViewModel settings() {
        return settings;
    }

    public ReadOnlyObjectProperty<RunModel> runProperty() {
        return run.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RunState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty startingProperty() {
        return starting.getReadOnlyProperty();
    }

    /** The message the window shows in its notification bar; empty when there is none. */
    public ReadOnlyStringProperty notificationProperty() {
        return notification.getReadOnlyProperty();
    }

    /** "Epoch 1 · iteration 120 / 469 · 1 234 images/s · ETA 0:42", for the status bar. */
    public ReadOnlyStringProperty statusTextProperty() {
        return statusText.getReadOnlyProperty();
    }

    /** Fraction of the run's iterations done, 0–1. */
    public javafx.beans.property.ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty deviceProperty() {
        return device.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Path> runDirectoryProperty() {
        return runDirectory.getReadOnlyProperty();
    }

    /** Changes whenever the current run's data does; views watch it to redraw. */
    public javafx.beans.value.ObservableLongValue dataVersionProperty() {
        return dataVersion;
    }

    public javafx.beans.property.ObjectProperty<org.marginlab.figures.FigureStyle.Look> lookProperty() {
        return look;
    }

    public IntegerProperty timelineIndexProperty() {
        return timelineIndex;
    }

    /** The iteration snapshot the views draw: the latest one, or the timeline's pick. */
    public ObjectBinding<IterationSnapshot> shownProperty() {
        return shown;
    }

    /** The newest epoch snapshot at or before the shown iteration. */
    public ObjectBinding<EpochSnapshot> shownEpochProperty() {
        return shownEpoch;
    }

    public ReadOnlyBooleanProperty comparingProperty() {
        return comparing.getReadOnlyProperty();
    }

    public ObservableList<RunModel> compareRuns() {
        return compareRuns;
    }

    public BooleanBinding canStartProperty() {
        return canStart;
    }

    public BooleanBinding canPauseResumeProperty() {
        return canPauseResume;
    }

    public BooleanBinding canStepProperty() {
        return canStep;
    }

    public BooleanBinding canStopProperty() {
        return canStop;
    }

    /** The current run as the figures take it; rebuilt only when its data changed. */
    public org.marginlab.figures.RunData runData() {
        RunModel r = run.get();
        if (r == null) {
            return null;
        }
        // Keyed on the run too: listeners of the run property ask before the version moves.
        if (cachedRun != r || cachedVersion != dataVersion.get() || cachedData == null) {
            cachedData = toRunData(r);
            cachedRun = r;
            cachedVersion = dataVersion.get();
        }
        return cachedData;
    }

    public static org.marginlab.figures.RunData toRunData(RunModel r) {
        return org.marginlab.figures.RunData.of(r.title(), r.config(), r.history(), r.epochs()).withChanges(r.changes());
    }

    // Commands

    /** Starts a run with the current settings; does nothing unless {@link #canStartProperty()}. */
    public void start() {
        if (!canStart.get()) {
            if (!settings.validProperty().get()) {
                notify("Fix the settings first — " + settings.firstErrorProperty().get());
            }
            return;
        }
        TrainConfig config = settings.toConfig();
        statusFollowsCompare = false;
        RunModel model = new RunModel(config, config.head().displayName() + ", d = " + config.dim());
        setRun(model);
        timelineIndex.set(-1);
        control = null;
        starting.set(true);
        dismissNotification();
        executor.submit(() -> backend.start(config, model.listener()), c -> {
            if (run.get() != model) {
                starting.set(false);
                c.cancel();
                return;
            }
            control = c;
            device.set(c.device());
            runDirectory.set(c.directory());
            // Starting ends with the run's first state, not before: in between, Start would look
            // enabled and Stop disabled for a frame.
            pull();
            if (state.get() != RunState.READY) {
                starting.set(false);
            }
        }, failure -> {
            starting.set(false);
            state.set(RunState.FAILED);
            notify(describe("Could not start the run", failure));
        });
    }

    /** Pauses a running run or resumes a paused one. */
    public void togglePause() {
        if (control == null) {
            return;
        }
        if (state.get() == RunState.RUNNING) {
            control.pause();
        } else if (state.get() == RunState.PAUSED) {
            control.resume();
        }
    }

    public void step() {
        if (control != null && state.get() == RunState.PAUSED) {
            control.step();
        }
    }

    public void stop() {
        if (control != null) {
            control.cancel();
        }
        compareControls.forEach(TrainingBackend.Control::cancel);
    }

    /**
     * Sets a setting of the running (or paused) run from its next iteration on; a refused value becomes
     * the notification. Check values first with {@link LiveKnobsView#problem}.
     */
    public void change(org.marginlab.config.LiveField field, double value) {
        if (control == null || !canPauseResume.get()) {
            notify("Start a run first: settings change live only while a run trains or is paused.");
            return;
        }
        try {
            control.change(field, value);
        } catch (UserException e) {
            notify(e.getMessage());
        }
    }

    /** Whether the run shown was stopped (or failed) and can continue from its last checkpoint. */
    public BooleanBinding canContinueProperty() {
        return canContinue;
    }

    /**
     * Continues the stopped run shown (opened from disk or stopped here) from its last checkpoint, in its
     * directory; its snapshots so far stay on the timeline.
     */
    public void continueRun() {
        RunModel old = run.get();
        Path dir = runDirectory.get();
        if (!canContinue.get()) {
            notify("Open or stop a run first: only a stopped run with a checkpoint can continue.");
            return;
        }
        RunModel model = new RunModel(old.config(), old.title());
        model.loadStored(old.history(), old.epochs(), old.changes(), old.stateProperty().get());
        setRun(model);
        runDirectory.set(dir);
        timelineIndex.set(-1);
        control = null;
        starting.set(true);
        dismissNotification();
        executor.submit(() -> backend.resume(dir, model.listener()), c -> {
            control = c;
            device.set(c.device());
            pull();
            if (state.get() == RunState.RUNNING || state.get() == RunState.PAUSED) {
                starting.set(false);
            }
        }, failure -> {
            starting.set(false);
            notify(describe("Could not continue the run", failure));
        });
    }

    /** PyTorch's CPU threads from the next iteration on, for this run and the next. */
    public void setThreads(int threads) {
        backend.setThreads(threads);
    }

    /** Runs the given heads side by side with the current settings (same seed and data order). */
    public void startCompare(List<HeadKind> heads) {
        if (heads.size() < 2 || heads.size() > 4) {
            notify("Pick two to four heads to compare.");
            return;
        }
        if (!settings.validProperty().get()) {
            notify("Fix the settings first — " + settings.firstErrorProperty().get());
            return;
        }
        stopCompare();
        TrainConfig base = settings.toConfig();
        List<TrainConfig> configs = new ArrayList<>();
        List<RunModel> models = new ArrayList<>();
        for (HeadKind h : heads) {
            TrainConfig c = base.withHead(h);
            configs.add(c);
            RunModel m = new RunModel(c, h.displayName());
            m.stateProperty().addListener((o, was, now) -> {
                if (now == RunState.FAILED) {
                    notify(m.title() + ": " + m.messageProperty().get());
                }
            });
            models.add(m);
        }
        compareDirectories.clear();
        compareRuns.setAll(models);
        comparing.set(true);
        statusFollowsCompare = true;
        updateStatus();
        executor.submit(() -> backend.startCompare(configs, models.stream().map(RunModel::listener).toList()),
                controls -> {
                    if (!compareRuns.equals(models)) {
                        controls.forEach(TrainingBackend.Control::cancel);
                        return;
                    }
                    compareControls.addAll(controls);
                    controls.forEach(c -> compareDirectories.add(c.directory()));
                },
                failure -> {
                    comparing.set(false);
                    notify(describe("Could not start the comparison", failure));
                });
    }

    /** Where each compared run writes, in {@link #compareRuns} order; empty until the comparison has started. */
    public List<Path> compareDirectories() {
        return java.util.Collections.unmodifiableList(compareDirectories);
    }

    public void stopCompare() {
        compareControls.forEach(TrainingBackend.Control::cancel);
        compareControls.clear();
    }

    /** Reads a run directory off the FX thread and shows it; {@code onOpened} runs when it is shown. */
    public void open(Path directory, java.util.function.Consumer<Path> onOpened) {
        if (state.get() == RunState.RUNNING || state.get() == RunState.PAUSED) {
            notify("Stop the current run before opening another.");
            return;
        }
        executor.submit(() -> backend.open(directory), stored -> {
            RunModel m = new RunModel(stored.config(), stored.config().head().displayName() + ", d = "
                    + stored.config().dim() + " (" + stored.directory().getFileName() + ")");
            m.loadStored(stored.iterations(), stored.epochs(), stored.changes(), stored.state());
            showStored(m, stored.directory(), stored.device());
            updateStatus();
            onOpened.accept(stored.directory());
        }, failure -> notify(describe("Could not open " + directory, failure)));
    }

    /**
     * Copies the current run's directory to the new directory {@code target} (a run is written as it
     * trains; this keeps a copy elsewhere). Refused while the run is still writing.
     */
    public void saveRunAs(Path target, java.util.function.Consumer<Path> onSaved) {
        Path source = runDirectory.get();
        if (source == null) {
            notify("No run to save yet: start or open one first.");
            return;
        }
        if (state.get() == RunState.RUNNING || state.get() == RunState.PAUSED || starting.get()) {
            notify("Stop the run before saving a copy; its files are still being written.");
            return;
        }
        executor.submit(() -> copyTree(source, target), copy -> {
            notify("Saved a copy of the run to " + copy);
            onSaved.accept(copy);
        }, failure -> notify(describe("Could not save the run to " + target, failure)));
    }

    private static Path copyTree(Path source, Path target) throws java.io.IOException {
        if (java.nio.file.Files.exists(target)) {
            throw new UserException(target + " already exists; choose another name");
        }
        // Copy into a temporary sibling, then rename, so a failed copy leaves nothing half-written.
        Path tmp = target.resolveSibling(target.getFileName() + ".partial");
        try (var paths = java.nio.file.Files.walk(source)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path dest = tmp.resolve(source.relativize(p).toString());
                if (java.nio.file.Files.isDirectory(p)) {
                    java.nio.file.Files.createDirectories(dest);
                } else {
                    java.nio.file.Files.copy(p, dest);
                }
            }
        }
        java.nio.file.Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    /** Shows a run read from disk (e.g. via the engine's RunReader) as the current run. */
    public void showStored(RunModel model, Path directory, String deviceName) {
        control = null;
        statusFollowsCompare = false;
        setRun(model);
        runDirectory.set(directory);
        device.set(deviceName == null ? "" : deviceName);
        timelineIndex.set(-1);
        settings.load(model.config());
    }

    /**
     * Copies new snapshots of every run into the properties; the frame clock calls this.
     *
     * @return whether snapshots or a state change arrived (figures redraw only then; progress alone
     *         updates just the status line)
     */
    public boolean pull() {
        boolean changed = false;
        boolean data = false;
        RunModel r = run.get();
        if (r != null) {
            long stamp = r.dataStamp();
            if (r.pull()) {
                changed = true;
                if (r.dataStamp() != stamp) {
                    dataVersion.set(dataVersion.get() + 1);
                    data = true;
                }
            }
        }
        for (RunModel m : compareRuns) {
            long stamp = m.dataStamp();
            changed |= m.pull();
            data |= m.dataStamp() != stamp;
        }
        if (comparing.get() && compareRuns.stream().allMatch(m -> over(m.stateProperty().get()))) {
            comparing.set(false);
            changed = true;
        }
        // The status line changes every iteration; re-laying it out four times a second is plenty.
        long now = System.nanoTime();
        if ((changed || starting.get())
                && (now - lastStatusNanos >= statusIntervalNanos || state.get() != lastStatusState)) {
            lastStatusNanos = now;
            lastStatusState = state.get();
            updateStatus();
        }
        if (data) {
            dataPulls++;
        }
        return data;
    }

    /**
     * How many pulls so far brought new snapshots or a state change, of the run or a compared one;
     * whoever pulled, a view that saw a smaller count has data to catch up on.
     */
    public long dataPulls() {
        return dataPulls;
    }

    /** Brings the status line up to date now, skipping the 4-per-second limit (e.g. before a snapshot). */
    public void refreshStatus() {
        pull();
        lastStatusNanos = System.nanoTime();
        lastStatusState = state.get();
        updateStatus();
    }

    private void updateStatus() {
        RunModel r = run.get();
        if (statusFollowsCompare && !compareRuns.isEmpty() && (comparing.get() || compareShown.get())) {
            statusText.set(compareStatus());
            long total = compareRuns.stream().mapToLong(m -> m.totalIterationsProperty().get()).sum();
            long done = compareRuns.stream().mapToLong(m -> m.iterationProperty().get()).sum();
            progress.set(total > 0 ? (double) done / total : 0);
            return;
        }
        if (starting.get()) {
            statusText.set("Loading data and building the model…");
            progress.set(-1);
            return;
        }
        if (r == null) {
            statusText.set("Ready");
            progress.set(0);
            return;
        }
        long it = r.iterationProperty().get();
        long total = r.totalIterationsProperty().get();
        progress.set(total > 0 ? Math.min(1, (double) it / total) : 0);
        StringBuilder b = new StringBuilder();
        b.append(stateWord(state.get()));
        b.append(" · epoch ").append(r.epochProperty().get() + 1).append(" / ").append(r.config().epochs());
        b.append(" · iteration ").append(it);
        if (total > 0) {
            b.append(" / ").append(total);
        }
        IterationSnapshot last = r.latestProperty().get();
        if (last != null && Double.isFinite(last.loss())) { // not the untrained iteration-0 snapshot
            if (state.get() == RunState.RUNNING) { // a stopped run's last speed is history, and the line must fit 1024 px
                b.append(String.format(java.util.Locale.ROOT, " · %,.0f images/s", last.imagesPerSecond()));
            }
            b.append(String.format(java.util.Locale.ROOT, " · loss %.3f · train acc %.1f %%",
                    last.loss(), 100 * last.trainAccuracy()));
        }
        double eta = r.etaSeconds();
        if (state.get() == RunState.RUNNING && Double.isFinite(eta)) {
            long sec = Math.round(eta);
            b.append(String.format(java.util.Locale.ROOT, " · ETA %d:%02d", sec / 60, sec % 60));
        }
        EpochSnapshot e = r.latestEpochProperty().get();
        if (e != null) {
            b.append(String.format(java.util.Locale.ROOT, " · test acc %.1f %%", 100 * e.testAccuracy()));
        }
        statusText.set(b.toString());
    }

    /** "Comparing 4 heads · Softmax 120 / 150 · CosFace 120 / 150 …" */
    /** One short line for a projector's status bar: heads, iterations done of all, and who trains now or how they ended. */
    private String compareStatus() {
        StringBuilder b = new StringBuilder("Comparing ").append(compareRuns.size()).append(" heads · ");
        long done = compareRuns.stream().mapToLong(m -> m.iterationProperty().get()).sum();
        b.append(done);
        if (compareRuns.stream().allMatch(m -> m.totalIterationsProperty().get() > 0)) {
            b.append(" / ").append(compareRuns.stream().mapToLong(m -> m.totalIterationsProperty().get()).sum());
        }
        b.append(" iterations");
        compareRuns.stream().filter(m -> m.stateProperty().get() == RunState.RUNNING).findFirst()
                .ifPresent(m -> b.append(" · now ").append(m.title()));
        if (compareRuns.stream().allMatch(m -> over(m.stateProperty().get()))) {
            java.util.Map<RunState, Long> ends = new java.util.EnumMap<>(RunState.class);
            compareRuns.forEach(m -> ends.merge(m.stateProperty().get(), 1L, Long::sum));
            b.append(" · ").append(String.join(", ", ends.entrySet().stream().map(e -> e.getValue() + " "
                    + stateWord(e.getKey()).toLowerCase(java.util.Locale.ROOT)).toList()));
        }
        return b.toString();
    }

    private static boolean over(RunState s) {
        return s == RunState.FINISHED || s == RunState.CANCELLED || s == RunState.FAILED;
    }

    private static String stateWord(RunState s) {
        return switch (s) {
            case READY -> "Ready";
            case RUNNING -> "Training";
            case PAUSED -> "Paused";
            case FINISHED -> "Finished";
            case CANCELLED -> "Stopped";
            case FAILED -> "Failed";
        };
    }

    public void notify(String message) {
        notification.set(message);
    }

    public void dismissNotification() {
        notification.set("");
    }

    /** How often the status line may change; tests set 0 to see every update. */
    void setStatusIntervalMillis(long millis) {
        statusIntervalNanos = millis * 1_000_000L;
    }

    /** Reports a failure in one line: a user-fixable message as is, anything else with its type. */
    public static String describe(String what, Throwable t) {
        Throwable cause = t;
        while (!(cause instanceof UserException) && cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        if (cause instanceof UserException) {
            return cause.getMessage();
        }
        LOG.log(System.Logger.Level.DEBUG, what, t);
        String msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return what + ": " + msg.lines().findFirst().orElse(msg);
    }

    private void setRun(RunModel model) {
        RunModel old = run.get();
        if (old != null) {
            old.stateProperty().removeListener(stateWatcher);
        }
        run.set(model);
        model.stateProperty().addListener(stateWatcher);
        state.set(model.stateProperty().get());
        runDirectory.set(null);
        dataVersion.set(dataVersion.get() + 1);
    }

    private void onRunState(RunState now) {
        state.set(now);
        if (now != RunState.READY && control != null) {
            starting.set(false);
        }
        if (now == RunState.FAILED) {
            String m = run.get().messageProperty().get();
            notify(m == null || m.isBlank() ? "The run failed; lower the learning rate or s and start again." : m);
        }
    }

    private IterationSnapshot computeShown() {
        RunModel r = run.get();
        if (r == null) {
            return null;
        }
        int i = timelineIndex.get();
        List<IterationSnapshot> h = r.history();
        if (i < 0 || h.isEmpty()) {
            return r.latestProperty().get();
        }
        return h.get(Math.min(i, h.size() - 1));
    }

    private EpochSnapshot computeShownEpoch() {
        RunModel r = run.get();
        if (r == null) {
            return null;
        }
        IterationSnapshot s = shown.get();
        EpochSnapshot best = null;
        for (EpochSnapshot e : r.epochs()) {
            if (s == null || e.iteration() <= s.iteration() || timelineIndex.get() < 0) {
                best = e;
            }
        }
        return best;
    }
}
