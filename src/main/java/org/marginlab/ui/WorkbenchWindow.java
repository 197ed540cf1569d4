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
    /** The rows around the figures, which presentation mode packs tighter (see {@link #setPresentation}). */
    private final javafx.scene.Node menuBar;
    private final javafx.scene.Node runBar;
    private final javafx.scene.Node knobs;
    private final javafx.scene.Node statusBar;
    private boolean packed;
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

        BorderPane center = new BorderPane(tabs);
        center.setBottom(new TimelineBar(model, exports));
        center.setTop(new NotificationBar(model));

        split = new SplitPane(settingsView, center);
        SplitPane.setResizableWithParent(settingsView, false);
        split.setDividerPositions(prefs.divider());
        WorkbenchActions actions = new WorkbenchActions(this, model, prefs, dialogs, exports, recent);
        menuBar = actions.menuBar(presentation);
        runBar = actions.toolBar();
        knobs = new LiveKnobsView(model);
        statusBar = new RunStatusBar(model);
        layOutBars(false); // the bars before the figures: lookups and focus traversal meet them first
        root.setCenter(split);
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
     * Presentation mode, for a projector: the settings fold away (the run buttons stay), the bars pack
     * into fewer rows, and the window's type and the figures' type and pictures grow.
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
        } else if (!split.getItems().contains(settingsView)) {
            split.getItems().add(0, settingsView);
            split.setDividerPositions(prefs.divider());
        }
        updateLook();
    }

    /**
     * The window's rows: menu, run buttons, live knobs on top and the status at the bottom; in presentation
     * mode the run buttons share the menu's row and the status the knobs' row, so two rows fewer take height
     * from the figures (a 1024 × 768 projector then shows the sphere over 520 px across).
     */
    private void layOutBars(boolean pack) {
        packed = pack;
        if (pack) {
            javafx.scene.layout.HBox top = new javafx.scene.layout.HBox(menuBar, runBar);
            javafx.scene.layout.HBox.setHgrow(runBar, javafx.scene.layout.Priority.ALWAYS);
            top.getStyleClass().add("presentation-top");
            ((javafx.scene.layout.Region) knobs).setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // the status gives way
            javafx.scene.layout.HBox second = new javafx.scene.layout.HBox(knobs, statusBar);
            javafx.scene.layout.HBox.setHgrow(statusBar, javafx.scene.layout.Priority.ALWAYS);
            second.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            second.getStyleClass().add("presentation-knobs");
            root.setBottom(null);
            root.setTop(new VBox(top, second));
        } else {
            javafx.scene.layout.HBox.setHgrow(runBar, null);
            javafx.scene.layout.HBox.setHgrow(statusBar, null);
            ((javafx.scene.layout.Region) knobs).setMinWidth(javafx.scene.layout.Region.USE_COMPUTED_SIZE);
            root.setTop(null);
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
