package org.marginlab.ui;

import org.marginlab.ui.viewmodel.WorkbenchViewModel;
import org.marginlab.ui.viewmodel.WorkbenchPreferences;
import org.marginlab.ui.viewmodel.BackgroundExecutor;
import org.marginlab.ui.export.FileDialogs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import org.marginlab.config.DemoPreset;
import org.marginlab.figures.Figure;
import org.marginlab.figures.catalog.FigureKind;
import org.marginlab.figures.FigureStyle;
import org.marginlab.ui.compare.CompareView;
import org.marginlab.ui.export.ExportActions;
import org.marginlab.ui.run.LiveKnobsView;
import org.marginlab.ui.run.RunStatusBar;
import org.marginlab.ui.settings.SettingsView;
import org.marginlab.ui.theory.TheoryView;
import org.marginlab.ui.theory.TheoryViewModel;
import org.marginlab.ui.timeline.TimelineBar;
import org.marginlab.ui.views.FigureView;
import org.marginlab.ui.views.OpenSetView;
import org.marginlab.ui.views.OverlayRuns;
import org.marginlab.ui.views.RunViews;

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
    private final WorkbenchPreferences prefs;
    private final BorderPane root = new BorderPane();
    private final TabPane tabs = new TabPane();
    private final SettingsView settingsView;
    private final List<FigureView> runViews;
    private final OpenSetView openSetView;
    private final CompareView compareView;
    private final TheoryView theoryView;
    private final FrameClock clock;
    private final SplitPane split;
    private final RecentRunsMenu recent;
    private final ExportActions exports;
    private String theme = "light";
    /** The rows around the figures, which presentation mode folds into two thin lines (see {@link #layOutBars}). */
    private final javafx.scene.control.MenuBar menuBar;
    private final javafx.scene.control.ToolBar runBar;
    /** The run bar's items (run buttons, separator, invalid setting, run name), moved into the top line and back. */
    private final List<javafx.scene.Node> runItems;
    private final javafx.scene.Node knobs;
    private final RunStatusBar statusBar;
    /** The status in presentation mode's bottom line, beside the timeline. */
    private final javafx.scene.layout.Region statusLine;
    private final TimelineBar timeline;
    private final BorderPane center;
    /** Presentation mode's one top line: ☰, the run buttons, the run's name and the live knobs; wraps, never cuts. */
    private final javafx.scene.layout.FlowPane controlsLine = new javafx.scene.layout.FlowPane(6, 2);
    private final javafx.scene.control.Button menusButton = new javafx.scene.control.Button("☰");
    /** Shown once on entering presentation mode, over the figures (it takes no height from them). */
    private final javafx.scene.control.Label hint = new javafx.scene.control.Label();
    private final javafx.animation.PauseTransition hintTimer = new javafx.animation.PauseTransition(javafx.util.Duration.seconds(10));
    private boolean hintShown;
    private final javafx.animation.PauseTransition refold = new javafx.animation.PauseTransition(javafx.util.Duration.millis(400));
    private boolean packed;
    /** Alt pressed with no other key since: its release shows or hides the folded menus. */
    private boolean altAlone;
    private final CheckMenuItem presentation = new CheckMenuItem(WorkbenchAction.PRESENTATION.text());

    public WorkbenchWindow(WorkbenchViewModel model, TheoryViewModel theory, BackgroundExecutor executor,
                           WorkbenchPreferences prefs) {
        this.model = model;
        this.prefs = prefs;
        FileDialogs dialogs = new FileDialogs(prefs, this::stage);
        exports = new ExportActions(exportSource(), model, executor, dialogs, this::stage);
        recent = new RecentRunsMenu(prefs, this::openRun);
        settingsView = new SettingsView(model.settings());
        OverlayRuns overlays = new OverlayRuns(prefs::recentRuns, OverlayRuns::read, model, executor);
        runViews = RunViews.create(model, executor, overlays);
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
        model.status().compareShownProperty().bind(tabs.getSelectionModel().selectedItemProperty().isEqualTo(compareTab));

        center = new BorderPane(tabs);
        timeline = new TimelineBar(model, exports);
        center.setBottom(timeline);
        center.setTop(new NotificationBar(model));

        split = new SplitPane(settingsView, center);
        SplitPane.setResizableWithParent(settingsView, false);
        split.setDividerPositions(prefs.divider());
        WorkbenchActions actions = new WorkbenchActions(this, model, prefs, dialogs, exports, recent);
        menuBar = actions.menuBar(presentation);
        runBar = actions.toolBar();
        runItems = List.copyOf(runBar.getItems());
        knobs = new LiveKnobsView(model);
        statusBar = new RunStatusBar(model);
        statusLine = RunStatusBar.compact(model);
        // beside the timeline the status takes about half the line, two lines of text at most at 1024 px
        statusLine.setPrefWidth(540);
        statusLine.setMinWidth(300);
        menusButton.setTooltip(new javafx.scene.control.Tooltip("Menus (F10 or Alt); Help → Keys lists every key"));
        menusButton.setOnAction(e -> showMenus(!menuBar.isVisible()));
        menusButton.getStyleClass().add("menus-button");
        controlsLine.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        controlsLine.getStyleClass().add("presentation-controls");
        // a folded menu bar folds again once its menus close; a moment later, as a click on the next menu first
        // closes the open one
        // (and not while the pointer is on the bar: a click there that only closed the open menu leaves it up)
        refold.setOnFinished(e -> {
            if (packed && !menuBar.isHover() && menuBar.getMenus().stream().noneMatch(javafx.scene.control.Menu::isShowing)) {
                showMenus(false);
            }
        });
        menuBar.hoverProperty().addListener((o, was, now) -> {
            if (!now && packed && menuBar.isVisible()) {
                refold.playFromStart();
            }
        });
        for (javafx.scene.control.Menu m : menuBar.getMenus()) {
            m.setOnHidden(e -> refold.playFromStart());
        }
        layOutBars(false); // the bars before the figures: lookups and focus traversal meet them first
        hint.getStyleClass().add("presentation-hint");
        hint.setWrapText(true);
        hint.setMouseTransparent(true);
        hint.setVisible(false);
        hintTimer.setOnFinished(e -> hint.setVisible(false));
        javafx.scene.layout.StackPane middle = new javafx.scene.layout.StackPane(split, hint);
        javafx.scene.layout.StackPane.setAlignment(hint, javafx.geometry.Pos.TOP_CENTER);
        javafx.scene.layout.StackPane.setMargin(hint, new javafx.geometry.Insets(40, 40, 0, 40));
        root.setCenter(middle);
        root.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, this::presentationKeys);
        root.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_PRESSED, e -> hint.setVisible(false));
        root.addEventFilter(javafx.scene.input.KeyEvent.KEY_RELEASED, this::presentationKeys);
        root.getStylesheets().add(css("workbench.css"));
        // Lets the app and tests find the window from its scene.
        root.getProperties().put(WorkbenchWindow.class, this); // how a tool or test finds the window from its stage
        root.addEventHandler(FigureView.ExportRequest.EXPORT, e -> exports.chooseAndExport(e.view(), e.format(), e.scale()));
        setTheme(prefs.theme());
        selectTab(prefs.tab());

        clock = new FrameClock(model, this::allViews, root, PULL_INTERVAL_MILLIS);
        allViews().forEach(FigureView::refresh);
        // The one place the run views follow the current run (new run, opened run, recent run).
        model.control().runProperty().addListener(o -> runViews.forEach(FigureView::rebind));
        // a new comparison makes any earlier note (e.g. "Export cancelled") old news
        model.compare().comparingProperty().addListener((o, was, now) -> {
            if (now) {
                model.dismissNotification();
            }
        });
        // a run trained here is a recent run too, listed at once
        model.control().runDirectoryProperty().addListener((o, was, dir) -> {
            if (dir != null) {
                recent.remember(dir);
            }
        });
    }

    /** The window as the exports see it. */
    private ExportActions.Views exportSource() {
        return new ExportActions.Views() {
            @Override
            public List<FigureView> all() {
                return allViews();
            }

            @Override
            public List<FigureView> runViews() {
                return runViews;
            }

            @Override
            public String selectedTab() {
                return WorkbenchWindow.this.selectedTab();
            }

            @Override
            public ExportActions.Panels panels() {
                Figure f = compareView.panelsFigure();
                return f == null ? null : new ExportActions.Panels(f, compareView.panelsStem());
            }
        };
    }

    ExportActions exports() {
        return exports;
    }

    Window stage() {
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

    /** The figure tabs; focus goes there when no run button can take it. */
    TabPane tabs() {
        return tabs;
    }

    public FrameClock clock() {
        return clock;
    }

    public WorkbenchViewModel model() {
        return model;
    }

    SettingsView settingsView() {
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
        if (clock != null) { // a change of theme after start-up: an earlier note ("Export cancelled") is read and done
            model.dismissNotification();
        }
        updateLook();
    }

    public boolean presentation() {
        return presentation.isSelected();
    }

    /**
     * Presentation mode, for a projector: the settings fold away, the menu bar hides (F10, Alt or ☰ bring it
     * back), the run buttons and live knobs share one thin line on top and the timeline and status one at the
     * bottom, and the window's type and the figures' type and pictures grow. A line saying where the keys went
     * shows the first time.
     */
    public void setPresentation(boolean on) {
        presentation.setSelected(on);
        if (packed != on) {
            layOutBars(on);
        }
        root.getStyleClass().remove("presentation");
        if (on) {
            root.getStyleClass().add("presentation");
            if (split.getItems().contains(settingsView)) {
                prefs.setDivider(split.getDividerPositions()[0]);
                split.getItems().remove(settingsView);
            }
            if (!hintShown) {
                hintShown = true;
                hint.setText(WorkbenchAction.presentationHint());
                hint.setVisible(true);
                hintTimer.playFromStart();
            }
        } else {
            hint.setVisible(false);
            if (!split.getItems().contains(settingsView)) {
                split.getItems().add(0, settingsView);
                split.setDividerPositions(prefs.divider());
            }
        }
        updateLook();
    }

    /** The once-shown presentation hint while it is up, else null (for tests). */
    String hintShowing() {
        return hint.isVisible() ? hint.getText() : null;
    }

    /** Whether the menu bar is in view (always outside presentation mode). */
    boolean menusShown() {
        return menuBar.isVisible();
    }

    /** In presentation mode, shows the folded menu bar above the top line (with its first menu open) or folds it. */
    void showMenus(boolean show) {
        if (!packed) {
            return;
        }
        if (!show) {
            menuBar.getMenus().forEach(javafx.scene.control.Menu::hide);
        }
        menuBar.setVisible(show);
        menuBar.setManaged(show);
        if (show && !menuBar.getMenus().isEmpty()) {
            javafx.application.Platform.runLater(() -> menuBar.getMenus().getFirst().show());
        }
    }

    /**
     * Presentation mode's keys, which no menu item carries: F10 and Alt alone show or fold the menus, Esc leaves
     * the mode (a menu open takes Esc first). Any key hides the once-shown hint.
     */
    private void presentationKeys(javafx.scene.input.KeyEvent e) {
        if (!packed) {
            altAlone = false;
            return;
        }
        var code = e.getCode();
        if (e.getEventType() == javafx.scene.input.KeyEvent.KEY_PRESSED) {
            hint.setVisible(false); // read: any key or click puts it away
            altAlone = code == javafx.scene.input.KeyCode.ALT;
            if (code == javafx.scene.input.KeyCode.F10 && !e.isShortcutDown() && !e.isShiftDown()) {
                showMenus(!menuBar.isVisible());
                e.consume();
            } else if (code == javafx.scene.input.KeyCode.ESCAPE
                    && !(e.getTarget() instanceof javafx.scene.control.TextInputControl)) { // a field's Esc is the field's
                if (menuBar.isVisible()) {
                    showMenus(false);
                } else {
                    setPresentation(false);
                }
                e.consume();
            }
        } else if (code == javafx.scene.input.KeyCode.F10) {
            e.consume(); // F10 is ours here: the menu bar's own F10 would leave it in keyboard mode, hidden
        } else if (code == javafx.scene.input.KeyCode.ALT && altAlone) {
            altAlone = false;
            showMenus(!menuBar.isVisible());
            e.consume();
        }
    }

    /**
     * The window's rows. Normally: menu, run buttons, live knobs on top, the timeline under the figures and
     * the status at the bottom. In presentation mode two thin lines: on top ☰ (the menus), the run buttons,
     * the run's name and the live knobs (one move away, as a teacher changes s or m before the room); at the
     * bottom the timeline beside the status. So a 1024 × 768 projector gives the figures about 680 px of
     * height: four compared heads over 300 px each, one of them alone over 640.
     */
    private void layOutBars(boolean pack) {
        packed = pack;
        altAlone = false;
        if (pack) {
            runBar.getItems().clear();
            controlsLine.getChildren().setAll(menusButton);
            runItems.stream().filter(n -> !(n instanceof javafx.scene.control.Separator)).forEach(controlsLine.getChildren()::add);
            controlsLine.getChildren().add(knobs);
            menuBar.setVisible(false);
            menuBar.setManaged(false);
            center.setBottom(null);
            javafx.scene.layout.HBox bottom = new javafx.scene.layout.HBox(timeline, statusLine);
            javafx.scene.layout.HBox.setHgrow(timeline, javafx.scene.layout.Priority.ALWAYS);
            javafx.scene.layout.HBox.setHgrow(statusLine, javafx.scene.layout.Priority.ALWAYS);
            bottom.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            bottom.getStyleClass().add("presentation-bottom");
            root.setTop(null);
            root.setBottom(null);
            root.setTop(new VBox(menuBar, controlsLine));
            root.setBottom(bottom);
        } else {
            controlsLine.getChildren().clear();
            runBar.getItems().setAll(runItems);
            menuBar.setVisible(true);
            menuBar.setManaged(true);
            root.setTop(null);
            root.setBottom(null);
            center.setBottom(timeline);
            root.setTop(new VBox(menuBar, runBar, knobs));
            root.setBottom(statusBar);
        }
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

    /** Loads a demo's settings and starts it (a comparison on the Compare tab). */
    public void startDemo(DemoPreset p) {
        model.settings().load(p.config());
        if (p.compares()) {
            selectTab("Compare");
            model.compare().startCompare(p.heads());
        } else {
            selectTab("Embedding");
            model.control().start();
        }
    }

    /** Opens a run directory and remembers it in the recent list. */
    public void openRun(Path dir) {
        model.files().open(dir, recent::remember); // the tab shown stays: the teacher chose it
    }

    /** Installs the window into a scene of the given size (also used for headless screenshots). */
    public Scene scene(double width, double height) {
        return new Scene(root, width, height);
    }
}
