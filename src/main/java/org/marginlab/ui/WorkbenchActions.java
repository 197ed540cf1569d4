package org.marginlab.ui;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanExpression;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.HBox;
import javafx.stage.WindowEvent;

import org.marginlab.config.DemoPreset;
import org.marginlab.run.RunState;
import org.marginlab.ui.export.ExportActions;
import org.marginlab.ui.run.RunControlViewModel;

/**
 * The window's menus and run tool bar, built in one place: each run command (its key, action and
 * when it is enabled) is defined once and shown both as a menu item and as a tool-bar button.
 */
final class WorkbenchActions {
    /** A command of the Run menu; the tool bar shows the first four as buttons. */
    private record Command(String menuText, KeyCombination key, Runnable action, BooleanExpression enabled) {
        MenuItem menuItem() {
            MenuItem i = new MenuItem(menuText);
            i.setAccelerator(key);
            i.setOnAction(e -> action.run());
            i.disableProperty().bind(enabled.not());
            return i;
        }

        Button button(String text, String tooltip) {
            Button b = new Button(text);
            b.setOnAction(e -> action.run());
            b.disableProperty().bind(enabled.not());
            b.setTooltip(new Tooltip(tooltip));
            return b;
        }
    }

    private final WorkbenchWindow window;
    private final WorkbenchViewModel model;
    private final WorkbenchPreferences prefs;
    private final FileDialogs dialogs;
    private final ExportActions exports;
    private final RecentRunsMenu recent;
    private final Command start;
    private final Command pause;
    private final Command step;
    private final Command stop;
    private final Command cont;

    WorkbenchActions(WorkbenchWindow window, WorkbenchViewModel model, WorkbenchPreferences prefs, FileDialogs dialogs,
                     ExportActions exports, RecentRunsMenu recent) {
        this.window = window;
        this.model = model;
        this.prefs = prefs;
        this.dialogs = dialogs;
        this.exports = exports;
        this.recent = recent;
        RunControlViewModel c = model.control();
        start = new Command("Start", new KeyCodeCombination(KeyCode.F5), c::start, c.canStartProperty());
        pause = new Command("Pause / Resume", new KeyCodeCombination(KeyCode.F6), c::togglePause, c.canPauseResumeProperty());
        step = new Command("Step one iteration", new KeyCodeCombination(KeyCode.F7), c::step, c.canStepProperty());
        stop = new Command("Stop", new KeyCodeCombination(KeyCode.F5, KeyCombination.SHIFT_DOWN), model::stop,
                c.canStopProperty());
        cont = new Command("Continue stopped run", new KeyCodeCombination(KeyCode.F8), c::continueRun,
                c.canContinueProperty());
    }

