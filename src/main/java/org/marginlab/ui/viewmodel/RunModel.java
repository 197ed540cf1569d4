package org.marginlab.ui.viewmodel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;

import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import org.marginlab.run.EpochSnapshot;
import org.marginlab.run.IterationSnapshot;
import org.marginlab.run.RunState;
import org.marginlab.config.TrainConfig;
import org.marginlab.run.LiveChange;
import org.marginlab.train.TrainingListener;

/**
 * One run as the window sees it. The training thread only writes into lock-free queues and atomic
 * references through {@link #listener()}; the FX thread copies them into properties in {@link #pull()},
 * called by the frame clock at a steady rate, so neither thread ever waits for the other.
 */
public final class RunModel {
    /** Snapshots kept for the timeline; beyond this every second one is dropped, so memory stays bounded. */
    public static final int HISTORY_LIMIT = 2000;

    private record Progress(long iteration, long total, int epoch, long nanos) {
    }

    private record StateChange(RunState state, String message) {
    }

    private volatile TrainConfig config;
    private final String title;

    // Written by the training thread.
    private final ConcurrentLinkedQueue<IterationSnapshot> iterationQueue = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<EpochSnapshot> epochQueue = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<StateChange> stateQueue = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<LiveChange> changeQueue = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> noticeQueue = new ConcurrentLinkedQueue<>();
    private final AtomicReference<Progress> progressRef = new AtomicReference<>();

    // Properties (FX thread)
    private final ReadOnlyObjectWrapper<RunState> state = new ReadOnlyObjectWrapper<>(RunState.READY);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<IterationSnapshot> latest = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<EpochSnapshot> latestEpoch = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyLongWrapper iteration = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper totalIterations = new ReadOnlyLongWrapper();
    private final ReadOnlyIntegerWrapper epoch = new ReadOnlyIntegerWrapper();
    private final List<IterationSnapshot> history = new ArrayList<>();
    private final List<EpochSnapshot> epochs = new ArrayList<>();
    private final List<LiveChange> changes = new ArrayList<>();

    private long runningNanos;
    private long lastProgressNanos = -1;
    private long firstIteration = -1;

    public RunModel(TrainConfig config, String title) {
        this.config = config;
        this.title = title;
    }

    public TrainConfig config() {
        return config;
    }

    /**
     * Takes the data set the engine loaded for this run (its class names and count), which the settings it
     * started from cannot know; figures name and colour classes by it. FX thread, once the run has started.
     */
    public void recordDataset(org.marginlab.data.DataRecord dataset) {
        if (dataset != null && !dataset.equals(config.dataset())) {
            config = config.toBuilder().dataset(dataset).build();
        }
    }

    public String title() {
        return title;
    }

    /** The engine-side end: cheap, non-blocking, safe on the training thread. */
    public TrainingListener listener() {
        return new TrainingListener() {
            @Override
            public void onIteration(IterationSnapshot snapshot) {
                iterationQueue.add(snapshot);
            }

            @Override
            public void onEpoch(EpochSnapshot snapshot) {
                epochQueue.add(snapshot);
            }

            @Override
            public void onProgress(long iteration, long totalIterations, int epoch) {
                progressRef.set(new Progress(iteration, totalIterations, epoch, System.nanoTime()));
            }

            @Override
            public void onChange(LiveChange change) {
                changeQueue.add(change);
            }

            @Override
            public void onStateChanged(RunState s, String m) {
                stateQueue.add(new StateChange(s, m == null ? "" : m));
            }

            @Override
            public void onNotice(String line) {
                noticeQueue.add(line);
            }
        };
    }

    /** The lines the run has said for the user since the last call (a resume set records aside); FX thread. */
    public java.util.List<String> takeNotices() {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (String line; (line = noticeQueue.poll()) != null; ) {
            out.add(line);
        }
        return out;
    }

    /** Fills the model from a finished run read from disk. */
    public void loadStored(List<IterationSnapshot> iterations, List<EpochSnapshot> epochSnapshots, RunState finalState) {
        loadStored(iterations, epochSnapshots, List.of(), finalState);
    }

    /** Fills the model from a run read from disk whose settings changed while it trained. */
    public void loadStored(List<IterationSnapshot> iterations, List<EpochSnapshot> epochSnapshots,
                           List<LiveChange> liveChanges, RunState finalState) {
        liveChanges.forEach(changeQueue::add);
        iterations.forEach(iterationQueue::add);
        epochSnapshots.forEach(epochQueue::add);
        stateQueue.add(new StateChange(finalState, "opened from disk"));
        if (!iterations.isEmpty()) {
            // No progress events come from disk; without this the status line would say iteration 0.
            IterationSnapshot last = iterations.getLast();
            long total = finalState == RunState.FINISHED ? last.iteration() : 0;
            progressRef.set(new Progress(last.iteration(), total, last.epoch(), System.nanoTime()));
        }
        pull();
    }

