package org.marginlab.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.Slider;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import org.marginlab.figures.FigureKind;
import org.marginlab.figures.FigureStyle;
import org.marginlab.figures.export.ExportFormat;
import org.marginlab.figures.export.FigureExporter;
import org.marginlab.run.RunState;
import org.marginlab.config.DemoPreset;

/**
 * The workbench window's content: menus and run buttons on top, settings on the left, the figure
 * tabs (live views, compare, theory) with a timeline under them in the middle, the status bar at the
 * bottom. Built on the FX thread from its view-models; owns the frame clock that feeds the views.
 */
public final class WorkbenchWindow {
    static final String ASSETS = "/org/marginlab/assets/";
    /** How often live data reach the views and the status bar: steady, and rare enough to cost training little. */
    static final long PULL_INTERVAL_MILLIS = 100;

    private final WorkbenchViewModel model;
    private final TheoryViewModel theory;
    private final BackgroundExecutor executor;
    private final WorkbenchPreferences prefs;
    private final BorderPane root = new BorderPane();
    private final TabPane tabs = new TabPane();
    private final NotificationBar notifications;
    private final SettingsView settingsView;
    private final List<FigureView> runViews;
    private final OpenSetView openSetView;
    private final CompareView compareView;
    private final TheoryView theoryView;
    private final FrameClock clock;
    private final SplitPane split;
    private final Menu recentMenu = new Menu("Open recent");
    private final Slider timeline = new Slider(0, 0, 0);
    private final ToggleButton live = new ToggleButton("Live");
    private final Label timelineLabel = new Label();
    private final FileDialogs dialogs;
    private final ExportActions exports;
    private final TimelineMarkers markers = new TimelineMarkers(timeline);
    private String theme = "light";
    private final javafx.scene.control.CheckMenuItem presentation = new javafx.scene.control.CheckMenuItem("Presentation mode");

    public WorkbenchWindow(WorkbenchViewModel model, TheoryViewModel theory, BackgroundExecutor executor,
                           WorkbenchPreferences prefs) {
        this.model = model;
        this.theory = theory;
        this.executor = executor;
        this.prefs = prefs;
        dialogs = new FileDialogs(prefs, this::stage);
        exports = new ExportActions(this, model, executor, dialogs, this::stage);
        settingsView = new SettingsView(model.settings());
        OverlayRuns overlays = new OverlayRuns(prefs::recentRuns, OverlayRuns::read, model, executor);
        runViews = List.of(
                new EmbeddingView(model, executor),
                new AngleHistogramView(model, executor),
                new AngleStatsView(model, executor, overlays),
                new RunFigureView(FigureKind.GRADIENT_CHECK, model, executor),
                new RunFigureView(FigureKind.SIMILARITY_MATRIX, model, executor),
                new TrainingCurvesView(model, executor, overlays),
                new RunFigureView(FigureKind.CONFUSION_MATRIX, model, executor));
        openSetView = new OpenSetView(model, executor, overlays);
        compareView = new CompareView(model, executor);
        theoryView = new TheoryView(theory, model, executor);
        for (FigureView v : runViews) {
            tabs.getTabs().add(tab(v.name(), v));
        }
        tabs.getTabs().add(tab(openSetView.name(), openSetView));
        Tab compareTab = tab("Compare", compareView);
        tabs.getTabs().add(compareTab);
        tabs.getTabs().add(tab("Theory", theoryView));
        tabs.setTabDragPolicy(TabPane.TabDragPolicy.REORDER);
        restoreTabOrder(prefs.tabOrder());
        tabs.getSelectionModel().selectedItemProperty().addListener(o -> allViews().forEach(v -> v.canvas().markDirty()));
        model.compareShownProperty().bind(tabs.getSelectionModel().selectedItemProperty().isEqualTo(compareTab));

        BorderPane center = new BorderPane(tabs);
        center.setBottom(timelineBar());
        notifications = new NotificationBar(model);
        center.setTop(notifications);

        split = new SplitPane(settingsView, center);
        SplitPane.setResizableWithParent(settingsView, false);
        split.setDividerPositions(prefs.divider());
        root.setTop(new VBox(menuBar(), toolBar(), new LiveKnobsView(model)));
        root.setCenter(split);
        root.setBottom(new RunStatusBar(model));
        root.getStylesheets().add(css("workbench.css"));
        // Lets the app and tests find the window from its scene.
        root.getProperties().put(WorkbenchWindow.class, this);
        setTheme(prefs.theme());
        selectTab(prefs.tab());

        clock = new FrameClock(model, this::allViews, root, PULL_INTERVAL_MILLIS);
        allViews().forEach(FigureView::refresh);
        // The one place the run views follow the current run (new run, opened run, recent run).
        model.runProperty().addListener(o -> runViews.forEach(FigureView::rebind));
        // a run trained here is a recent run too, listed at once
        model.runDirectoryProperty().addListener((o, was, dir) -> {
            if (dir != null) {
                prefs.addRecentRun(dir);
                fillRecent();
            }
        });
    }

