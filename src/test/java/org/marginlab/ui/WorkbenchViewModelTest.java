package org.marginlab.ui;

import org.marginlab.ui.viewmodel.WorkbenchViewModel;
import org.marginlab.ui.viewmodel.BackgroundExecutor;
import org.marginlab.config.ConfigField;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.marginlab.UserException;
import org.marginlab.loss.HeadKind;
import org.marginlab.run.IterationSnapshot;
import org.marginlab.run.RunState;
import org.marginlab.train.TrainingListener;
import org.marginlab.ui.viewmodel.RunModel;
import org.marginlab.ui.viewmodel.SettingsViewModel;

class WorkbenchViewModelTest {
    private final RecordingBackend backend = new RecordingBackend();
    private final WorkbenchViewModel vm = new WorkbenchViewModel(new SettingsViewModel(), backend, BackgroundExecutor.synchronous());

    {
        vm.status().setStatusIntervalMillis(0);
    }

    @Test
    void startFeedsSnapshotsAndControlsTheRun() {
        vm.settings().selectHead(HeadKind.COSFACE);
        vm.settings().textProperty(ConfigField.DIM).set("2");
        assertTrue(vm.control().canStartProperty().get());
        vm.control().start();
        assertEquals(1, backend.started.size());
        assertEquals(HeadKind.COSFACE, backend.started.get(0).head());
        assertEquals(2, backend.started.get(0).dim());
        assertEquals(Path.of("runs", "run1"), vm.control().runDirectoryProperty().get());

        TrainingListener l = backend.listeners.get(0);
        l.onStateChanged(RunState.RUNNING, "running");
        IterationSnapshot s5 = Snapshots.iteration(5, 10, 3);
        l.onIteration(Snapshots.iteration(0, 10, 3));
        l.onIteration(s5);
        l.onProgress(5, 10, 0);
        // Nothing reaches the properties until the frame clock pulls.
        assertEquals(RunState.READY, vm.control().stateProperty().get());
        assertTrue(vm.pull());
        assertEquals(RunState.RUNNING, vm.control().stateProperty().get());
        assertSame(s5, vm.timeline().shownProperty().get());
        assertEquals(0.5, vm.status().progressProperty().get(), 1e-12);
        assertTrue(vm.status().statusTextProperty().get().contains("iteration 5 / 10"), vm.status().statusTextProperty().get());
        assertFalse(vm.control().canStartProperty().get());
        assertFalse(vm.control().canStepProperty().get());
        assertFalse(vm.pull(), "no news, no redraw");
        l.onProgress(6, 10, 0);
        assertFalse(vm.pull(), "progress alone redraws no figure");
        assertEquals(6, vm.control().runProperty().get().iterationProperty().get(), "but is taken in");

        vm.control().togglePause();
        l.onStateChanged(RunState.PAUSED, "paused at iteration 5");
        vm.pull();
        assertTrue(vm.control().canStepProperty().get());
        vm.control().step();
        vm.control().togglePause();
        vm.stop();
        assertEquals(List.of("run1 pause", "run1 step", "run1 resume", "run1 cancel"), backend.calls);
    }

    @Test
    void startingLastsUntilTheRunReportsItsFirstState() {
        vm.control().start();
        // The engine has the run but has not reported a state yet: Start must not come back on.
        assertTrue(vm.control().startingProperty().get());
        assertFalse(vm.control().canStartProperty().get());
        assertTrue(vm.control().canStopProperty().get());
        backend.listeners.get(0).onStateChanged(RunState.RUNNING, "running");
        vm.pull();
        assertFalse(vm.control().startingProperty().get());
        assertFalse(vm.control().canStartProperty().get());
        assertTrue(vm.control().canPauseResumeProperty().get());
    }

