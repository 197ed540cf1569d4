package org.marginlab.ui;

import org.marginlab.ui.viewmodel.WorkbenchViewModel;
import org.marginlab.ui.viewmodel.BackgroundExecutor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.marginlab.loss.HeadKind;
import org.marginlab.run.IterationSnapshot;
import org.marginlab.run.RunState;
import org.marginlab.config.TrainConfig;
import org.marginlab.train.TrainingListener;
import org.marginlab.ui.viewmodel.RunModel;
import org.marginlab.ui.viewmodel.SettingsViewModel;

/** Run → Continue stopped run: the run goes on in its directory; the snapshots it re-sends replace the old tail. */
class ContinueRunTest {
    private final RecordingBackend backend = new RecordingBackend();
    private final WorkbenchViewModel vm = new WorkbenchViewModel(new SettingsViewModel(), backend, BackgroundExecutor.synchronous());

    @Test
    void aStoppedRunContinuesFromItsCheckpoint() {
        assertFalse(vm.control().canContinueProperty().get(), "no run");
        RunModel stored = new RunModel(TrainConfig.defaults(HeadKind.ARCFACE), "ArcFace, d = 3");
        stored.loadStored(List.of(Snapshots.iteration(0, 10, 3), Snapshots.iteration(10, 10, 3),
                Snapshots.iteration(20, 10, 3)), List.of(), RunState.CANCELLED);
        Path dir = Path.of("runs", "stopped");
        vm.control().showStored(stored, dir, "cpu()");
        assertTrue(vm.control().canContinueProperty().get());

        vm.control().continueRun();
        assertEquals(List.of("resume " + dir), backend.calls);
        assertFalse(vm.control().canContinueProperty().get(), "continuing");
        assertEquals(dir, vm.control().runDirectoryProperty().get());
        TrainingListener l = backend.listeners.getFirst();
        l.onStateChanged(RunState.RUNNING, "running");
        // Checkpoint at 10: the engine recomputes 20 and goes on.
        l.onIteration(Snapshots.iteration(20, 10, 3));
        l.onIteration(Snapshots.iteration(30, 10, 3));
        vm.pull();
        assertEquals(RunState.RUNNING, vm.control().stateProperty().get());
        assertFalse(vm.control().startingProperty().get());
        assertEquals(List.of(0L, 10L, 20L, 30L),
                vm.control().runProperty().get().history().stream().map(IterationSnapshot::iteration).toList());
        assertFalse(vm.control().canContinueProperty().get());
        vm.control().togglePause();
        assertEquals("resumed pause", backend.calls.getLast());

        // A record the continued run computed otherwise: the engine's one line reaches the notification bar.
        String line = dir + ": the resumed run's row of iteration 40 in metrics.csv differs from the one on record";
        l.onNotice(line);
        assertEquals("", vm.notificationProperty().get(), "the training thread only queues it");
        vm.pull();
        assertEquals(line, vm.notificationProperty().get());
    }
}
