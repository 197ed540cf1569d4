package org.marginlab.ui;

import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.Tooltip;

/**
 * Makes the window's menu items and buttons from a {@link WorkbenchAction} (text, key, tip) and a
 * {@link Command} (what it does, when it is enabled), so a command shown twice — Run menu and tool bar — is
 * defined once.
 */
final class ActionFactory {

    /** What an action does and when it may: bound to every control made for it. */
    record Command(Runnable execute, ObservableBooleanValue enabled) {
        /** A command that is always enabled. */
        static Command always(Runnable execute) {
            return new Command(execute, null);
        }
    }

    private ActionFactory() {
    }

    static MenuItem menuItem(WorkbenchAction a, Command c) {
        return bind(new MenuItem(a.text()), a, c);
    }

    static CheckMenuItem checkMenuItem(WorkbenchAction a, Command c) {
        return bind(new CheckMenuItem(a.text()), a, c);
    }

    static RadioMenuItem radioMenuItem(WorkbenchAction a, Command c) {
        return bind(new RadioMenuItem(a.text()), a, c);
    }

    static Button button(WorkbenchAction a, Command c) {
        Button b = new Button(a.buttonText());
        b.setOnAction(e -> c.execute().run());
        if (c.enabled() != null) {
            b.disableProperty().bind(javafx.beans.binding.BooleanExpression.booleanExpression(c.enabled()).not());
        }
        b.setTooltip(new Tooltip(a.tooltip()));
        return b;
    }

    /** Gives {@code item} the action's key and the command (an item made elsewhere, e.g. the window's own). */
    static <T extends MenuItem> T bind(T item, WorkbenchAction a, Command c) {
        item.setAccelerator(a.key());
        item.setOnAction(e -> c.execute().run());
        if (c.enabled() != null) {
            item.disableProperty().bind(javafx.beans.binding.BooleanExpression.booleanExpression(c.enabled()).not());
        }
        return item;
    }
}
