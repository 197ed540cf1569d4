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
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;

import org.marginlab.figures.FigureIds;
import org.marginlab.figures.export.ExportFormat;
import org.marginlab.figures.export.FigureExporter;
import org.marginlab.run.RunState;

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
    private String theme = "light";

    public WorkbenchWindow(WorkbenchViewModel model, TheoryViewModel theory, BackgroundExecutor executor,
                           WorkbenchPreferences prefs) {
        this.model = model;
        this.theory = theory;
        this.executor = executor;
        this.prefs = prefs;
        settingsView = new SettingsView(model.settings());
        runViews = List.of(
                new EmbeddingView(model, executor),
                new AngleHistogramView(model, executor),
                new AngleStatsView(model, executor),
                new RunFigureView("Gradient vs θ", () -> FigureCatalog.create(FigureIds.GRADIENT_CHECK), model, executor),
                new RunFigureView("Similarity matrix", () -> FigureCatalog.create(FigureIds.SIMILARITY_MATRIX), model, executor),
                new RunFigureView("Training curves", () -> FigureCatalog.create(FigureIds.TRAINING_CURVES), model, executor),
                new RunFigureView("Confusion matrix", () -> FigureCatalog.create(FigureIds.CONFUSION_MATRIX), model, executor));
        openSetView = new OpenSetView(model, executor);
        compareView = new CompareView(model, executor);
        theoryView = new TheoryView(theory, model, executor);
        for (FigureView v : runViews) {
            tabs.getTabs().add(tab(v.name(), v));
        }
        tabs.getTabs().add(tab(openSetView.name(), openSetView));
        tabs.getTabs().add(tab("Compare", compareView));
        tabs.getTabs().add(tab("Theory", theoryView));
        tabs.setTabDragPolicy(TabPane.TabDragPolicy.REORDER);
        restoreTabOrder(prefs.tabOrder());
        tabs.getSelectionModel().selectedItemProperty().addListener(o -> allViews().forEach(v -> v.canvas().markDirty()));

        BorderPane center = new BorderPane(tabs);
        center.setBottom(timelineBar());
        notifications = new NotificationBar(model);
        center.setTop(notifications);

        split = new SplitPane(settingsView, center);
        SplitPane.setResizableWithParent(settingsView, false);
        split.setDividerPositions(prefs.divider());
        root.setTop(new VBox(menuBar(), toolBar()));
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
    }

    private void restoreTabOrder(List<String> order) {
        List<Tab> sorted = new ArrayList<>(tabs.getTabs());
        sorted.sort(java.util.Comparator.comparingInt(t -> {
            int i = order.indexOf(t.getText());
            return i < 0 ? Integer.MAX_VALUE : i;
        }));
        tabs.getTabs().setAll(sorted);
    }

    private static Tab tab(String name, javafx.scene.Node content) {
        Tab t = new Tab(name, content);
        t.setClosable(false);
        return t;
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
        return tabs.getTabs().stream().map(Tab::getText).toList();
    }

    /** Selects a tab by name, case-insensitively, or by a prefix of it; returns whether one matched. */
    public boolean selectTab(String name) {
        if (name == null || name.isBlank()) {
            return false;
        }
        String key = name.trim().toLowerCase(Locale.ROOT);
        for (Tab t : tabs.getTabs()) {
            String n = t.getText().toLowerCase(Locale.ROOT);
            if (n.equals(key) || n.startsWith(key) || n.replace(" ", "-").equals(key)) {
                tabs.getSelectionModel().select(t);
                return true;
            }
        }
        return false;
    }

    public String selectedTab() {
        Tab t = tabs.getSelectionModel().getSelectedItem();
        return t == null ? "" : t.getText();
    }

    public String theme() {
        return theme;
    }

    /** Switches between the light and the dark stylesheet. */
    public void setTheme(String name) {
        theme = "dark".equals(name) ? "dark" : "light";
        root.getStylesheets().removeIf(s -> s.endsWith("light.css") || s.endsWith("dark.css"));
        root.getStylesheets().add(css(theme + ".css"));
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
        prefs.setDivider(split.getDividerPositions()[0]);
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
        open.setOnAction(e -> chooseFolder("Open a run directory").ifPresent(this::openRun));
        recentMenu.setOnShowing(e -> fillRecent());
        fillRecent();
        MenuItem saveAs = new MenuItem("Save run as…");
        saveAs.setAccelerator(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN));
        saveAs.disableProperty().bind(model.runDirectoryProperty().isNull());
        saveAs.setOnAction(e -> chooseFolder("Save a copy of the run into").ifPresent(d -> model.saveRunAs(d, copy -> {
            prefs.addRecentRun(copy);
            fillRecent();
        })));
        MenuItem exportAll = new MenuItem("Export all figures…");
        exportAll.setAccelerator(new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
        exportAll.setOnAction(e -> chooseFolder("Export all figures to").ifPresent(d -> exportAll(d, ExportFormat.PNG, 2)));
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

        MenuItem start = command("Start", new KeyCodeCombination(KeyCode.F5), model::start);
        start.disableProperty().bind(model.canStartProperty().not());
        MenuItem pause = command("Pause / Resume", new KeyCodeCombination(KeyCode.F6), model::togglePause);
        pause.disableProperty().bind(model.canPauseResumeProperty().not());
        MenuItem step = command("Step one iteration", new KeyCodeCombination(KeyCode.F7), model::step);
        step.disableProperty().bind(model.canStepProperty().not());
        MenuItem stop = command("Stop", new KeyCodeCombination(KeyCode.F5, KeyCombination.SHIFT_DOWN), model::stop);
        stop.disableProperty().bind(model.canStopProperty().not());
        Menu run = new Menu("Run", null, start, pause, step, stop);

        ToggleGroup themes = new ToggleGroup();
        RadioMenuItem light = new RadioMenuItem("Light theme");
        RadioMenuItem dark = new RadioMenuItem("Dark theme");
        light.setToggleGroup(themes);
        dark.setToggleGroup(themes);
        (prefs.theme().equals("dark") ? dark : light).setSelected(true);
        light.setOnAction(e -> setTheme("light"));
        dark.setOnAction(e -> setTheme("dark"));
        Menu view = new Menu("View", null, light, dark);
        return new MenuBar(file, run, view);
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
        HBox.setHgrow(timeline, Priority.ALWAYS);
        timelineLabel.setMinWidth(170);
        Button gif = new Button("Export replay GIF…");
        gif.setOnAction(e -> chooseFolder("Write the replay GIF to").ifPresent(this::exportReplay));
        HBox bar = new HBox(8, new Label("Timeline"), timeline, timelineLabel, live, gif);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 8, 4, 8));
        bar.getStyleClass().add("timeline-bar");
        return bar;
    }

    private void updateTimeline() {
        RunModel r = model.runProperty().get();
        int n = r == null ? 0 : r.history().size();
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

    private java.util.Optional<Path> chooseFolder(String title) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(title);
        Window w = root.getScene() == null ? null : root.getScene().getWindow();
        java.io.File f = chooser.showDialog(w);
        return java.util.Optional.ofNullable(f).map(java.io.File::toPath);
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

    /**
     * Exports every figure that has data into {@code dir}: figures are copied on the FX thread and
     * rendered on a worker. {@code done} (may be null) gets the written files on the FX thread.
     */
    public void exportAll(Path dir, ExportFormat format, int scale, java.util.function.Consumer<List<Path>> done) {
        List<org.marginlab.figures.Figure> copies = new ArrayList<>();
        for (FigureView v : allViews()) {
            org.marginlab.figures.Figure f = v.createFigure();
            v.configure(f);
            if (f.hasData()) {
                copies.add(f);
            }
        }
        executor.submit(() -> {
            List<Path> written = new ArrayList<>();
            for (org.marginlab.figures.Figure f : copies) {
                written.add(FigureExporter.write(f, dir, format, scale));
                if (format != ExportFormat.CSV) {
                    written.add(FigureExporter.write(f, dir, ExportFormat.CSV, 1));
                }
            }
            return written;
        }, written -> {
            model.notify("Exported " + written.size() + " files to " + dir);
            if (done != null) {
                done.accept(written);
            }
        }, failure -> model.notify(WorkbenchViewModel.describe("Export failed", failure)));
    }

    public void exportAll(Path dir, ExportFormat format, int scale) {
        exportAll(dir, format, scale, null);
    }

    /** Writes the embedding's replay over the stored snapshots as an animated GIF. */
    public void exportReplay(Path dir) {
        RunModel r = model.runProperty().get();
        if (r == null || r.history().isEmpty()) {
            model.notify("Nothing to replay yet: start or open a run first.");
            return;
        }
        org.marginlab.figures.RunData data = WorkbenchViewModel.toRunData(r);
        EmbeddingView embedding = (EmbeddingView) runViews.get(0);
        List<org.marginlab.figures.Figure> frames = embedding.replayFrames(data, ReplayGif.MAX_FRAMES);
        executor.submit(() -> ReplayGif.write(frames, dir.resolve("embedding-replay.gif"), 1),
                path -> model.notify("Wrote the replay (" + frames.size() + " frames) to " + path),
                failure -> model.notify(WorkbenchViewModel.describe("GIF export failed", failure)));
    }

    /** Installs the window into a scene of the given size (also used for headless screenshots). */
    public Scene scene(double width, double height) {
        return new Scene(root, width, height);
    }
}
