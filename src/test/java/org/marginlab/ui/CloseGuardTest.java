package org.marginlab.ui;

import org.marginlab.ui.viewmodel.WorkbenchViewModel;
import org.marginlab.ui.viewmodel.BackgroundExecutor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javafx.stage.WindowEvent;

import org.junit.jupiter.api.Test;
import org.marginlab.run.RunState;
import org.marginlab.train.TrainingListener;
import org.marginlab.ui.viewmodel.SettingsViewModel;

class CloseGuardTest {
    private final RecordingBackend backend = new RecordingBackend();
    private final WorkbenchViewModel vm = new WorkbenchViewModel(new SettingsViewModel(), backend, BackgroundExecutor.synchronous());
    private final List<String> events = new ArrayList<>();

    private CloseGuard guard(CloseGuard.Choice answer) {
        return new CloseGuard(vm, () -> {
            events.add("asked");
            return answer;
        }, () -> events.add("saved"), () -> events.add("clock stopped"), () -> events.add("hidden"),
                () -> events.add("exited"));
    }

    private TrainingListener running() {
        vm.control().start();
        TrainingListener l = backend.listeners.getFirst();
        l.onStateChanged(RunState.RUNNING, "running");
        vm.pull();
        return l;
    }

    private static WindowEvent closeRequest() {
        return new WindowEvent(null, WindowEvent.WINDOW_CLOSE_REQUEST);
    }

    @Test
    void withoutARunTheWindowClosesAtOnce() {
        WindowEvent e = closeRequest();
        guard(CloseGuard.Choice.CANCEL).onCloseRequest(e);
        assertEquals(List.of("saved", "clock stopped"), events);
        assertFalse(e.isConsumed(), "the window closes as usual");
    }

    @Test
    void stopAndKeepStopsThenClosesWhenTheRunHasEnded() {
        TrainingListener l = running();
        guard(CloseGuard.Choice.STOP_AND_KEEP).onCloseRequest(closeRequest());
        assertEquals(List.of("asked"), events, "still open until the run has written its summary");
        assertEquals(List.of("run1 cancel"), backend.calls);
        l.onStateChanged(RunState.CANCELLED, "stopped at iteration 7 of 468");
        vm.pull();
        assertEquals(List.of("asked", "saved", "clock stopped", "hidden"), events, "closing the last window ends the app");
    }

    @Test
    void keepTrainingClosesTheWindowAndExitsWhenTheRunEnds() {
        TrainingListener l = running();
        guard(CloseGuard.Choice.KEEP_TRAINING).onCloseRequest(closeRequest());
        assertEquals(List.of("asked", "saved", "hidden"), events);
        assertEquals(List.of(), backend.calls, "the run goes on");
        l.onStateChanged(RunState.FINISHED, "finished 468 iterations");
        vm.pull();
        assertEquals(List.of("asked", "saved", "hidden", "clock stopped", "exited"), events);
    }

    @Test
    void cancelKeepsEverything() {
        running();
        guard(CloseGuard.Choice.CANCEL).onCloseRequest(closeRequest());
        assertEquals(List.of("asked"), events);
        assertEquals(List.of(), backend.calls);
    }

    /** A comparison still loading (its runs not yet training) counts: closing asks, and Stop and keep waits for it. */
    @Test
    void aComparisonStillStartingAsksToo() {
        vm.compare().startCompare(List.of(org.marginlab.loss.HeadKind.SOFTMAX, org.marginlab.loss.HeadKind.ARCFACE));
        assertEquals("the comparison's 2 runs train to their end in " + Path.of("runs", "cmp0") + ", " + Path.of("runs", "cmp1"),
                guard(CloseGuard.Choice.CANCEL).stillTraining());
        guard(CloseGuard.Choice.STOP_AND_KEEP).onCloseRequest(closeRequest());
        assertEquals(List.of("asked"), events);
        assertEquals(List.of("cmp0 cancel", "cmp1 cancel"), backend.calls);
        backend.listeners.get(0).onStateChanged(RunState.CANCELLED, "stopped");
        vm.pull();
        assertEquals(List.of("asked"), events, "one compared run is still going");
        backend.listeners.get(1).onStateChanged(RunState.CANCELLED, "stopped");
        vm.pull();
        assertEquals(List.of("asked", "saved", "clock stopped", "hidden"), events);
    }

    /**
     * With the data still loading when Stop and keep is chosen (nothing to cancel yet), the runs are stopped
     * as soon as they exist, and the window closes once they have.
     */
    @Test
    void stopAndKeepStopsAComparisonThatWasStillLoading() {
        List<Runnable> loading = new ArrayList<>();
        BackgroundExecutor later = new BackgroundExecutor() {
            @Override
            public <T> void submit(java.util.concurrent.Callable<T> work, java.util.function.Consumer<T> onSuccess,
                                   java.util.function.Consumer<Throwable> onFailure) {
                loading.add(() -> BackgroundExecutor.synchronous().submit(work, onSuccess, onFailure));
            }
        };
        WorkbenchViewModel deferred = new WorkbenchViewModel(new SettingsViewModel(), backend, later);
        CloseGuard g = new CloseGuard(deferred, () -> {
            events.add("asked");
            return CloseGuard.Choice.STOP_AND_KEEP;
        }, () -> events.add("saved"), () -> events.add("clock stopped"), () -> events.add("hidden"), () -> events.add("exited"));
        deferred.compare().startCompare(List.of(org.marginlab.loss.HeadKind.SOFTMAX, org.marginlab.loss.HeadKind.ARCFACE));
        g.onCloseRequest(closeRequest());
        assertEquals(List.of(), backend.calls, "nothing to cancel while the data load");
        loading.forEach(Runnable::run); // the load ends: the runs exist and are stopped at once
        assertEquals(List.of("cmp0 cancel", "cmp1 cancel"), backend.calls);
        backend.listeners.forEach(l -> l.onStateChanged(RunState.CANCELLED, "stopped"));
        deferred.pull();
        assertEquals(List.of("asked", "saved", "clock stopped", "hidden"), events);
    }

    /** The close dialog names what trains: issue 26 found "A run is still training" during a two-head comparison. */
    @Test
    void theCloseDialogSaysAComparisonIsTrainingDuringAComparison() {
        org.junit.jupiter.api.Assertions.assertEquals("A comparison is still training. Close the window?", CloseGuard.words(true)[1]);
        org.junit.jupiter.api.Assertions.assertEquals("A run is still training. Close the window?", CloseGuard.words(false)[1]);
        org.junit.jupiter.api.Assertions.assertTrue(CloseGuard.words(true)[2].contains("its runs keep what they trained"));
    }
}