    @Test
    void timelineShowsAnEarlierSnapshot() {
        vm.control().start();
        TrainingListener l = backend.listeners.get(0);
        IterationSnapshot first = Snapshots.iteration(10, 10, 2);
        l.onIteration(first);
        l.onIteration(Snapshots.iteration(20, 10, 2));
        l.onEpoch(Snapshots.epoch(0, 15, 10));
        vm.pull();
        assertEquals(20, vm.timeline().shownProperty().get().iteration());
        assertEquals(0, vm.timeline().shownEpochProperty().get().epoch());
        vm.timeline().timelineIndexProperty().set(0);
        assertSame(first, vm.timeline().shownProperty().get());
        // The epoch ended at iteration 15, after the shown snapshot.
        assertEquals(null, vm.timeline().shownEpochProperty().get());
        vm.timeline().timelineIndexProperty().set(-1);
        assertEquals(20, vm.timeline().shownProperty().get().iteration());
    }

    @Test
    void invalidSettingsAndStartFailuresBecomeOneLineNotifications() {
        vm.settings().textProperty(ConfigField.BATCH).set("0");
        assertFalse(vm.control().canStartProperty().get());
        vm.control().start();
        assertTrue(backend.started.isEmpty());
        assertEquals("Fix the settings first — Batch size: must be an integer in [1, 4096]", vm.notificationProperty().get());

        vm.settings().textProperty(ConfigField.BATCH).set("64");
        backend.failOnStart = new IllegalStateException("wrapped", new UserException("no Fashion-MNIST in ./datasets; choose a dataset folder"));
        vm.control().start();
        assertEquals("no Fashion-MNIST in ./datasets; choose a dataset folder", vm.notificationProperty().get());
        assertEquals(RunState.FAILED, vm.control().stateProperty().get());
        assertTrue(vm.control().canStartProperty().get(), "a failed start can be retried");

        backend.failOnStart = null;
        vm.control().start();
        backend.listeners.get(0).onStateChanged(RunState.FAILED, "loss became NaN at iteration 7; lower the learning rate");
        vm.pull();
        assertEquals("loss became NaN at iteration 7; lower the learning rate", vm.notificationProperty().get());
    }

    @Test
    void compareStartsTwoToFourHeadsWithTheSameSeed() {
        vm.compare().startCompare(List.of(HeadKind.SOFTMAX));
        assertEquals("Pick two to four heads to compare.", vm.notificationProperty().get());
        vm.compare().startCompare(List.of(HeadKind.SOFTMAX, HeadKind.COSFACE, HeadKind.ARC));
        assertEquals(3, vm.compare().compareRuns().size());
        assertEquals(List.of(HeadKind.SOFTMAX, HeadKind.COSFACE, HeadKind.ARC),
                backend.started.stream().map(c -> c.head()).toList());
        assertEquals(1, backend.started.stream().map(c -> c.seed()).distinct().count());
        backend.listeners.get(1).onIteration(Snapshots.iteration(3, 10, 1));
        assertTrue(vm.pull());
        assertEquals(3, vm.compare().compareRuns().get(1).latestProperty().get().iteration());
        backend.listeners.get(1).onProgress(3, 150, 0);
        vm.pull();
        assertEquals("Comparing 3 heads · 3 iterations", vm.status().statusTextProperty().get(), "totals not known yet");
        vm.compare().stopCompare();
        assertEquals(List.of("cmp0 cancel", "cmp1 cancel", "cmp2 cancel"), backend.calls);
    }

