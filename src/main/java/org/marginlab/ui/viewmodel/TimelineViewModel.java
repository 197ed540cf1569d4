package org.marginlab.ui.viewmodel;

import java.util.List;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.value.ObservableObjectValue;

import org.marginlab.run.EpochSnapshot;
import org.marginlab.run.IterationSnapshot;

/** Where on the current run's timeline the window is, and the snapshots shown there. FX thread only. */
public final class TimelineViewModel {
    private final ObservableObjectValue<RunModel> run;
    /** -1 follows the live run, otherwise an index into the run's history. */
    private final IntegerProperty index = new SimpleIntegerProperty(-1);
    private final ObjectBinding<IterationSnapshot> shown;
    private final ObjectBinding<EpochSnapshot> shownEpoch;

    public TimelineViewModel(ObservableObjectValue<RunModel> run, DataRevision revision) {
        this.run = run;
        // Another run starts on its live end; registered before any view's listener, so views rebinding to
        // the new run already see it there.
        run.addListener((o, was, now) -> index.set(-1));
        shown = Bindings.createObjectBinding(this::computeShown, run, index, revision.property());
        shownEpoch = Bindings.createObjectBinding(this::computeShownEpoch, shown, revision.property());
    }

    public IntegerProperty timelineIndexProperty() {
        return index;
    }

    /** The iteration snapshot the views draw: the latest one, or the timeline's pick. */
    public ObjectBinding<IterationSnapshot> shownProperty() {
        return shown;
    }

    /** The newest epoch snapshot at or before the shown iteration. */
    public ObjectBinding<EpochSnapshot> shownEpochProperty() {
        return shownEpoch;
    }

    private IterationSnapshot computeShown() {
        RunModel r = run.get();
        if (r == null) {
            return null;
        }
        int i = index.get();
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
            if (s == null || e.iteration() <= s.iteration() || index.get() < 0) {
                best = e;
            }
        }
        return best;
    }
}
