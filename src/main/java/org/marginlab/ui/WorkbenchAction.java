package org.marginlab.ui;

import javafx.scene.input.KeyCombination;

/**
 * Every command of the window's menus and run tool bar: its menu text, its tool-bar text and tip, and its key,
 * in one list (as JabRef's {@code StandardActions}). What a command does and when it is enabled is bound once,
 * in {@link WorkbenchActions}; {@link ActionFactory} makes the menu items and buttons from both.
 */
enum WorkbenchAction {
    OPEN_RUN("Open run…", "Shortcut+O"),
    SAVE_RUN_AS("Save run as…", "Shortcut+S"),
    EXPORT_ALL("Export all figures…", "Shortcut+Shift+E"),
    EXPORT_WEB_PAGE("Export web page…", null),
    QUIT("Quit", "Shortcut+Q"),
    START("Start", "F5", "Start", "Train with these settings"),
    PAUSE_RESUME("Pause / Resume", "F6", "Pause", "Pause or resume"),
    STEP("Step one iteration", "F7", "Step", "Train one iteration while paused"),
    STOP("Stop", "Shift+F5", "Stop", "Stop the run; its files stay readable"),
    CONTINUE("Continue stopped run", "F8"),
    LIGHT_THEME("Light theme", null),
    DARK_THEME("Dark theme", null),
    // F11: the key presentation programs use; no other command of the window takes it.
    PRESENTATION("Presentation mode", "F11");

    private final String text;
    private final KeyCombination key;
    private final String buttonText;
    private final String tip;

    WorkbenchAction(String text, String key) {
        this(text, key, null, null);
    }

    WorkbenchAction(String text, String key, String buttonText, String tip) {
        this.text = text;
        this.key = key == null ? null : KeyCombination.valueOf(key);
        this.buttonText = buttonText;
        this.tip = tip;
    }

    /** The menu item's text. */
    String text() {
        return text;
    }

    /** The accelerator, or null. */
    KeyCombination key() {
        return key;
    }

    /** The tool-bar button's text (null: the command has no button). */
    String buttonText() {
        return buttonText;
    }

    /** The button's tool tip, its key in brackets, e.g. "Train with these settings (F5)". */
    String tooltip() {
        return key == null ? tip : tip + " (" + key.getDisplayText() + ")";
    }
}
