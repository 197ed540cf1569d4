package org.marginlab.ui;

import org.marginlab.ui.viewmodel.WorkbenchViewModel;
import org.marginlab.ui.viewmodel.WorkbenchPreferences;
import org.marginlab.ui.viewmodel.BackgroundExecutor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;


import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.marginlab.devtools.ScreenshotMaker;
import org.marginlab.figures.catalog.FigureKind;
import org.marginlab.figures.RunData;
import org.marginlab.loss.HeadKind;
import org.marginlab.run.IterationSnapshot;
import org.marginlab.run.RunState;
import org.marginlab.train.TrainingListener;
import org.marginlab.ui.viewmodel.SettingsViewModel;
import org.marginlab.ui.views.FigureCanvas;

/**
 * The window's one data revision moves exactly once per pull that brought data of the current run or
 * of a compared run, and when the current run changes; never for progress alone. Views redraw then.
 */
class DataRevisionTest {
    @RegisterExtension
    final ShownWindows windows = new ShownWindows();
    private final RecordingBackend backend = new RecordingBackend();
    private final WorkbenchViewModel vm = new WorkbenchViewModel(new SettingsViewModel(), backend, BackgroundExecutor.synchronous());

    @TempDir
    Path tmp;

    private long revision() {
        return vm.revision().get();
    }

    @Test
    void movesOncePerPullThatBroughtDataOfTheCurrentRun() {
        long r0 = revision();
        vm.control().start();
        assertEquals(r0 + 1, revision(), "another current run is new data");
        TrainingListener l = backend.listeners.get(0);

        l.onProgress(1, 10, 0);
        assertFalse(vm.pull());
        assertEquals(r0 + 1, revision(), "progress alone is no new data");

        l.onStateChanged(RunState.RUNNING, "running");
        l.onIteration(Snapshots.iteration(2, 10, 2));
        l.onEpoch(Snapshots.epoch(0, 2, 10));
        assertTrue(vm.pull());
        assertEquals(r0 + 2, revision(), "a state, a snapshot and an epoch in one pull move it once");

        assertFalse(vm.pull());
        assertEquals(r0 + 2, revision(), "no news");

        l.onStateChanged(RunState.PAUSED, "paused");
        assertTrue(vm.pull());
        assertEquals(r0 + 3, revision(), "a state change alone is data: the views show it");
    }

    @Test
    void comparedRunsMoveItTooButOncePerPull() {
        vm.control().start();
        vm.compare().startCompare(List.of(HeadKind.SOFTMAX, HeadKind.ARCFACE));
        TrainingListener single = backend.listeners.get(0);
        TrainingListener a = backend.listeners.get(1);
        TrainingListener b = backend.listeners.get(2);
        long r0 = revision();

        a.onProgress(3, 40, 0);
        assertFalse(vm.pull());
        assertEquals(r0, revision(), "a compared run's progress alone is no new data");

        b.onIteration(Snapshots.iteration(5, 10, 1));
        assertTrue(vm.pull());
        assertEquals(r0 + 1, revision(), "a compared run's snapshot is");

        single.onIteration(Snapshots.iteration(7, 10, 1));
        a.onIteration(Snapshots.iteration(7, 10, 1));
        b.onIteration(Snapshots.iteration(9, 10, 1));
        assertTrue(vm.pull());
        assertEquals(r0 + 2, revision(), "three runs' snapshots in one pull move it once");
    }

    @Test
    void theFiguresRunDataAndTheTimelineAreRebuiltExactlyWhenItMoves() {
        vm.control().start();
        TrainingListener l = backend.listeners.get(0);
        IterationSnapshot s5 = Snapshots.iteration(5, 10, 2);
        l.onIteration(s5);
        vm.pull();
        RunData first = vm.control().runData();
        assertEquals(List.of(s5), first.iterations());
        assertSame(s5, vm.timeline().shownProperty().get());

        l.onProgress(6, 10, 0);
        vm.pull();
        assertSame(first, vm.control().runData(), "progress alone leaves the cached data");

        IterationSnapshot s6 = Snapshots.iteration(6, 10, 2);
        l.onIteration(s6);
        vm.pull();
        RunData second = vm.control().runData();
        assertNotSame(first, second);
        assertEquals(List.of(s5, s6), second.iterations());
        assertSame(s6, vm.timeline().shownProperty().get(), "the live timeline follows the new snapshot");

        vm.timeline().timelineIndexProperty().set(0);
        assertSame(s5, vm.timeline().shownProperty().get());
        l.onStateChanged(RunState.CANCELLED, "stopped");
        vm.pull();
        vm.control().start();
        assertEquals(2, backend.started.size());
        assertEquals(-1, vm.timeline().timelineIndexProperty().get(), "another run starts at its live end");
        assertEquals(null, vm.timeline().shownProperty().get());
    }

    /** On the real window: the frame clock repaints the visible figure after a pull with data, not after progress. */
    @Test
    void theFrameClockRedrawsTheFiguresOnlyWhenItMoved() {
        ScreenshotMaker.startToolkit();
        ScreenshotMaker.onFx(() -> {
            WorkbenchWindow w = WorkbenchApp.build(new WorkbenchPreferences(tmp.resolve("prefs.json")), backend,
                    BackgroundExecutor.synchronous());
            windows.showStill(w, 1000, 720);
            w.selectTab(FigureKind.EMBEDDING_CIRCLE.label());
            w.root().applyCss();
            w.root().layout();
            FigureCanvas embedding = w.view(FigureKind.EMBEDDING_CIRCLE.label()).canvas();
            // The clock's timer is not started: each tick below is one pull a second after the last.
            long[] now = {0};
            Runnable tick = () -> w.clock().tick(now[0] += 1_000_000_000L);
            try {
                w.model().settings().textProperty(org.marginlab.config.ConfigField.DIM).set("2");
                w.model().control().start();
                TrainingListener l = backend.listeners.get(0);
                l.onStateChanged(RunState.RUNNING, "running");
                l.onIteration(Snapshots.iteration(1, 10, 3));
                tick.run();
                tick.run();
                long painted = embedding.paints();
                long revision = w.model().revision().get();

                l.onProgress(2, 10, 0);
                tick.run();
                assertEquals(revision, w.model().revision().get());
                assertEquals(painted, embedding.paints(), "progress alone repaints no figure");

                l.onIteration(Snapshots.iteration(3, 10, 3));
                tick.run();
                assertEquals(revision + 1, w.model().revision().get());
                assertEquals(painted + 1, embedding.paints(), "a new snapshot is painted at once, once");
            } finally {
                w.model().stop();
            }
            return null;
        });
    }
}
