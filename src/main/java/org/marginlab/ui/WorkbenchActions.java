package org.marginlab.ui;

import org.marginlab.ui.viewmodel.WorkbenchViewModel;
import org.marginlab.ui.viewmodel.WorkbenchPreferences;
import org.marginlab.ui.export.FileDialogs;
import javafx.beans.binding.Bindings;
import javafx.geometry.Orientation;
import java.util.EnumMap;
import java.util.Map;

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
import javafx.scene.layout.HBox;
import javafx.stage.WindowEvent;

import org.marginlab.config.DemoPreset;
import org.marginlab.run.RunState;
import org.marginlab.ui.export.ExportActions;
import org.marginlab.ui.viewmodel.RunControlViewModel;
import org.marginlab.ui.ActionFactory.Command;

/**
 * The window's menus and run tool bar, built in one place from the {@link WorkbenchAction} list: each command
 * (what it does and when it is enabled) is bound here once and shown as a menu item and, for the run
 * commands, as a tool-bar button.
 */
final class WorkbenchActions {
    private final WorkbenchWindow window;
    private final WorkbenchViewModel model;
    private final WorkbenchPreferences prefs;
    private final RecentRunsMenu recent;
    private final Map<WorkbenchAction, Command> commands = new EnumMap<>(WorkbenchAction.class);

    WorkbenchActions(WorkbenchWindow window, WorkbenchViewModel model, WorkbenchPreferences prefs, FileDialogs dialogs,
                     ExportActions exports, RecentRunsMenu recent) {
        this.window = window;
        this.model = model;
        this.prefs = prefs;
        this.recent = recent;
        RunControlViewModel c = model.control();
        var runDirectory = c.runDirectoryProperty();
        commands.put(WorkbenchAction.OPEN_RUN, Command.always(() -> dialogs.openRun().ifPresent(window::openRun)));
        commands.put(WorkbenchAction.SAVE_RUN_AS, new Command(() -> dialogs.saveRun(runDirectory.get().getFileName().toString())
                .ifPresent(d -> model.files().saveRunAs(d, recent::remember)), runDirectory.isNotNull()));
        commands.put(WorkbenchAction.EXPORT_ALL, Command.always(exports::chooseAndExportAll));
        commands.put(WorkbenchAction.EXPORT_WEB_PAGE, Command.always(exports::chooseAndExportWebPage));
        commands.put(WorkbenchAction.QUIT, Command.always(() -> {
            javafx.stage.Window w = window.stage();
            if (w != null) {
                w.fireEvent(new WindowEvent(w, WindowEvent.WINDOW_CLOSE_REQUEST));
            }
        }));
        commands.put(WorkbenchAction.START, new Command(c::start, c.canStartProperty()));
        commands.put(WorkbenchAction.PAUSE_RESUME, new Command(c::togglePause, c.canPauseResumeProperty()));
        commands.put(WorkbenchAction.STEP, new Command(c::step, c.canStepProperty()));
        // a comparison owns the window while it trains: Stop (and Shift+F5) stops it too, the one Stop a
        // presentation-mode top line shows
        commands.put(WorkbenchAction.STOP, new Command(model::stop, c.canStopProperty().or(model.compare().comparingProperty())));
        commands.put(WorkbenchAction.CONTINUE, new Command(c::continueRun, c.canContinueProperty()));
        commands.put(WorkbenchAction.LIGHT_THEME, Command.always(() -> window.setTheme("light")));
        commands.put(WorkbenchAction.DARK_THEME, Command.always(() -> window.setTheme("dark")));
        commands.put(WorkbenchAction.KEYS, Command.always(this::showKeys));
    }

    /** Help → Keys: every key of the window, presentation mode's included, in a dialog that follows the mode. */
    private void showKeys() {
        javafx.scene.control.Alert a = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.INFORMATION);
        a.initOwner(window.stage());
        a.setTitle("Keys");
        a.setHeaderText("Keys of the MarginLab window");
        a.setContentText(String.join("\n", WorkbenchAction.keyLines()));
        org.marginlab.ui.views.DialogLook.follow(a, window.stage());
        a.show();
    }

    private MenuItem item(WorkbenchAction a) {
        return ActionFactory.menuItem(a, commands.get(a));
    }

    MenuBar menuBar(CheckMenuItem presentation) {
        Menu file = new Menu("File", null, item(WorkbenchAction.OPEN_RUN), recent, item(WorkbenchAction.SAVE_RUN_AS),
                new SeparatorMenuItem(), item(WorkbenchAction.EXPORT_ALL), item(WorkbenchAction.EXPORT_WEB_PAGE),
                new SeparatorMenuItem(), item(WorkbenchAction.QUIT));
        file.setOnShowing(e -> recent.fill());

        Menu run = new Menu("Run", null, item(WorkbenchAction.START), item(WorkbenchAction.PAUSE_RESUME),
                item(WorkbenchAction.STEP), item(WorkbenchAction.STOP), item(WorkbenchAction.CONTINUE),
                new SeparatorMenuItem(), new ThreadsMenu(model));

        ToggleGroup themes = new ToggleGroup();
        RadioMenuItem light = ActionFactory.radioMenuItem(WorkbenchAction.LIGHT_THEME, commands.get(WorkbenchAction.LIGHT_THEME));
        RadioMenuItem dark = ActionFactory.radioMenuItem(WorkbenchAction.DARK_THEME, commands.get(WorkbenchAction.DARK_THEME));
        light.setToggleGroup(themes);
        dark.setToggleGroup(themes);
        (prefs.theme().equals("dark") ? dark : light).setSelected(true);
        // the item toggles itself before its action runs, so the action takes its new state
        ActionFactory.bind(presentation, WorkbenchAction.PRESENTATION,
                Command.always(() -> window.setPresentation(presentation.isSelected())));
        Menu view = new Menu("View", null, light, dark, new SeparatorMenuItem(), presentation);
        Menu help = new Menu("Help", null, item(WorkbenchAction.KEYS));
        return new MenuBar(file, run, view, demoMenu(), help);
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

    private Button button(WorkbenchAction a) {
        return ActionFactory.button(a, commands.get(a));
    }

    ToolBar toolBar() {
        Button startButton = button(WorkbenchAction.START);
        startButton.getStyleClass().add("start");
        Button pauseButton = button(WorkbenchAction.PAUSE_RESUME);
        pauseButton.textProperty().bind(Bindings.when(model.control().stateProperty().isEqualTo(RunState.PAUSED))
                .then("Resume").otherwise("Pause"));
        Button stepButton = button(WorkbenchAction.STEP);
        Button stopButton = button(WorkbenchAction.STOP);
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