    @Test
    void aComparisonLocksStartAndOwnsTheStatusLineWhileItTrainsThenOnItsTab() {
        vm.control().start();
        TrainingListener single = backend.listeners.get(0);
        single.onProgress(468, 468, 0);
        single.onStateChanged(RunState.FINISHED, "finished");
        vm.pull();
        assertTrue(vm.status().statusTextProperty().get().startsWith("Finished"), vm.status().statusTextProperty().get());

        vm.compare().startCompare(List.of(HeadKind.SOFTMAX, HeadKind.ARCFACE));
        assertFalse(vm.control().canStartProperty().get(), "Start (F5) waits for the comparison");
        vm.control().start();
        assertEquals(3, backend.started.size(), "F5 during a comparison starts nothing");
        TrainingListener a = backend.listeners.get(1);
        TrainingListener b = backend.listeners.get(2);
        a.onStateChanged(RunState.RUNNING, "running");
        a.onProgress(30, 40, 0);
        b.onProgress(10, 40, 0);
        vm.pull();
        assertEquals("Comparing 2 heads · 40 / 80 iterations · now Softmax", vm.status().statusTextProperty().get());
        assertEquals(40.0 / 80, vm.status().progressProperty().get(), 1e-12);

        a.onStateChanged(RunState.FINISHED, "finished");
        vm.pull();
        assertFalse(vm.control().canStartProperty().get(), "one head still trains");
        b.onStateChanged(RunState.CANCELLED, "stopped");
        vm.pull();
        assertTrue(vm.control().canStartProperty().get());
        // Ended: its line stays on the Compare tab only; the other tabs show their own (single) run.
        assertTrue(vm.status().statusTextProperty().get().startsWith("Finished"), vm.status().statusTextProperty().get());
        assertEquals(1.0, vm.status().progressProperty().get(), 1e-12);
        vm.status().compareShownProperty().set(true);
        assertEquals("Comparing 2 heads · 40 / 80 iterations · 1 finished, 1 stopped", vm.status().statusTextProperty().get());
        assertEquals(40.0 / 80, vm.status().progressProperty().get(), 1e-12);
        vm.status().compareShownProperty().set(false);
        assertTrue(vm.status().statusTextProperty().get().startsWith("Finished"), vm.status().statusTextProperty().get());
        vm.control().start();
        assertEquals(4, backend.started.size());
    }

    @Test
    void historyIsThinnedBeyondItsLimit() {
        RunModel m = new RunModel(org.marginlab.config.TrainConfig.defaults(HeadKind.ARC), "t");
        for (int i = 0; i < RunModel.HISTORY_LIMIT + 10; i++) {
            m.listener().onIteration(Snapshots.iteration(i, 2, 1));
        }
        m.pull();
        assertTrue(m.history().size() <= RunModel.HISTORY_LIMIT);
        assertEquals(RunModel.HISTORY_LIMIT + 9, m.history().get(m.history().size() - 1).iteration());
        assertEquals(1, m.history().get(0).iteration() % 2, "every other old snapshot was dropped");
    }

    @org.junit.jupiter.api.io.TempDir
    Path tmp;

    @Test
    void saveRunAsCopiesTheRunDirectory() throws Exception {
        Path run = java.nio.file.Files.createDirectories(tmp.resolve("runs/20260101-000000-arc/sub"));
        java.nio.file.Files.writeString(run.getParent().resolve("config.json"), "{\"head\":\"arc\"}");
        java.nio.file.Files.writeString(run.resolve("x.bin"), "abc");
        RunModel m = new RunModel(org.marginlab.config.TrainConfig.defaults(HeadKind.ARC), "arc");
        vm.control().showStored(m, run.getParent(), "cpu()");
        java.util.List<Path> saved = new java.util.ArrayList<>();
        Path copy = tmp.resolve("keep/20260101-000000-arc");
        vm.files().saveRunAs(copy, saved::add);
        assertEquals(List.of(copy), saved);
        assertEquals("{\"head\":\"arc\"}", java.nio.file.Files.readString(copy.resolve("config.json")));
        assertEquals("abc", java.nio.file.Files.readString(copy.resolve("sub/x.bin")));
        vm.files().saveRunAs(copy, saved::add);
        assertTrue(vm.notificationProperty().get().contains("already exists"), vm.notificationProperty().get());
    }

