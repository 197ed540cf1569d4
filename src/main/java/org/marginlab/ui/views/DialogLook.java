package org.marginlab.ui.views;

import javafx.scene.control.Dialog;
import javafx.stage.Window;

/**
 * A dialog looks like the window it belongs to: the same theme and, in presentation mode, the same
 * enlarged type (a dialog has a scene of its own, which the window's stylesheets do not reach).
 */
public final class DialogLook {
    private DialogLook() {
    }

    /** Gives {@code d} the stylesheets and the presentation mode of {@code owner}'s window (none: left as it is). */
    public static <T> Dialog<T> follow(Dialog<T> d, Window owner) {
        if (owner == null || owner.getScene() == null) {
            return d;
        }
        var root = owner.getScene().getRoot();
        var pane = d.getDialogPane();
        pane.getStylesheets().setAll(root.getStylesheets());
        pane.getStyleClass().remove("presentation");
        if (root.getStyleClass().contains("presentation")) {
            pane.getStyleClass().add("presentation");
        }
        return d;
    }
}
