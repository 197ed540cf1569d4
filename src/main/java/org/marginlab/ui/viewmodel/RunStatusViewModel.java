package org.marginlab.ui.viewmodel;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.ListChangeListener;

import org.marginlab.run.EpochSnapshot;
import org.marginlab.run.IterationSnapshot;
import org.marginlab.run.RunState;

/** The status line and progress bar: the current run's progress, or the comparison's. FX thread only. */
public final class RunStatusViewModel {
    private final RunControlViewModel control;
    private final CompareViewModel compare;
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper("Ready");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper();
    private final BooleanProperty compareShown = new SimpleBooleanProperty();
    /**
     * The status line tells the comparison's progress from its start until a single run starts or opens,
     * while it trains and, once it ended, on the Compare tab only (elsewhere the tab's own run).
     */
    private boolean followsCompare;
    private long lastNanos = Long.MIN_VALUE / 2;
    private long intervalNanos = 250_000_000L;
    private RunState lastState;

    public RunStatusViewModel(RunControlViewModel control, CompareViewModel compare) {
        this.control = control;
        this.compare = compare;
        control.runProperty().addListener((o, was, now) -> followsCompare = false);
        compare.compareRuns().addListener((ListChangeListener<RunModel>) c -> {
            followsCompare = true;
            update();
        });
        compare.comparingProperty().addListener(o -> update());
        compareShown.addListener(o -> update());
    }

    /** "Epoch 1 · iteration 120 / 469 · 1 234 images/s · ETA 0:42", for the status bar. */
    public ReadOnlyStringProperty statusTextProperty() {
        return statusText.getReadOnlyProperty();
    }

    /** Fraction of the run's iterations done, 0–1; -1 while a run is starting. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** Whether the window shows the Compare tab; set by the window. */
    public BooleanProperty compareShownProperty() {
        return compareShown;
    }

    /** How often the status line may change; public for tests, which set 0 to see every update. */
    public void setStatusIntervalMillis(long millis) {
        intervalNanos = millis * 1_000_000L;
    }

    /** After a pull: the line changes every iteration, and re-laying it out four times a second is plenty. */
    public void afterPull(boolean changed) {
        long now = System.nanoTime();
        if ((changed || control.startingProperty().get())
                && (now - lastNanos >= intervalNanos || control.stateProperty().get() != lastState)) {
            refresh();
        }
    }

    /** Brings the line up to date now, skipping the 4-per-second limit. */
    public void refresh() {
        lastNanos = System.nanoTime();
        lastState = control.stateProperty().get();
        update();
    }

    void update() {
        var runs = compare.compareRuns();
        if (followsCompare && !runs.isEmpty() && (compare.comparingProperty().get() || compareShown.get())) {
            statusText.set(compareStatus());
            long total = runs.stream().mapToLong(m -> m.totalIterationsProperty().get()).sum();
            long done = runs.stream().mapToLong(m -> m.iterationProperty().get()).sum();
            progress.set(total > 0 ? (double) done / total : 0);
            return;
        }
        if (control.startingProperty().get()) {
            statusText.set("Loading data and building the model…");
            progress.set(-1);
            return;
        }
        RunModel r = control.runProperty().get();
        if (r == null) {
            statusText.set("Ready");
            progress.set(0);
            return;
        }
        RunState state = control.stateProperty().get();
        long it = r.iterationProperty().get();
        long total = r.totalIterationsProperty().get();
        progress.set(total > 0 ? Math.min(1, (double) it / total) : 0);
        StringBuilder b = new StringBuilder();
        b.append(stateWord(state));
        b.append(" · epoch ").append(r.epochProperty().get() + 1).append(" / ").append(r.config().epochs());
        b.append(" · iteration ").append(it);
        if (total > 0) {
            b.append(" / ").append(total);
        }
        IterationSnapshot last = r.latestProperty().get();
        if (last != null && Double.isFinite(last.loss())) { // not the untrained iteration-0 snapshot
            if (state == RunState.RUNNING) { // a stopped run's last speed is history, and the line must fit 1024 px
                b.append(String.format(Locale.ROOT, " · %,.0f images/s", last.imagesPerSecond()));
            }
            b.append(String.format(Locale.ROOT, " · loss %.3f · train acc %.1f %%",
                    last.loss(), 100 * last.trainAccuracy()));
        }
        double eta = r.etaSeconds();
        if (state == RunState.RUNNING && Double.isFinite(eta)) {
            long sec = Math.round(eta);
            b.append(String.format(Locale.ROOT, " · ETA %d:%02d", sec / 60, sec % 60));
        }
        EpochSnapshot e = r.latestEpochProperty().get();
        if (e != null) {
            b.append(String.format(Locale.ROOT, " · test acc %.1f %%", 100 * e.testAccuracy()));
        }
        statusText.set(b.toString());
    }

    /**
     * One short line for a projector's status bar: heads, iterations done of all, and who trains now or
     * how they ended, e.g. "Comparing 4 heads · 480 / 600 iterations · now CosFace".
     */
    private String compareStatus() {
        var runs = compare.compareRuns();
        StringBuilder b = new StringBuilder("Comparing ").append(runs.size()).append(" heads · ");
        b.append(runs.stream().mapToLong(m -> m.iterationProperty().get()).sum());
        if (runs.stream().allMatch(m -> m.totalIterationsProperty().get() > 0)) {
            b.append(" / ").append(runs.stream().mapToLong(m -> m.totalIterationsProperty().get()).sum());
        }
        b.append(" iterations");
        runs.stream().filter(m -> m.stateProperty().get() == RunState.RUNNING).findFirst()
                .ifPresent(m -> b.append(" · now ").append(m.title()));
        if (runs.stream().allMatch(m -> CompareViewModel.ended(m.stateProperty().get()))) {
            Map<RunState, Long> ends = new EnumMap<>(RunState.class);
            runs.forEach(m -> ends.merge(m.stateProperty().get(), 1L, Long::sum));
            b.append(" · ").append(String.join(", ", ends.entrySet().stream().map(e -> e.getValue() + " "
                    + stateWord(e.getKey()).toLowerCase(Locale.ROOT)).toList()));
        }
        return b.toString();
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
}