    /** The window whose scene holds {@code node}. */
    static WorkbenchWindow of(javafx.scene.Node node) {
        return (WorkbenchWindow) node.getScene().getRoot().getProperties().get(WorkbenchWindow.class);
    }

    public ExportActions exports() {
        return exports;
    }

    private Window stage() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    private void restoreTabOrder(List<String> order) {
        List<Tab> sorted = new ArrayList<>(tabs.getTabs());
        sorted.sort(java.util.Comparator.comparingInt(t -> {
            int i = order.indexOf(name(t));
            return i < 0 ? Integer.MAX_VALUE : i;
        }));
        tabs.getTabs().setAll(sorted);
    }

    /**
     * Headers shorter than the figures' names, so that every tab fits a 1024 px window beside the settings
     * (JavaFX scrolls the first ones off otherwise); the full name stays the tab's name and tooltip.
     */
    private static final java.util.Map<String, String> TAB_TEXT = java.util.Map.of(
            FigureKind.ANGLE_HISTOGRAMS.label(), "Histograms",
            FigureKind.ANGLE_STATS.label(), "Angle stats",
            FigureKind.SIMILARITY_MATRIX.label(), "Similarity",
            FigureKind.TRAINING_CURVES.label(), "Training",
            FigureKind.CONFUSION_MATRIX.label(), "Confusion");

    private static Tab tab(String name, javafx.scene.Node content) {
        Tab t = new Tab(TAB_TEXT.getOrDefault(name, name), content);
        t.setUserData(name);
        if (!t.getText().equals(name)) {
            t.setTooltip(new javafx.scene.control.Tooltip(name));
        }
        t.setClosable(false);
        return t;
    }

    /** The tab's full name, which {@link #selectTab}, {@link #tabNames} and the saved tab order use. */
    private static String name(Tab t) {
        return (String) t.getUserData();
    }

    static String css(String name) {
        var url = WorkbenchWindow.class.getResource(ASSETS + name);
        if (url == null) {
            throw new IllegalStateException("stylesheet " + ASSETS + name + " is missing from the jar; rebuild with mvn package");
        }
        return url.toExternalForm();
    }

    public Parent root() {
        return root;
    }

    public FrameClock clock() {
        return clock;
    }

    public WorkbenchViewModel model() {
        return model;
    }

    public SettingsView settingsView() {
        return settingsView;
    }

    public List<FigureView> runViews() {
        return runViews;
    }

    public CompareView compareView() {
        return compareView;
    }

    public TheoryView theoryView() {
        return theoryView;
    }

    /** Every figure view in the window, for the frame clock and Export all. */
    public List<FigureView> allViews() {
        List<FigureView> all = new ArrayList<>(runViews);
        all.add(openSetView);
        all.addAll(compareView.figureViews());
        all.addAll(theoryView.figures());
        return all;
    }

    public FigureView view(String name) {
        return allViews().stream().filter(v -> v.name().equalsIgnoreCase(name)).findFirst().orElse(null);
    }

    public List<String> tabNames() {
        return tabs.getTabs().stream().map(WorkbenchWindow::name).toList();
    }

