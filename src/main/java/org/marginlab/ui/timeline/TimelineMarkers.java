package org.marginlab.ui.timeline;

import java.util.List;

import javafx.scene.Node;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Polygon;

import org.marginlab.figures.Fmt;
import org.marginlab.run.IterationSnapshot;
import org.marginlab.run.LiveChange;

/**
 * A thin strip under the timeline slider with a triangle under the first snapshot after each setting
 * changed while training; its tooltip says what changed ("iteration 120: m 0.2→0.5").
 */
final class TimelineMarkers extends Pane {

    private static final double HEIGHT = 7;
    private final Slider slider;
    private List<IterationSnapshot> history = List.of();
    private List<LiveChange> changes = List.of();

    TimelineMarkers(Slider slider) {
        this.slider = slider;
        getStyleClass().add("timeline-markers");
        setMinHeight(HEIGHT);
        setPrefHeight(HEIGHT);
        setMaxHeight(HEIGHT);
    }

    /** The run's snapshots (the slider's positions) and its changes; FX thread. */
    void show(List<IterationSnapshot> snapshots, List<LiveChange> liveChanges) {
        if (liveChanges.equals(changes) && snapshots.size() == history.size()) {
            return;
        }
        history = List.copyOf(snapshots);
        changes = List.copyOf(liveChanges);
        requestLayout();
    }

    @Override
    protected void layoutChildren() {
        getChildren().clear();
        int n = history.size();
        if (n < 2 || changes.isEmpty()) {
            return;
        }
        Node thumb = slider.lookup(".thumb");
        double inset = thumb == null ? 7 : thumb.getLayoutBounds().getWidth() / 2;
        double span = getWidth() - 2 * inset;
        for (LiveChange c : changes) {
            int at = 0;
            while (at < n && history.get(at).iteration() <= c.iteration()) {
                at++;
            }
            if (at == n) {
                continue; // no snapshot since the change yet
            }
            double x = inset + span * at / (n - 1);
            Polygon p = new Polygon(x, 0, x - 4, HEIGHT, x + 4, HEIGHT);
            p.getStyleClass().add("timeline-marker");
            Tooltip.install(p, new Tooltip("iteration " + c.iteration() + ": " + c.field().label() + " "
                    + Fmt.num(c.from()) + "→" + Fmt.num(c.to())));
            getChildren().add(p);
        }
    }
}
