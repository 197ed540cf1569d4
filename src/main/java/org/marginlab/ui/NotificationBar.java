package org.marginlab.ui;

import org.marginlab.ui.viewmodel.WorkbenchViewModel;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * The one-line message over the figures (a failed run, a missing data set, a finished export):
 * shown while the view-model has a notification, closed with its button. Plain layout rather than a
 * popup, so it also appears in headless screenshots.
 */
public final class NotificationBar extends HBox {
    private final Label text = new Label();

    public NotificationBar(WorkbenchViewModel model) {
        super(8);
        Button close = new Button("✕");
        close.getStyleClass().add("notification-close");
        close.setOnAction(e -> model.dismissNotification());
        text.setWrapText(true);
        text.getStyleClass().add("notification-text");
        HBox.setHgrow(text, Priority.ALWAYS);
        text.setMaxWidth(Double.MAX_VALUE);
        getChildren().addAll(text, close);
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(6, 8, 6, 12));
        getStyleClass().add("notification-bar");
        text.textProperty().bind(model.notificationProperty());
        visibleProperty().bind(model.notificationProperty().isNotEmpty());
        managedProperty().bind(visibleProperty());
    }

    public String message() {
        return text.getText();
    }
}
