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
}
