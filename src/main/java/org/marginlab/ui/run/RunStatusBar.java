package org.marginlab.ui.run;

import org.marginlab.config.ConfigField;
import org.marginlab.ui.viewmodel.WorkbenchViewModel;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Label;

import org.controlsfx.control.StatusBar;

/** The window's status bar: state, epoch, iteration, images/s and ETA on the left, progress, device on the right. */
public final class RunStatusBar extends StatusBar {

    public RunStatusBar(WorkbenchViewModel model) {
        textProperty().bind(model.status().statusTextProperty());
        progressProperty().bind(model.status().progressProperty());
        Label device = new Label();
        device.textProperty().bind(Bindings.createStringBinding(
                () -> model.control().deviceProperty().get().isEmpty() ? "device: " + model.settings().textProperty(ConfigField.DEVICE).get()
                        : "device: " + model.control().deviceProperty().get(),
                model.control().deviceProperty(), model.settings().textProperty(ConfigField.DEVICE)));
        device.getStyleClass().add("status-device");
        device.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // the long status text gives way, not the device
        getRightItems().add(device);
        getStyleClass().add("run-status");
    }

    /**
     * The status as presentation mode's bottom line shows it, beside the timeline: the same text, wrapping onto a
     * second line rather than cut, the progress beside it and the device in its tool tip.
     */
    public static javafx.scene.layout.Region compact(WorkbenchViewModel model) {
        Label text = new Label();
        text.textProperty().bind(model.status().statusTextProperty());
        text.setWrapText(true);
        text.setMaxWidth(Double.MAX_VALUE);
        text.getStyleClass().add("status-label");
        javafx.scene.control.Tooltip device = new javafx.scene.control.Tooltip();
        device.textProperty().bind(Bindings.createStringBinding(() -> "device: " + (model.control().deviceProperty().get().isEmpty()
                ? model.settings().textProperty(ConfigField.DEVICE).get() : model.control().deviceProperty().get()),
                model.control().deviceProperty(), model.settings().textProperty(ConfigField.DEVICE)));
        text.setTooltip(device);
        javafx.scene.control.ProgressBar progress = new javafx.scene.control.ProgressBar();
        progress.progressProperty().bind(model.status().progressProperty());
        progress.setPrefWidth(80);
        progress.setMinWidth(80);
        javafx.scene.layout.HBox line = new javafx.scene.layout.HBox(6, text, progress);
        javafx.scene.layout.HBox.setHgrow(text, javafx.scene.layout.Priority.ALWAYS);
        line.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        line.setPadding(new javafx.geometry.Insets(2, 8, 2, 4));
        line.getStyleClass().add("presentation-status");
        return line;
    }
}
