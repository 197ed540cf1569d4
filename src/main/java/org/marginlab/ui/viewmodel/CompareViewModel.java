package org.marginlab.ui.viewmodel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.marginlab.config.TrainConfig;
import org.marginlab.loss.HeadKind;
import org.marginlab.run.RunState;

/**
 * The comparison: two to four heads trained one after another with the current settings (same seed
 * and data order), their run models, controls and directories. FX thread only.
 */
public final class CompareViewModel {
    private final SettingsViewModel settings;
    private final TrainingBackend backend;
    private final BackgroundExecutor executor;
    private final Consumer<String> notifier;
    private final ObservableList<RunModel> runs = FXCollections.observableArrayList();
    /** A comparison is starting or training: Start (F5) waits for it, so only one training runs. */
    private final ReadOnlyBooleanWrapper comparing = new ReadOnlyBooleanWrapper();
    private final List<TrainingBackend.Control> controls = new ArrayList<>();
    /** The compared runs' directories, in {@link #compareRuns} order once started; kept after they stop. */
    private final List<Path> directories = new ArrayList<>();

    public CompareViewModel(SettingsViewModel settings, TrainingBackend backend, BackgroundExecutor executor,
                     Consumer<String> notifier) {
        this.settings = settings;
        this.backend = backend;
        this.executor = executor;
        this.notifier = notifier;
    }

    public ObservableList<RunModel> compareRuns() {
        return runs;
    }

    public ReadOnlyBooleanProperty comparingProperty() {
        return comparing.getReadOnlyProperty();
    }

    /** Stop was asked for since the comparison started: a comparison still loading stops once its runs exist. */
    private boolean stopRequested;

    /** Where each compared run writes, in {@link #compareRuns} order; empty until the comparison has started. */
    public List<Path> compareDirectories() {
        return Collections.unmodifiableList(directories);
    }

    /** Runs the given heads side by side with the current settings (same seed and data order). */
    public void startCompare(List<HeadKind> heads) {
        if (heads.size() < 2 || heads.size() > 4) {
            notifier.accept("Pick two to four heads to compare.");
            return;
        }
        if (!settings.validProperty().get()) {
            notifier.accept("Fix the settings first — " + settings.firstErrorProperty().get());
            return;
        }
        stopCompare();
        stopRequested = false;
        TrainConfig base = settings.toConfig();
        List<TrainConfig> configs = new ArrayList<>();
        List<RunModel> models = new ArrayList<>();
        for (HeadKind h : heads) {
            TrainConfig c = base.withHead(h);
            configs.add(c);
            RunModel m = new RunModel(c, h.displayName());
            m.stateProperty().addListener((o, was, now) -> {
                if (now == RunState.FAILED) {
                    notifier.accept(m.title() + ": " + m.messageProperty().get());
                }
            });
            models.add(m);
        }
        directories.clear();
        runs.setAll(models);
        comparing.set(true);
        executor.submit(() -> backend.startCompare(configs, models.stream().map(RunModel::listener).toList()),
                started -> {
                    if (!runs.equals(models)) {
                        started.forEach(TrainingBackend.Control::cancel);
                        return;
                    }
                    controls.addAll(started);
                    for (int i = 0; i < started.size() && i < models.size(); i++) {
                        models.get(i).recordDataset(started.get(i).dataset());
                    }
                    started.forEach(c -> directories.add(c.directory()));
                    if (stopRequested) { // Stop (or Close → Stop and keep) came while the data loaded
                        stopCompare();
                    }
                },
                failure -> {
                    comparing.set(false);
                    notifier.accept(WorkbenchViewModel.describe("Could not start the comparison", failure));
                });
    }

    /** Stops the comparison's runs; one still loading stops as soon as its runs exist. */
    public void stopCompare() {
        stopRequested = true;
        controls.forEach(TrainingBackend.Control::cancel);
        controls.clear();
    }

    /** Takes in what the compared runs produced; a comparison whose runs all ended stops comparing. */
    public RunModel.Pulled pull() {
        RunModel.Pulled pulled = RunModel.Pulled.NOTHING;
        for (RunModel m : runs) {
            pulled = pulled.and(m.pull());
        }
        if (comparing.get() && runs.stream().allMatch(m -> ended(m.stateProperty().get()))) {
            comparing.set(false);
            pulled = pulled.and(RunModel.Pulled.PROGRESS);
        }
        return pulled;
    }

    /** Whether a run in this state trains no more. */
    public static boolean ended(RunState s) {
        return s == RunState.FINISHED || s == RunState.CANCELLED || s == RunState.FAILED;
    }
}