    /** Selects a tab by name, case-insensitively, or by a prefix of it; returns whether one matched. */
    public boolean selectTab(String name) {
        if (name == null || name.isBlank()) {
            return false;
        }
        String key = name.trim().toLowerCase(Locale.ROOT);
        for (Tab t : tabs.getTabs()) {
            String n = name(t).toLowerCase(Locale.ROOT);
            if (n.equals(key) || n.startsWith(key) || n.replace(" ", "-").equals(key)) {
                tabs.getSelectionModel().select(t);
                return true;
            }
        }
        return false;
    }

    public String selectedTab() {
        Tab t = tabs.getSelectionModel().getSelectedItem();
        return t == null ? "" : name(t);
    }

    public String theme() {
        return theme;
    }

    /** Switches between the light and the dark stylesheet. */
    public void setTheme(String name) {
        theme = "dark".equals(name) ? "dark" : "light";
        root.getStylesheets().removeIf(s -> s.endsWith("light.css") || s.endsWith("dark.css"));
        root.getStylesheets().add(css(theme + ".css"));
        updateLook();
    }

    public boolean presentation() {
        return presentation.isSelected();
    }

    /**
     * Presentation mode, for a projector: the settings fold away (the run buttons stay) and the
     * window's type and the figures' type, points and lines grow.
     */
    public void setPresentation(boolean on) {
        presentation.setSelected(on);
        root.getStyleClass().remove("presentation");
        if (on) {
            root.getStyleClass().add("presentation");
            if (split.getItems().contains(settingsView)) {
                prefs.setDivider(split.getDividerPositions()[0]);
                split.getItems().remove(settingsView);
            }
        } else if (!split.getItems().contains(settingsView)) {
            split.getItems().add(0, settingsView);
            split.setDividerPositions(prefs.divider());
        }
        updateLook();
    }

    private void updateLook() {
        FigureStyle.Look look = "dark".equals(theme) ? FigureStyle.DARK : FigureStyle.PAPER;
        model.lookProperty().set(presentation() ? look.presentation() : look);
    }

    /** Paints every visible figure now (e.g. right before a snapshot), skipping the frame clock's pace. */
    public void paintNow() {
        model.refreshStatus();
        allViews().forEach(FigureView::refresh);
        root.applyCss();
        root.layout();
        allViews().forEach(v -> v.canvas().paintIfDirty());
    }

    /** Writes the window's state into the preferences (not to disk). */
    public void rememberLayout() {
        if (!presentation()) {
            prefs.setDivider(split.getDividerPositions()[0]);
        }
        prefs.setTheme(theme);
        prefs.setTab(selectedTab());
        prefs.setTabOrder(tabNames());
        if (model.settings().validProperty().get()) {
            prefs.setLastConfig(model.settings().toConfig());
        }
    }

