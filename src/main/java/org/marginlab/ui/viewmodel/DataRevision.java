package org.marginlab.ui.viewmodel;

import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;

/**
 * The window's one "new data" counter. It moves once per pull that brought snapshots, a live change
 * or a state change of the current run or of a compared run, and when the current run is replaced;
 * progress alone does not move it. Everything that redraws on new data (the frame clock, the figures'
 * cached run data, the timeline, the live knobs) watches this and nothing else. FX thread only.
 */
public final class DataRevision {
    private final ReadOnlyLongWrapper value = new ReadOnlyLongWrapper();

    public void bump() {
        value.set(value.get() + 1);
    }

    public long get() {
        return value.get();
    }

    public ReadOnlyLongProperty property() {
        return value.getReadOnlyProperty();
    }
}
