package org.marginlab.ui.viewmodel;

import java.nio.file.Path;
import java.util.function.Consumer;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableBooleanValue;

import org.marginlab.UserException;
import org.marginlab.config.LiveField;
import org.marginlab.config.TrainConfig;
import org.marginlab.figures.RunData;
import org.marginlab.run.RunState;

/**
 * The current run (trained here or opened) and its control: start, pause, step, stop, continue and
 * live changes, with whether each is possible now. FX thread only; talks to the engine only through
 * {@link TrainingBackend}.
 */
public final class RunControlViewModel {
    private final SettingsViewModel settings;
    private final TrainingBackend backend;
    private final BackgroundExecutor executor;
    private final DataRevision revision;
    private final Consumer<String> notifier;
    private final Runnable pullAll;

    private final ReadOnlyObjectWrapper<RunModel> run = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<RunState> state = new ReadOnlyObjectWrapper<>(RunState.READY);
    private final ReadOnlyBooleanWrapper starting = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper device = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Path> runDirectory = new ReadOnlyObjectWrapper<>();
    private final BooleanBinding canStart;
    private final BooleanBinding canPauseResume;
    private final BooleanBinding canStep;
    private final BooleanBinding canStop;
    private final BooleanBinding canContinue;
    private final ChangeListener<RunState> stateWatcher = (obs, was, now) -> onRunState(now);

    private TrainingBackend.Control control;
    private RunData cachedData;
    private RunModel cachedRun;
    private long cachedRevision = -1;

    /**
     * {@code comparing}: a comparison trains, so Start waits for it (only one training runs);
     * {@code pullAll}: the window's pull, which a run that just started needs at once.
     */
    public RunControlViewModel(SettingsViewModel settings, TrainingBackend backend, BackgroundExecutor executor,
                        DataRevision revision, Consumer<String> notifier, ObservableBooleanValue comparing,
                        Runnable pullAll) {
        this.settings = settings;
        this.backend = backend;
        this.executor = executor;
        this.revision = revision;
        this.notifier = notifier;
        this.pullAll = pullAll;
        BooleanBinding active = Bindings.createBooleanBinding(
                () -> state.get() == RunState.RUNNING || state.get() == RunState.PAUSED, state);
        canStart = settings.validProperty().and(active.not()).and(starting.not())
                .and(Bindings.createBooleanBinding(() -> !comparing.get(), comparing));
        canPauseResume = active;
        canStep = Bindings.createBooleanBinding(() -> state.get() == RunState.PAUSED, state);
        canStop = active.or(starting);
        canContinue = Bindings.createBooleanBinding(() -> runDirectory.get() != null && !starting.get()
                && (state.get() == RunState.CANCELLED || state.get() == RunState.FAILED), runDirectory, starting, state);
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

    public ReadOnlyStringProperty deviceProperty() {
        return device.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Path> runDirectoryProperty() {
        return runDirectory.getReadOnlyProperty();
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

    /** Whether the run shown was stopped (or failed) and can continue from its last checkpoint. */
    public BooleanBinding canContinueProperty() {
        return canContinue;
    }

    /** The current run as the figures take it; rebuilt only when the data revision moved. */
    public RunData runData() {
        RunModel r = run.get();
        if (r == null) {
            return null;
        }
        // Keyed on the run too: listeners of the run property ask before the revision moves.
        if (cachedRun != r || cachedRevision != revision.get() || cachedData == null) {
            cachedData = r.toRunData();
            cachedRun = r;
            cachedRevision = revision.get();
        }
        return cachedData;
    }

    /** Starts a run with the current settings; does nothing unless {@link #canStartProperty()}. */
    public void start() {
        if (!canStart.get()) {
            if (!settings.validProperty().get()) {
                notifier.accept("Fix the settings first — " + settings.firstErrorProperty().get());
            }
            return;
        }
        TrainConfig config = settings.toConfig();
        RunModel model = new RunModel(config, config.head().displayName() + ", d = " + config.dim());
        setRun(model);
        control = null;
        starting.set(true);
        notifier.accept(""); // an empty notification is none: the last run's message goes
        executor.submit(() -> backend.start(config, model.listener()), c -> {
            if (run.get() != model) {
                starting.set(false);
                c.cancel();
                return;
            }
            control = c;
            model.recordDataset(c.dataset());
            device.set(c.device());
            runDirectory.set(c.directory());
            String found = backend.dataSummary();
            if (config.dataDir() != null && found != null) {
                notifier.accept("Training on " + found); // what --data found, as the CLI says it
            }
            // Starting ends with the run's first state, not before: in between, Start would look
            // enabled and Stop disabled for a frame.
            pullAll.run();
            if (state.get() != RunState.READY) {
                starting.set(false);
            }
        }, failure -> {
            starting.set(false);
            state.set(RunState.FAILED);
            notifier.accept(WorkbenchViewModel.describe("Could not start the run", failure));
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
    }

    /**
     * Sets a setting of the running (or paused) run from its next iteration on; a refused value becomes
     * the notification. Check values first with {@link LiveKnobsView#problem}.
     */
    public void change(LiveField field, double value) {
        if (control == null || !canPauseResume.get()) {
            notifier.accept("Start a run first: settings change live only while a run trains or is paused.");
            return;
        }
        try {
            control.change(field, value);
        } catch (UserException e) {
            notifier.accept(e.getMessage());
        }
    }

    /**
     * Continues the stopped run shown (opened from disk or stopped here) from its last checkpoint, in its
     * directory; its snapshots so far stay on the timeline.
     */
    public void continueRun() {
        RunModel old = run.get();
        Path dir = runDirectory.get();
        if (!canContinue.get()) {
            notifier.accept("Open or stop a run first: only a stopped run with a checkpoint can continue.");
            return;
        }
        RunModel model = new RunModel(old.config(), old.title());
        model.loadStored(old.history(), old.epochs(), old.changes(), old.stateProperty().get());
        setRun(model);
        runDirectory.set(dir);
        control = null;
        starting.set(true);
        notifier.accept("");
        executor.submit(() -> backend.resume(dir, model.listener()), c -> {
            control = c;
            device.set(c.device());
            pullAll.run();
            if (state.get() == RunState.RUNNING || state.get() == RunState.PAUSED) {
                starting.set(false);
            }
        }, failure -> {
            starting.set(false);
            notifier.accept(WorkbenchViewModel.describe("Could not continue the run", failure));
        });
    }

    /** PyTorch's CPU threads from the next iteration on, for this run and the next. */
    public void setThreads(int threads) {
        backend.setThreads(threads);
    }

    /** Shows a run read from disk (e.g. via the engine's RunReader) as the current run. */
    public void showStored(RunModel model, Path directory, String deviceName) {
        control = null;
        setRun(model);
        runDirectory.set(directory);
        device.set(deviceName == null ? "" : deviceName);
        settings.load(model.config());
    }

    /** Takes in what the current run produced since the last pull. */
    public RunModel.Pulled pull() {
        RunModel r = run.get();
        if (r == null) {
            return RunModel.Pulled.NOTHING;
        }
        r.takeNotices().forEach(notifier); // e.g. a continued run set aside records it computed otherwise
        return r.pull();
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
        revision.bump();
    }

    private void onRunState(RunState now) {
        state.set(now);
        if (now != RunState.READY && control != null) {
            starting.set(false);
        }
        if (now == RunState.FAILED) {
            String m = run.get().messageProperty().get();
            notifier.accept(m == null || m.isBlank() ? "The run failed; lower the learning rate or s and start again." : m);
        }
    }
}