    private MenuBar menuBar() {
        MenuItem open = new MenuItem("Open run…");
        open.setAccelerator(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN));
        open.setOnAction(e -> dialogs.openRun().ifPresent(this::openRun));
        fillRecent();
        MenuItem saveAs = new MenuItem("Save run as…");
        saveAs.setAccelerator(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN));
        saveAs.disableProperty().bind(model.runDirectoryProperty().isNull());
        saveAs.setOnAction(e -> dialogs.saveRun(model.runDirectoryProperty().get().getFileName().toString())
                .ifPresent(d -> model.saveRunAs(d, copy -> {
                    prefs.addRecentRun(copy);
                    fillRecent();
                })));
        MenuItem exportAll = new MenuItem("Export all figures…");
        exportAll.setAccelerator(new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
        exportAll.setOnAction(e -> exports.chooseAndExportAll());
        MenuItem quit = new MenuItem("Quit");
        quit.setAccelerator(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN));
        quit.setOnAction(e -> {
            Window w = root.getScene() == null ? null : root.getScene().getWindow();
            if (w != null) {
                w.fireEvent(new javafx.stage.WindowEvent(w, javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST));
            }
        });
        Menu file = new Menu("File", null, open, recentMenu, saveAs, new javafx.scene.control.SeparatorMenuItem(), exportAll,
                new javafx.scene.control.SeparatorMenuItem(), quit);
        // runs may have been deleted, or opened in another window, since the menu was last shown
        file.setOnShowing(e -> fillRecent());

        MenuItem start = command("Start", new KeyCodeCombination(KeyCode.F5), model::start);
        start.disableProperty().bind(model.canStartProperty().not());
        MenuItem pause = command("Pause / Resume", new KeyCodeCombination(KeyCode.F6), model::togglePause);
        pause.disableProperty().bind(model.canPauseResumeProperty().not());
        MenuItem step = command("Step one iteration", new KeyCodeCombination(KeyCode.F7), model::step);
        step.disableProperty().bind(model.canStepProperty().not());
        MenuItem stop = command("Stop", new KeyCodeCombination(KeyCode.F5, KeyCombination.SHIFT_DOWN), model::stop);
        stop.disableProperty().bind(model.canStopProperty().not());
        MenuItem cont = command("Continue stopped run", new KeyCodeCombination(KeyCode.F8), model::continueRun);
        cont.disableProperty().bind(model.canContinueProperty().not());
        Menu run = new Menu("Run", null, start, pause, step, stop, cont, new javafx.scene.control.SeparatorMenuItem(),
                new ThreadsMenu(model));

        ToggleGroup themes = new ToggleGroup();
        RadioMenuItem light = new RadioMenuItem("Light theme");
        RadioMenuItem dark = new RadioMenuItem("Dark theme");
        light.setToggleGroup(themes);
        dark.setToggleGroup(themes);
        (prefs.theme().equals("dark") ? dark : light).setSelected(true);
        light.setOnAction(e -> setTheme("light"));
        dark.setOnAction(e -> setTheme("dark"));
        // F11: the key presentation programs use; no other command of the window takes it.
        presentation.setAccelerator(new KeyCodeCombination(KeyCode.F11));
        presentation.setOnAction(e -> setPresentation(presentation.isSelected()));
        Menu view = new Menu("View", null, light, dark, new javafx.scene.control.SeparatorMenuItem(), presentation);
        return new MenuBar(file, run, view, demoMenu());
    }

    /** Demo: each named demo sets every setting and starts, in one click. */
    private Menu demoMenu() {
        Menu demo = new Menu("Demo");
        for (DemoPreset p : DemoPreset.values()) {
            MenuItem i = new MenuItem(p.title());
            i.disableProperty().bind(model.canPauseResumeProperty().or(model.startingProperty()));
            i.setOnAction(e -> startDemo(p));
            demo.getItems().add(i);
        }
        return demo;
    }

    /** Loads a demo's settings and starts it (a comparison on the Compare tab). */
    public void startDemo(DemoPreset p) {
        model.settings().load(p.config());
        if (p.compares()) {
            selectTab("Compare");
            model.startCompare(p.heads());
        } else {
            selectTab("Embedding");
            model.start();
        }
    }

    private static MenuItem command(String text, KeyCombination key, Runnable action) {
        MenuItem i = new MenuItem(text);
        i.setAccelerator(key);
        i.setOnAction(e -> action.run());
        return i;
    }

    private ToolBar toolBar() {
        Button start = new Button("Start");
        start.getStyleClass().add("start");
        start.setOnAction(e -> model.start());
        start.disableProperty().bind(model.canStartProperty().not());
        start.setTooltip(new javafx.scene.control.Tooltip("Train with these settings (F5)"));
        Button pause = new Button("Pause");
        pause.textProperty().bind(Bindings.when(model.stateProperty().isEqualTo(RunState.PAUSED))
                .then("Resume").otherwise("Pause"));
        pause.setOnAction(e -> model.togglePause());
        pause.disableProperty().bind(model.canPauseResumeProperty().not());
        pause.setTooltip(new javafx.scene.control.Tooltip("Pause or resume (F6)"));
        Button step = new Button("Step");
        step.setOnAction(e -> model.step());
        step.disableProperty().bind(model.canStepProperty().not());
        step.setTooltip(new javafx.scene.control.Tooltip("Train one iteration while paused (F7)"));
        Button stop = new Button("Stop");
        stop.setOnAction(e -> model.stop());
        stop.disableProperty().bind(model.canStopProperty().not());
        stop.setTooltip(new javafx.scene.control.Tooltip("Stop the run; its files stay readable (Shift+F5)"));
        keepFocusOffTextFields(start, pause, stop);
        HBox buttons = new HBox(6, start, pause, step, stop);
        buttons.getStyleClass().add("run-buttons");
        Label invalid = new Label();
        invalid.getStyleClass().add("settings-error");
        invalid.textProperty().bind(model.settings().firstErrorProperty());
        Label dir = new Label();
        dir.getStyleClass().add("tool-caption");
        dir.textProperty().bind(Bindings.createStringBinding(() -> model.runDirectoryProperty().get() == null ? ""
                : "run: " + model.runDirectoryProperty().get(), model.runDirectoryProperty()));
        return new ToolBar(buttons, new Separator(Orientation.VERTICAL), invalid, dir);
    }

    /**
     * A focused text field blinks its caret through an animation, which pulses the scene 60 times a
     * second for as long as it has focus (JavaFX cannot turn the blinking off), and each pulse takes
     * time from training. So when a run starts, focus goes from the run buttons or a settings field
     * (F5 pressed while typing) to Pause, where Space then pauses; and when Start or Stop disables under
     * the focus, which JavaFX would hand on to a settings field, it goes to a run button instead.
     */
    private void keepFocusOffTextFields(Button start, Button pause, Button stop) {
        pause.disabledProperty().addListener((o, was, disabled) -> {
            javafx.scene.Node owner = root.getScene() == null ? null : root.getScene().getFocusOwner();
            if (!disabled && (owner == null || owner.isDisabled() || owner == start || owner == stop
                    || owner instanceof javafx.scene.control.TextInputControl)) {
                pause.requestFocus();
            }
        });
        boolean[] lostToDisable = {false};
        root.sceneProperty().addListener((o, was, scene) -> {
            if (scene != null) {
                scene.focusOwnerProperty().addListener((f, from, to) -> {
                    boolean handedOn = lostToDisable[0] || (from != null && from.isDisabled());
                    lostToDisable[0] = to == null && from != null && from.isDisabled();
                    if (to instanceof javafx.scene.control.TextInputControl && handedOn) {
                        javafx.application.Platform.runLater(() -> java.util.stream.Stream.of(pause, stop, start)
                                .filter(b -> !b.isDisabled()).findFirst().map(b -> (javafx.scene.Node) b).orElse(tabs)
                                .requestFocus());
                    }
                });
            }
        });
    }

    private HBox timelineBar() {
        live.setSelected(true);
        live.setOnAction(e -> {
            if (live.isSelected()) {
                model.timelineIndexProperty().set(-1);
            } else {
                model.timelineIndexProperty().set((int) Math.round(timeline.getValue()));
            }
        });
        timeline.setBlockIncrement(1);
        timeline.setMajorTickUnit(1);
        timeline.setMinorTickCount(0);
        timeline.setSnapToTicks(true);
        timeline.valueProperty().addListener((o, was, now) -> {
            if (timeline.isValueChanging() || timeline.isFocused() || timeline.isPressed()) {
                live.setSelected(false);
                model.timelineIndexProperty().set((int) Math.round(now.doubleValue()));
            }
        });
        model.dataVersionProperty().addListener(o -> updateTimeline());
        model.timelineIndexProperty().addListener(o -> updateTimeline());
        VBox track = new VBox(timeline, markers);
        HBox.setHgrow(track, Priority.ALWAYS);
        timelineLabel.setMinWidth(170);
        MenuButton gif = replayMenu();
        HBox bar = new HBox(8, new Label("Timeline"), track, timelineLabel, live, gif);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 8, 4, 8));
        bar.getStyleClass().add("timeline-bar");
        return bar;
    }

    /** Replay GIF of the selected tab: frames a second and length, then Export. */
    private MenuButton replayMenu() {
        javafx.scene.control.Spinner<Integer> fps = new javafx.scene.control.Spinner<>(1, 30, 10);
        javafx.scene.control.Spinner<Integer> seconds = new javafx.scene.control.Spinner<>(1, 120, 6);
        fps.setPrefWidth(80);
        seconds.setPrefWidth(80);
        javafx.scene.layout.GridPane knobs = new javafx.scene.layout.GridPane(8, 4);
        knobs.addRow(0, new Label("frames / s"), fps);
        knobs.addRow(1, new Label("length (s)"), seconds);
        javafx.scene.control.CustomMenuItem settings = new javafx.scene.control.CustomMenuItem(knobs, false);
        MenuItem export = new MenuItem("Export GIF of this tab…");
        export.setOnAction(e -> dialogs.saveFile("Write the replay GIF",
                        FigureView.runStem(model, replayView().name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                                + "-replay") + ".gif", "Animated GIF", "gif")
                .ifPresent(f -> exportReplay(f, fps.getValue(), seconds.getValue(), null)));
        MenuButton b = new MenuButton("Replay GIF", null, settings, new javafx.scene.control.SeparatorMenuItem(), export);
        b.setTooltip(new javafx.scene.control.Tooltip("An animated GIF of the selected tab over the run's snapshots"));
        return b;
    }

    private void updateTimeline() {
        RunModel r = model.runProperty().get();
        int n = r == null ? 0 : r.history().size();
        markers.show(r == null ? List.of() : r.history(), r == null ? List.of() : r.changes());
        timeline.setMax(Math.max(0, n - 1));
        timeline.setDisable(n < 2);
        int i = model.timelineIndexProperty().get();
        live.setSelected(i < 0);
        if (i < 0 && !timeline.isValueChanging()) {
            timeline.setValue(Math.max(0, n - 1));
        }
        var shown = model.shownProperty().get();
        timelineLabel.setText(shown == null ? "no snapshots yet"
                : String.format(Locale.ROOT, "iteration %d (%d of %d)", shown.iteration(),
                        (i < 0 ? n : Math.min(i, n - 1) + 1), n));
    }

    /** Opens a run directory and remembers it in the recent list. */
    public void openRun(Path dir) {
        model.open(dir, opened -> {
            prefs.addRecentRun(opened);
            fillRecent();
            selectTab("Embedding");
        });
    }

    private void fillRecent() {
        recentMenu.getItems().clear();
        for (Path p : prefs.recentRuns()) {
            MenuItem i = new MenuItem(p.getFileName() + "  —  " + p.getParent());
            i.setOnAction(e -> openRun(p));
            recentMenu.getItems().add(i);
        }
        recentMenu.setDisable(recentMenu.getItems().isEmpty());
    }

    /** The run view a replay GIF shows: the selected tab's, else the embedding. */
    private FigureView replayView() {
        return runViews.stream().filter(v -> v.getParent() != null && v.isVisible()
                && v.name().equals(selectedTab())).findFirst().orElse(runViews.get(0));
    }

    /**
     * Writes the replay of the selected run tab (the embedding when a tab shows no run) as an animated GIF
     * of {@code seconds} at {@code fps} frames a second to {@code file}; {@code done} (may be null) gets it.
     */
    public void exportReplay(Path file, double fps, double seconds, java.util.function.Consumer<Path> done) {
        RunModel r = model.runProperty().get();
        if (r == null || r.history().isEmpty()) {
            model.notify("Nothing to replay yet: start or open a run first.");
            return;
        }
        org.marginlab.figures.RunData data = WorkbenchViewModel.toRunData(r);
        FigureView view = replayView();
        List<ReplayGif.Frame> plan = ReplayGif.plan(data.iterations().size(), fps, seconds);
        List<org.marginlab.figures.Figure> frames = new ArrayList<>();
        for (ReplayGif.Frame f : plan) {
            frames.add(view.replayFrame(data.upTo(data.iterations().get(f.snapshot()).iteration())));
        }
        int[] delays = plan.stream().mapToInt(ReplayGif.Frame::centiseconds).toArray();
        executor.submit(() -> ReplayGif.write(frames, delays, file, 1),
                path -> {
                    model.notify("Wrote the replay (" + frames.size() + " pictures, "
                            + org.marginlab.figures.Fmt.num(seconds) + " s) to " + path);
                    if (done != null) {
                        done.accept(path);
                    }
                },
                failure -> model.notify(WorkbenchViewModel.describe("GIF export failed", failure)));
    }

    /** Installs the window into a scene of the given size (also used for headless screenshots). */
    public Scene scene(double width, double height) {
        return new Scene(root, width, height);
    }
}