    @Test
    void saveRunAsIsNotBlockedByAStaleCopyAndAFailedCopyLeavesNothing() throws Exception {
        Path run = java.nio.file.Files.createDirectories(tmp.resolve("runs/20260101-000000-arc"));
        java.nio.file.Files.writeString(run.resolve("config.json"), "{\"head\":\"arc\"}");
        RunModel m = new RunModel(org.marginlab.config.TrainConfig.defaults(HeadKind.ARC), "arc");
        vm.control().showStored(m, run, "cpu()");
        // a save killed half-way (the window closed, a crash) left its temporary copy beside the target
        Path copy = tmp.resolve("keep/arc");
        Path stale = java.nio.file.Files.createDirectories(tmp.resolve("keep/arc.partial"));
        java.nio.file.Files.writeString(stale.resolve("config.json"), "half");
        java.util.List<Path> saved = new java.util.ArrayList<>();
        vm.files().saveRunAs(copy, saved::add);
        assertEquals(List.of(copy), saved, vm.notificationProperty().get());
        assertEquals("{\"head\":\"arc\"}", java.nio.file.Files.readString(copy.resolve("config.json")));

        // a file that cannot be copied (a link to nothing) fails the save, and nothing half-copied stays
        java.nio.file.Files.createSymbolicLink(run.resolve("gone.bin"), tmp.resolve("nowhere"));
        Path second = tmp.resolve("keep2/arc");
        vm.files().saveRunAs(second, saved::add);
        assertEquals(1, saved.size());
        assertTrue(vm.notificationProperty().get().startsWith("Could not save the run to " + second), vm.notificationProperty().get());
        try (var left = java.nio.file.Files.list(second.getParent())) {
            assertEquals(List.of(), left.toList());
        }
    }

    @Test
    void aFailureIsDescribedInWordsNeverByItsClassOrABarePath() {
        // a folder deleted between the pick and the read: NoSuchFileException's message is only the path
        assertEquals("Could not open /r/a: /r/a/config.json: no such file or folder", org.marginlab.ui.viewmodel
                .WorkbenchViewModel.describe("Could not open /r/a", new java.nio.file.NoSuchFileException("/r/a/config.json")));
        // wrapped by the executor, a full disk: the OS's words, lower-cased as IoErrors says them
        assertEquals("Could not save the run to /k: no space left on device", org.marginlab.ui.viewmodel.WorkbenchViewModel
                .describe("Could not save the run to /k", new java.util.concurrent.CompletionException(
                        new java.io.IOException("No space left on device"))));
        // a failure with no message of its own: no class name reaches the window
        assertEquals("Could not open /r/a: an internal error (details in the log)", org.marginlab.ui.viewmodel
                .WorkbenchViewModel.describe("Could not open /r/a", new NullPointerException()));
        // a wrapper's message is "java.lang.IllegalArgumentException: …": the innermost cause says it in words
        assertEquals("Could not start: s must be > 0", org.marginlab.ui.viewmodel.WorkbenchViewModel.describe(
                "Could not start", new IllegalStateException(new IllegalArgumentException("s must be > 0"))));
    }

    @Test
    void saveRunAsRefusesARunAnotherWriterIsWriting() throws Exception {
        // the run shown is stopped here, but a writer (marginlab train --resume in a terminal, the Compare tab)
        // holds its lock: a copy now could catch a record half-appended
        Path run = java.nio.file.Files.createDirectories(tmp.resolve("runs/20260101-000000-arc"));
        java.nio.file.Files.writeString(run.resolve("config.json"), "{\"head\":\"arc\"}");
        RunModel m = new RunModel(org.marginlab.config.TrainConfig.defaults(HeadKind.ARC), "arc");
        vm.control().showStored(m, run, "cpu()");
        Path copy = tmp.resolve("keep/arc");
        java.util.List<Path> saved = new java.util.ArrayList<>();
        try (org.marginlab.run.RunLock lock = org.marginlab.run.RunLock.acquire(run)) {
            vm.files().saveRunAs(copy, saved::add);
        }
        assertEquals(List.of(), saved);
        assertEquals(false, java.nio.file.Files.exists(copy));
        String line = vm.notificationProperty().get();
        assertTrue(line.startsWith(run + " is being written by process " + ProcessHandle.current().pid() + " on "), line);
        assertTrue(line.endsWith("; stop that run, then save a copy (nothing was copied)"), line);
    }
}
