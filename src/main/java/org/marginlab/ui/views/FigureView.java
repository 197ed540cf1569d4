package org.marginlab.ui.views;

import java.nio.file.Path;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

import org.marginlab.figures.Figure;
import org.marginlab.figures.RunData;
import org.marginlab.figures.export.ExportFormat;
import org.marginlab.figures.export.ExportPlan;
import org.marginlab.figures.export.FigureExporter;
import org.marginlab.ui.viewmodel.BackgroundExecutor;
import org.marginlab.ui.viewmodel.WorkbenchViewModel;

/**
 * One tab of live figures: a tool row (view options and Export) over a {@link FigureCanvas}.
 * Subclasses say which figure they show and how the current data and options go into it; export
 * builds a fresh figure the same way and renders it off the FX thread, so the live one is never shared.
 */
public abstract class FigureView extends BorderPane {
    protected final WorkbenchViewModel model;
    protected final BackgroundExecutor executor;
    protected final FigureCanvas canvas = new FigureCanvas();
    private final HBox tools = new HBox(8);
    private Figure live;
    private boolean stale;

    protected FigureView(WorkbenchViewModel model, BackgroundExecutor executor) {
        this.model = model;
        this.executor = executor;
        tools.setAlignment(Pos.CENTER_LEFT);
        tools.setPadding(new Insets(4, 8, 4, 8));
        tools.getStyleClass().add("figure-tools");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        tools.getChildren().addAll(spacer, exportMenu());
        keepControlsWhole();
        setTop(tools);
        setCenter(canvas);
        getStyleClass().add("figure-view");
    }

    /** The tab's name, also what {@code marginlab screenshot --tab} matches. */
    public abstract String name();

    /** A new figure of the kind this view shows for the current data. */
    protected abstract Figure createFigure();

    /** Copies the current data and view options into {@code f}. */
    protected abstract void configure(Figure f);

    /** Whether the live figure must be replaced (e.g. the embedding switched from circle to sphere). */
    protected boolean needsNewFigure(Figure current) {
        return false;
    }

    /** Drops the tool row (a comparison cell: the window's Export all still writes the figure). */
    protected final void hideTools() {
        setTop(null);
    }

    /**
     * In presentation mode the tool row folds away, as the settings do, and the picture takes its height
     * (File → Export all still exports the figure); for views whose options a lecture does not change.
     */
    protected final void foldToolsInPresentation() {
        model.lookProperty().addListener((o, was, look) -> setTop(look.presenting() ? null : tools));
        if (model.lookProperty().get().presenting()) {
            setTop(null);
        }
    }

