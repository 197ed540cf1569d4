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
    PRESENTATION("Presentation mode", "F11"),
    // In presentation mode the menu bar folds away; F10 (or Alt alone, or the ☰ button) brings it back,
    // as in the desktops' own full-screen modes. Not an accelerator: the window's key filter handles it.
    SHOW_MENUS("Show the menus (presentation mode; or Alt, or ☰)", null, "F10"),
    // Esc leaves presentation mode as it leaves a slide show; also handled by the key filter.
    LEAVE_PRESENTATION("Leave presentation mode (or F11 again)", null, "Esc"),
    KEYS("Keys…", "F1");

    private final String text;
    private final KeyCombination key;
    private final String buttonText;
    private final String tip;

    /** A key the window's key filter reads (not a menu accelerator), shown only in the keys list. */
    private final String filterKey;

    WorkbenchAction(String text, String key) {
        this(text, key, null, null);
    }

    WorkbenchAction(String text, String key, String filterKey) {
        this.text = text;
        this.key = null;
        this.buttonText = null;
        this.tip = null;
        this.filterKey = filterKey;
    }

    WorkbenchAction(String text, String key, String buttonText, String tip) {
        this.text = text;
        this.key = key == null ? null : KeyCombination.valueOf(key);
        this.buttonText = buttonText;
        this.tip = tip;
        this.filterKey = null;
    }

    /** The key as the keys list shows it (F5, Shift+F5, Esc…), or null when the command has none. */
    String keyText() {
        return key != null ? key.getDisplayText() : filterKey;
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

    /** Every command that has a key, as "key — command" lines for Help → Keys, in the menus' order. */
    static java.util.List<String> keyLines() {
        java.util.List<String> lines = new java.util.ArrayList<>();
        for (WorkbenchAction a : values()) {
            if (a.keyText() != null) {
                lines.add(a.keyText() + " — " + a.text.replace("…", ""));
            }
        }
        lines.add("double-click a Compare cell — show it alone, again to go back");
        return lines;
    }

    /**
     * The line shown once on entering presentation mode: where the folded menus and the keys are. Built from
     * the same keys as the list, so the two never disagree.
     */
    static String presentationHint() {
        return "Presentation mode · " + SHOW_MENUS.keyText() + " or Alt: menus · " + START.keyText() + " start · "
                + PAUSE_RESUME.keyText() + " pause · " + STOP.keyText() + " stop · live knobs in the top row · "
                + LEAVE_PRESENTATION.keyText() + " or " + PRESENTATION.keyText() + ": leave · " + KEYS.keyText() + ": all keys";
    }
}