    /**
     * What one {@link #pull()} took in. Figures redraw only for {@code DATA} (snapshots, settings
     * changed live, or the state): progress comes every iteration and moves just the status line.
     */
    public enum Pulled {
        NOTHING, PROGRESS, DATA;

        /** The larger of two: what pulling several runs took in. */
        public Pulled and(Pulled other) {
            return compareTo(other) >= 0 ? this : other;
        }
    }

    /** Copies what the training thread produced since the last call into the properties. */
    public Pulled pull() {
        boolean data = false;
        boolean progressed = false;
        IterationSnapshot it;
        IterationSnapshot newest = null;
        while ((it = iterationQueue.poll()) != null) {
            addHistory(it);
            newest = it;
        }
        if (newest != null) {
            latest.set(newest);
            data = true;
        }
        EpochSnapshot ep;
        while ((ep = epochQueue.poll()) != null) {
            epochs.add(ep);
            latestEpoch.set(ep);
            data = true;
        }
        LiveChange ch;
        while ((ch = changeQueue.poll()) != null) {
            long at = ch.iteration();
            changes.removeIf(c -> c.iteration() > at); // re-sent from a resumed run's checkpoint on
            if (!changes.contains(ch)) {
                changes.add(ch);
            }
            data = true;
        }
        Progress p = progressRef.get();
        if (p != null && p.iteration() != iteration.get()) {
            if (firstIteration < 0) {
                firstIteration = p.iteration() - 1;
            }
            if (lastProgressNanos >= 0 && state.get() == RunState.RUNNING) {
                runningNanos += p.nanos() - lastProgressNanos;
            }
            lastProgressNanos = p.nanos();
            iteration.set(p.iteration());
            totalIterations.set(p.total());
            epoch.set(p.epoch());
            progressed = true;
        }
        StateChange sc;
        while ((sc = stateQueue.poll()) != null) {
            // Message first: state listeners read it.
            message.set(sc.message());
            state.set(sc.state());
            data = true;
        }
        return data ? Pulled.DATA : progressed ? Pulled.PROGRESS : Pulled.NOTHING;
    }

    private void addHistory(IterationSnapshot s) {
        // A resumed run sends its snapshots again from its checkpoint on: they replace the ones after it.
        while (!history.isEmpty() && history.getLast().iteration() >= s.iteration()) {
            history.removeLast();
        }
        if (history.size() >= HISTORY_LIMIT) {
            for (int i = history.size() - 1; i > 0; i -= 2) {
                history.remove(i - 1);
            }
        }
        history.add(s);
    }

    /** The run as the figures take it. */
    public org.marginlab.figures.RunData toRunData() {
        return org.marginlab.figures.RunData.of(title(), config(), history(), epochs()).withChanges(changes());
    }

    /** Seconds left at the pace so far, excluding paused time; NaN before the pace is known. */
    public double etaSeconds() {
        long done = iteration.get() - Math.max(firstIteration, 0);
        if (done <= 0 || runningNanos <= 0 || totalIterations.get() <= 0) {
            return Double.NaN;
        }
        double perIteration = runningNanos / 1e9 / done;
        return Math.max(0, totalIterations.get() - iteration.get()) * perIteration;
    }

    // Properties

    public ReadOnlyObjectProperty<RunState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** The last state change's message (e.g. why the run failed). */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<IterationSnapshot> latestProperty() {
        return latest.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<EpochSnapshot> latestEpochProperty() {
        return latestEpoch.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty iterationProperty() {
        return iteration.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty totalIterationsProperty() {
        return totalIterations.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty epochProperty() {
        return epoch.getReadOnlyProperty();
    }

    /** Iteration snapshots so far, oldest first (thinned beyond {@value #HISTORY_LIMIT}); FX thread only. */
    public List<IterationSnapshot> history() {
        return Collections.unmodifiableList(history);
    }

    /** Settings changed while it trained so far, oldest first; FX thread only. */
    public List<LiveChange> changes() {
        return Collections.unmodifiableList(changes);
    }

    /**
     * The settings in force after the changes so far, an automatic warm-up fixed to its iterations as
     * the engine fixes it once the run's length is known; FX thread only.
     */
    public TrainConfig liveConfig() {
        long total = totalIterations.get();
        return LiveChange.fold(total > 0 ? config.withWarmupFor(total) : config, changes);
    }

    /** Epoch snapshots so far, oldest first; FX thread only. */
    public List<EpochSnapshot> epochs() {
        return Collections.unmodifiableList(epochs);
    }
}