    /**
     * For a view of the single run: while a comparison trains, a line above the picture says so and where its
     * pictures are, so an empty or older picture here is not taken for the comparison's.
     */
    protected final void sayWhereAComparisonIs() {
        Label note = new Label();
        note.getStyleClass().add("comparison-note");
        note.setMaxWidth(Double.MAX_VALUE);
        note.setWrapText(true);
        note.setPadding(new Insets(4, 8, 4, 8));
        var compared = model.compare().compareRuns();
        var comparing = model.compare().comparingProperty();
        note.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> compared.isEmpty() ? ""
                : "A comparison of " + compared.stream().map(r -> r.config().head().displayName())
                        .collect(java.util.stream.Collectors.joining(", "))
                + " is training: its pictures are on the Compare tab; this tab shows the single run.", comparing, compared));
        note.visibleProperty().bind(comparing.and(javafx.beans.binding.Bindings.isNotEmpty(compared)));
        note.managedProperty().bind(note.visibleProperty());
        BorderPane holder = new BorderPane(canvas);
        holder.setTop(note);
        setCenter(holder);
    }

    /** Adds view options to the left of Export. */
    protected final void addTools(Node... nodes) {
        tools.getChildren().addAll(0, java.util.List.of(nodes));
        keepControlsWhole();
    }

    /** Buttons and boxes keep their width in a narrow window; only a text label may give way. */
    private void keepControlsWhole() {
        for (Node n : tools.getChildren()) {
            if (n instanceof javafx.scene.control.Control c && !(n instanceof javafx.scene.control.Label)) {
                c.setMinWidth(Region.USE_PREF_SIZE);
            }
        }
    }

    /**
     * Takes new data into the live figure if this view is on screen; otherwise only notes that it is
     * stale, so hidden tabs cost nothing while training and catch up when shown.
     */
    public void dataChanged() {
        if (canvas.isOnScreen() || live == null) {
            refresh();
        } else {
            stale = true;
        }
    }

    /** Paints if on screen and changed, first catching up on data that arrived while hidden. */
    public void paintIfNeeded() {
        if (stale && canvas.isOnScreen()) {
            refresh();
        }
        followLook();
        canvas.paintIfDirty();
    }

    /** Takes the window's theme and presentation mode; a polled value, so views made and dropped later leak no listener. */
    private void followLook() {
        if (canvas.look() != model.lookProperty().get()) {
            canvas.setLook(model.lookProperty().get());
        }
    }

    /** Takes the model's current data into the live figure and schedules a repaint. */
    public void refresh() {
        stale = false;
        if (live == null || needsNewFigure(live)) {
            live = createFigure();
            canvas.setFigure(live);
        }
        configure(live);
        followLook();
        canvas.markDirty();
    }

    /**
     * Drops the figure drawn for the previous run and draws the current one at once, visible or not:
     * a figure may keep what it learnt from the first run it was given (e.g. the head), and an opened
     * run arrives fully loaded, so no later data pull would tell the view about it.
     */
    public void rebind() {
        live = null;
        refresh();
    }

    /**
     * A replay frame: this view's figure, with its view options, for the run as it stood at a snapshot
     * ({@code upTo}, see {@link org.marginlab.figures.RunData#upTo}); null for views that show no run.
     * Built on the FX thread, rendered anywhere.
     */
    public Figure replayFrame(org.marginlab.figures.RunData upTo) {
        Figure f = freshFigure();
        if (!(f instanceof org.marginlab.figures.RunFigure r)) {
            return null;
        }
        if (f instanceof org.marginlab.figures.SteadyAxes steady) {
            steady.fixAxes(); // to the whole run the fresh copy holds: frames then share one scale
        }
        r.setRun(upTo);
        return f;
    }

    public Figure liveFigure() {
        return live;
    }

    public FigureCanvas canvas() {
        return canvas;
    }

    /** Renders this view's figure into {@code dir} on the calling thread; returns the written file. */
    public Path export(Path dir, ExportFormat format, int scale) {
        Figure f = freshFigure();
        return FigureExporter.write(f, dir, exportStem(f), format, scale);
    }

    /** A fresh copy of this view's figure with its view options (export, compare panels); the live one stays the canvas's. */
    public Figure freshFigure() {
        Figure f = createFigure();
        configure(f);
        return f;
    }

    /**
     * The stem of this view's export file names: the run, its head and the figure, e.g.
     * {@code 20261201-031500-arcface-embedding-sphere}; views of other runs than the current one override it.
     */
    public String exportStem(Figure f) {
        return runStem(model, f.id());
    }

    /** The current run's directory name and head before {@code what}, as its export files are named. */
    public static String runStem(WorkbenchViewModel model, String what) {
        Path dir = model.control().runDirectoryProperty().get();
        RunData run = model.control().runData();
        return ExportPlan.stem(dir == null ? null : dir.getFileName().toString(),
                run == null || run.config() == null ? null : run.config().head().id(), what);
    }

    private MenuButton exportMenu() {
        MenuButton b = new MenuButton("Export");
        b.getItems().addAll(
                item("PNG 1×…", ExportFormat.PNG, 1), item("PNG 2×…", ExportFormat.PNG, 2),
                item("PNG 3×…", ExportFormat.PNG, 3), item("SVG…", ExportFormat.SVG, 1),
                item("CSV (plotted data)…", ExportFormat.CSV, 1));
        return b;
    }

    private MenuItem item(String text, ExportFormat format, int scale) {
        MenuItem i = new MenuItem(text);
        i.setOnAction(e -> fireEvent(new ExportRequest(this, format, scale)));
        return i;
    }

    /**
     * A pick in a view's Export menu. It bubbles up the scene to the window, which asks for a file and writes
     * the figure, so a view needs to know neither the window nor the exporter.
     */
    public static final class ExportRequest extends javafx.event.Event {
        public static final javafx.event.EventType<ExportRequest> EXPORT =
                new javafx.event.EventType<>(javafx.event.Event.ANY, "FIGURE_VIEW_EXPORT");
        private final transient FigureView view;
        private final ExportFormat format;
        private final int scale;

        ExportRequest(FigureView view, ExportFormat format, int scale) {
            super(EXPORT);
            this.view = view;
            this.format = format;
            this.scale = scale;
        }

        public FigureView view() {
            return view;
        }

        public ExportFormat format() {
            return format;
        }

        public int scale() {
            return scale;
        }
    }

    protected static Label caption(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("tool-caption");
        return l;
    }
}
