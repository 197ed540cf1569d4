package org.marginlab.ui;

import java.util.stream.Stream;

import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.TextInputControl;

/**
 * A focused text field blinks its caret through an animation, which pulses the scene 60 times a
 * second for as long as it has focus (JavaFX cannot turn the blinking off), and each pulse takes
 * time from training. So when a run starts, focus goes from the run buttons or a settings field
 * (F5 pressed while typing) to Pause, where Space then pauses; and when Start or Stop disables under
 * the focus, which JavaFX would hand on to a settings field, it goes to a run button instead
 * ({@code fallback} when all three are disabled).
 */
final class FocusKeeper {
    private FocusKeeper() {
    }

    static void install(Parent root, Button start, Button pause, Button stop, Node fallback) {
        pause.disabledProperty().addListener((o, was, disabled) -> {
            Node owner = root.getScene() == null ? null : root.getScene().getFocusOwner();
            if (!disabled && (owner == null || owner.isDisabled() || owner == start || owner == stop
                    || owner instanceof TextInputControl)) {
                pause.requestFocus();
            }
        });
        boolean[] lostToDisable = {false};
        root.sceneProperty().addListener((o, was, scene) -> {
            if (scene != null) {
                scene.focusOwnerProperty().addListener((f, from, to) -> {
                    boolean handedOn = lostToDisable[0] || (from != null && from.isDisabled());
                    lostToDisable[0] = to == null && from != null && from.isDisabled();
                    if (to instanceof TextInputControl && handedOn) {
                        Platform.runLater(() -> Stream.of(pause, stop, start).filter(b -> !b.isDisabled())
                                .findFirst().map(b -> (Node) b).orElse(fallback).requestFocus());
                    }
                });
            }
        });
    }
}
