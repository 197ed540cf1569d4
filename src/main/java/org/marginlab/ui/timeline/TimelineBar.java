package org.marginlab.ui.timeline;

import org.marginlab.ui.viewmodel.TimelineViewModel;
import java.util.List;
import java.util.Locale;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.CustomMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import org.marginlab.ui.viewmodel.WorkbenchViewModel;
import org.marginlab.ui.export.ExportActions;
import org.marginlab.ui.viewmodel.RunControlViewModel;
import org.marginlab.ui.viewmodel.RunModel;

/**
 * The bar under the figure tabs: a slider over the current run's snapshots with the live-change markers
 * under it, the shown snapshot, Live (follow the newest) and the replay GIF menu.
 */
public final class TimelineBar extends HBox {
    private final RunControlViewModel control;
    private final TimelineViewModel timeline;
    private final Slider slider = new Slider(0, 0, 0);
    private final ToggleButton live = new ToggleButton("Live");
    private final Label label = new Label();
    private final TimelineMarkers markers = new TimelineMarkers(slider);
    private final WorkbenchViewModel model;

    public TimelineBar(WorkbenchViewModel model, ExportActions exports) {
        super(8);
        this.model = model;
        control = model.control();
        timeline = model.timeline();
        live.setSelected(true);
        live.setOnAction(e -> timeline.timelineIndexProperty().set(live.isSelected() ? -1 : (int) Math.round(slider.getValue())));
        slider.setBlockIncrement(1);
        slider.setMajorTickUnit(1);
        slider.setMinorTickCount(0);
        slider.setSnapToTicks(true);
        slider.valueProperty().addListener((o, was, now) -> {
            if (slider.isValueChanging() || slider.isFocused() || slider.isPressed()) {
                live.setSelected(false);
                timeline.timelineIndexProperty().set((int) Math.round(now.doubleValue()));
            }
        });
        model.revision().property().addListener(o -> update());
        timeline.timelineIndexProperty().addListener(o -> update());
        model.compare().comparingProperty().addListener(o -> update());
        VBox track = new VBox(slider, markers);
        HBox.setHgrow(track, Priority.ALWAYS);
        // beside the status in presentation mode the slider gives way, never a word or a button
        label.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        live.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        track.setMinWidth(80);
        track.setPrefWidth(160); // it grows into the room the line has
        Label title = new Label("Timeline");
        // in presentation mode the bar shares its line with the status: the slider says what it is
        title.visibleProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> !model.lookProperty().get().presenting(), model.lookProperty()));
        title.managedProperty().bind(title.visibleProperty());
        slider.setTooltip(new Tooltip("Timeline: drag through the run's snapshots; Live follows the newest"));
        MenuButton replay = replayMenu(exports);
        replay.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        getChildren().addAll(title, track, label, live, replay);
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(4, 8, 4, 8));
        getStyleClass().add("timeline-bar");
    }

    /** Replay GIF of the selected tab: frames a second and length, then Export. */
    private static MenuButton replayMenu(ExportActions exports) {
        Spinner<Integer> fps = new Spinner<>(1, 30, 10);
        Spinner<Integer> seconds = new Spinner<>(1, 120, 6);
        fps.setPrefWidth(80);
        seconds.setPrefWidth(80);
        typeable(fps);
        typeable(seconds);
        GridPane knobs = new GridPane(8, 4);
        knobs.addRow(0, new Label("frames / s"), fps);
        knobs.addRow(1, new Label("length (s)"), seconds);
        CustomMenuItem settings = new CustomMenuItem(knobs, false);
        MenuItem export = new MenuItem("Export GIF of this tab…");
        export.setOnAction(e -> {
            commit(fps);
            commit(seconds);
            exports.chooseAndExportReplay(fps.getValue(), seconds.getValue());
        });
        MenuButton b = new MenuButton("Replay GIF", null, settings, new SeparatorMenuItem(), export);
        b.setTooltip(new Tooltip("An animated GIF of the selected tab over the run's snapshots"));
        return b;
    }

    /** A number may be typed, and counts as soon as the field is left (Tab, a click elsewhere), not only on Enter. */
    private static void typeable(Spinner<Integer> s) {
        s.setEditable(true);
        s.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                commit(s);
            }
        });
    }

    /** Takes the typed text as the value; text that is no whole number in range puts the value back. */
    static void commit(Spinner<Integer> s) {
        if (!s.isEditable()) {
            return;
        }
        var f = (javafx.scene.control.SpinnerValueFactory.IntegerSpinnerValueFactory) s.getValueFactory();
        try {
            int v = Integer.parseInt(s.getEditor().getText().trim());
            f.setValue(Math.max(f.getMin(), Math.min(f.getMax(), v)));
        } catch (NumberFormatException e) {
            // not a number: the last value stands
        }
        s.getEditor().setText(Integer.toString(f.getValue()));
    }

    private void update() {
        RunModel r = control.runProperty().get();
        int n = r == null ? 0 : r.history().size();
        markers.show(r == null ? List.of() : r.history(), r == null ? List.of() : r.changes());
        slider.setMax(Math.max(0, n - 1));
        slider.setDisable(n < 2);
        int i = timeline.timelineIndexProperty().get();
        live.setSelected(i < 0);
        if (i < 0 && !slider.isValueChanging()) {
            slider.setValue(Math.max(0, n - 1));
        }
        var shown = timeline.shownProperty().get();
        if (model.compare().comparingProperty().get() && !model.compare().compareRuns().isEmpty()) {
            // a comparison owns the window while it trains: say where it is, not the run before it
            long it = model.compare().compareRuns().stream().map(c -> c.latestProperty().get())
                    .filter(java.util.Objects::nonNull).mapToLong(org.marginlab.run.IterationSnapshot::iteration).max().orElse(0);
            slider.setDisable(true);
            label.setText("comparison at iteration " + it + " (Compare tab)");
            return;
        }
        label.setText(shown == null ? "no snapshots yet"
                : String.format(Locale.ROOT, "iteration %d (%d of %d)", shown.iteration(),
                        (i < 0 ? n : Math.min(i, n - 1) + 1), n));
    }
}
