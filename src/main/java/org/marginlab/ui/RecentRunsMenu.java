package org.marginlab.ui;

import org.marginlab.ui.viewmodel.WorkbenchPreferences;
import java.nio.file.Path;
import java.util.function.Consumer;

import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;

/** File → Open recent: the runs trained, opened or saved here lately, newest first (kept in the preferences). */
final class RecentRunsMenu extends Menu {
    private final WorkbenchPreferences prefs;
    private final Consumer<Path> open;

    RecentRunsMenu(WorkbenchPreferences prefs, Consumer<Path> open) {
        super("Open recent");
        this.prefs = prefs;
        this.open = open;
        fill();
    }

    /** Puts a run at the top of the list. */
    void remember(Path run) {
        prefs.addRecentRun(run);
        fill();
    }

    /** Lists the runs again: they may have been deleted, or opened in another window, since. */
    void fill() {
        getItems().clear();
        for (Path p : prefs.recentRuns()) {
            MenuItem i = new MenuItem(p.getFileName() + "  —  " + p.getParent());
            i.setOnAction(e -> open.accept(p));
            getItems().add(i);
        }
        setDisable(getItems().isEmpty());
    }
}