    MenuBar menuBar(CheckMenuItem presentation) {
        MenuItem open = new MenuItem("Open run…");
        open.setAccelerator(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN));
        open.setOnAction(e -> dialogs.openRun().ifPresent(window::openRun));
        MenuItem saveAs = new MenuItem("Save run as…");
        saveAs.setAccelerator(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN));
        var runDirectory = model.control().runDirectoryProperty();
        saveAs.disableProperty().bind(runDirectory.isNull());
        saveAs.setOnAction(e -> dialogs.saveRun(runDirectory.get().getFileName().toString())
                .ifPresent(d -> model.files().saveRunAs(d, recent::remember)));
        MenuItem exportAll = new MenuItem("Export all figures…");
        exportAll.setAccelerator(new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
        exportAll.setOnAction(e -> exports.chooseAndExportAll());
        MenuItem webPage = new MenuItem("Export web page…");
        webPage.setOnAction(e -> exports.chooseAndExportWebPage());
        MenuItem quit = new MenuItem("Quit");
        quit.setAccelerator(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN));
        quit.setOnAction(e -> {
            javafx.stage.Window w = window.stage();
            if (w != null) {
                w.fireEvent(new WindowEvent(w, WindowEvent.WINDOW_CLOSE_REQUEST));
            }
        });
        Menu file = new Menu("File", null, open, recent, saveAs, new SeparatorMenuItem(), exportAll,
                webPage, new SeparatorMenuItem(), quit);
        file.setOnShowing(e -> recent.fill());

        Menu run = new Menu("Run", null, start.menuItem(), pause.menuItem(), step.menuItem(), stop.menuItem(),
                cont.menuItem(), new SeparatorMenuItem(), new ThreadsMenu(model));

        ToggleGroup themes = new ToggleGroup();
        RadioMenuItem light = new RadioMenuItem("Light theme");
        RadioMenuItem dark = new RadioMenuItem("Dark theme");
        light.setToggleGroup(themes);
        dark.setToggleGroup(themes);
        (prefs.theme().equals("dark") ? dark : light).setSelected(true);
        light.setOnAction(e -> window.setTheme("light"));
        dark.setOnAction(e -> window.setTheme("dark"));
        // F11: the key presentation programs use; no other command of the window takes it.
        presentation.setAccelerator(new KeyCodeCombination(KeyCode.F11));
        presentation.setOnAction(e -> window.setPresentation(presentation.isSelected()));
        Menu view = new Menu("View", null, light, dark, new SeparatorMenuItem(), presentation);
        return new MenuBar(file, run, view, demoMenu());
    }

    /** Demo: each named demo sets every setting and starts, in one click. */
    private Menu demoMenu() {
        Menu demo = new Menu("Demo");
        for (DemoPreset p : DemoPreset.values()) {
            MenuItem i = new MenuItem(p.title());
            i.disableProperty().bind(model.control().canPauseResumeProperty().or(model.control().startingProperty()));
            i.setOnAction(e -> window.startDemo(p));
            demo.getItems().add(i);
        }
        return demo;
    }

    ToolBar toolBar() {
        Button startButton = start.button("Start", "Train with these settings (F5)");
        startButton.getStyleClass().add("start");
        Button pauseButton = pause.button("Pause", "Pause or resume (F6)");
        pauseButton.textProperty().bind(Bindings.when(model.control().stateProperty().isEqualTo(RunState.PAUSED))
                .then("Resume").otherwise("Pause"));
        Button stepButton = step.button("Step", "Train one iteration while paused (F7)");
        Button stopButton = stop.button("Stop", "Stop the run; its files stay readable (Shift+F5)");
        FocusKeeper.install(window.root(), startButton, pauseButton, stopButton, window.tabs());
        HBox buttons = new HBox(6, startButton, pauseButton, stepButton, stopButton);
        buttons.getStyleClass().add("run-buttons");
        Label invalid = new Label();
        invalid.getStyleClass().add("settings-error");
        invalid.textProperty().bind(model.settings().firstErrorProperty());
        Label dir = new Label();
        dir.getStyleClass().add("tool-caption");
        var runDirectory = model.control().runDirectoryProperty();
        // The folder's name says which run on a projector; the whole path, long under a temp or home
        // folder, is the tooltip.
        // While a comparison trains it owns the window: the bar names its heads, not the run before it.
        var compared = model.compare().compareRuns();
        var comparing = model.compare().comparingProperty();
        dir.textProperty().bind(Bindings.createStringBinding(() -> comparing.get() && !compared.isEmpty()
                ? "comparing: " + compared.stream().map(r -> r.config().head().displayName())
                        .collect(java.util.stream.Collectors.joining(", ")) + " (Compare tab)"
                : runDirectory.get() == null ? "" : "run: " + runDirectory.get().getFileName(), runDirectory, comparing, compared));
        // an invalid setting's message takes the place (it says what blocks Start), never runs into the run's name
        dir.visibleProperty().bind(invalid.textProperty().isEmpty());
        dir.managedProperty().bind(dir.visibleProperty());
        invalid.setPadding(new javafx.geometry.Insets(0, 8, 0, 0));
        javafx.scene.control.Tooltip where = new javafx.scene.control.Tooltip();
        where.textProperty().bind(Bindings.createStringBinding(() -> runDirectory.get() == null ? ""
                : runDirectory.get().toAbsolutePath().toString(), runDirectory));
        dir.setTooltip(where);
        return new ToolBar(buttons, new Separator(Orientation.VERTICAL), invalid, dir);
    }
}
