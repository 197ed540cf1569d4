package org.marginlab.ui.run;

import org.marginlab.ui.viewmodel.RunModel;
import java.util.LinkedHashMap;
import java.util.Map;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;

import org.marginlab.UserException;
import org.marginlab.figures.Fmt;
import org.marginlab.config.LiveField;
import org.marginlab.config.TrainConfig;
import org.marginlab.ui.viewmodel.WorkbenchViewModel;

/**
 * A row of the settings that may change while the run trains (every parameter the run's head declares live,
 * the warm-up and the learning rate: {@link LiveField#forHead}), enabled while it trains or is paused. Enter in a field or Apply sends the edited
 * values; they act at the next iteration and come back as markers on the timeline and training curves.
 * Values are checked with the settings' ranges as they are typed. Plain values only: the FX thread never
 * touches the engine here beyond {@link RunControlViewModel#change}.
 */
public final class LiveKnobsView extends HBox {

    private final WorkbenchViewModel model;
    private final Map<LiveField, TextField> fields = new LinkedHashMap<>();
    /** The text each field last showed from the run, to tell an edit from a value that came in. */
    private final Map<LiveField, String> shown = new LinkedHashMap<>();
    private final Label error = new Label();
    private final Button apply = new Button("Apply");
    private RunModel boundTo;

    public LiveKnobsView(WorkbenchViewModel model) {
        this.model = model;
        getStyleClass().add("live-knobs");
        setSpacing(6);
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(3, 8, 3, 8));
        error.getStyleClass().add("settings-error");
        apply.setOnAction(e -> applyEdited());
        apply.setTooltip(new Tooltip("Change the edited values from the next iteration on (Enter in a field)"));
        disableProperty().bind(model.control().canPauseResumeProperty().not());
        model.control().runProperty().addListener(o -> rebuild());
        // in presentation mode, with no run to change (none yet, or a comparison owns the window), the knobs give
        // their place on the top line to the run's name; Start brings them back
        var shown = javafx.beans.binding.Bindings.createBooleanBinding(() -> !model.lookProperty().get().presenting()
                || model.control().runProperty().get() != null && !model.compare().comparingProperty().get(),
                model.control().runProperty(), model.lookProperty(), model.compare().comparingProperty());
        visibleProperty().bind(shown);
        managedProperty().bind(shown);
        model.revision().property().addListener(o -> refresh());
        rebuild();
    }

    /** The reason {@code text} cannot be the field's value under {@code live}, or null when it can. */
    public static String problem(LiveField f, String text, TrainConfig live) {
        double v;
        try {
            v = Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            return f.label() + ": '" + text.strip() + "' is not a number";
        }
        try {
            f.with(live, v);
            return null;
        } catch (UserException e) {
            return e.getMessage();
        }
    }

    /** The field for a setting, or null when the run's head does not read it (for tests). */
    TextField field(LiveField f) {
        return fields.get(f);
    }

    private void rebuild() {
        getChildren().clear();
        fields.clear();
        shown.clear();
        boundTo = model.control().runProperty().get();
        Label title = new Label("Live:");
        title.setTooltip(new Tooltip("Settings that change while the run trains, from the next iteration on"));
        getChildren().add(title);
        if (boundTo == null) {
            getChildren().add(new Label("start a run to change its head's parameters and the learning rate while it trains"));
            return;
        }
        for (LiveField f : LiveField.forHead(boundTo.config().head())) {
            TextField t = new TextField();
            t.setPrefColumnCount(f.equals(LiveField.LR) ? 6 : 4);
            t.textProperty().addListener(o -> check());
            t.setOnAction(e -> applyEdited());
            fields.put(f, t);
            t.setTooltip(new Tooltip(f.configField().label() + ": " + f.configField().help()
                    + " (" + f.configField().allowed(boundTo.config().head()) + ")"));
            getChildren().addAll(new Label(f.label()), t);
        }
        getChildren().addAll(apply, error);
        refresh();
    }

    /** Shows the values in force, except in fields being edited. */
    private void refresh() {
        if (boundTo == null) {
            return;
        }
        TrainConfig live = boundTo.liveConfig();
        fields.forEach((f, t) -> {
            String now = Fmt.num(f.get(live));
            if (t.getText().equals(shown.getOrDefault(f, "")) || t.getText().isEmpty()) {
                t.setText(now);
            }
            shown.put(f, now);
        });
        check();
    }

    private boolean edited(LiveField f) {
        return !fields.get(f).getText().equals(shown.get(f));
    }

    private void check() {
        String first = null;
        TrainConfig live = boundTo == null ? null : boundTo.liveConfig();
        for (var e : fields.entrySet()) {
            String p = live == null || !edited(e.getKey()) ? null : problem(e.getKey(), e.getValue().getText(), live);
            e.getValue().getStyleClass().remove("invalid");
            if (p != null) {
                e.getValue().getStyleClass().add("invalid");
                first = first == null ? p : first;
            }
        }
        error.setText(first == null ? "" : first);
        apply.setDisable(first != null || fields.keySet().stream().noneMatch(this::edited));
    }

    private void applyEdited() {
        check();
        if (apply.isDisable()) {
            return;
        }
        fields.forEach((f, t) -> {
            if (edited(f)) {
                model.control().change(f, Double.parseDouble(t.getText().strip()));
                shown.put(f, t.getText());
            }
        });
        check();
        // A focused text field blinks its caret at 60 pulses a second, which takes time from training.
        requestFocus();
    }
}
