package org.marginlab.ui.compare;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

import org.marginlab.figures.Figure;
import org.marginlab.figures.export.ExportPlan;
import org.marginlab.loss.HeadKind;
import org.marginlab.figures.PanelGridFigure;
import org.marginlab.ui.viewmodel.BackgroundExecutor;
import org.marginlab.ui.viewmodel.WorkbenchViewModel;
import org.marginlab.ui.viewmodel.RunModel;
import org.marginlab.ui.views.ClassLegendBar;
import org.marginlab.ui.views.FigureView;

/**
 * Compare mode: pick two to four heads, train them with the current settings, same seed and data
 * order, and watch their embeddings side by side with their angle statistics below (the angular-loss
 * paper's Fig. 6 and AM-Softmax's Fig. 4, live).
 */
public final class CompareView extends BorderPane {
    /** The heads ticked before any comparison: the plain baseline and the three classic margins. */
    private static final java.util.List<HeadKind> FIRST_TICKED =
            java.util.List.of(HeadKind.SOFTMAX, HeadKind.COSFACE, HeadKind.ARCFACE, HeadKind.ARC);
    private final WorkbenchViewModel model;
    private final BackgroundExecutor executor;
    private final Map<HeadKind, CheckBox> picks = new EnumMap<>(HeadKind.class);
    /** The cells in the grid shape that gives each the largest square, worked out at every layout. */
    private final CellGrid grid = new CellGrid();
    private final CompareStatsView stats;
    private final List<FigureView> cells = new ArrayList<>();
    /** The cell shown alone at full size after a double-click; null while the grid shows them all. */
    private CompareCellView alone;
    private final Button start = new Button("Compare");
    private static final String PANELS_ID = "embeddings";
    private final javafx.scene.control.ToggleButton table;
    /** The class key of every cell; the compared runs share their held-out classes (one settings form). */
    private final ClassLegendBar legend = new ClassLegendBar();
    private final FlowPane bar = new FlowPane(8, 4);
    private final VBox top = new VBox(bar, legend);
    /** Over a cell shown alone: the way back to all of them (a double-click does the same). */
    private final Button back = new Button("◀ All heads");

    public CompareView(WorkbenchViewModel model, BackgroundExecutor executor) {
        this.model = model;
        this.executor = executor;
        this.stats = new CompareStatsView(model, executor);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 8, 6, 8));
        bar.getStyleClass().add("figure-tools");
        Label headsLabel = new Label("Heads (2–4):");
        bar.getChildren().add(headsLabel);
        // On a projector, once heads are compared, their ticks give the cells the room (the titles name the heads).
        javafx.beans.binding.BooleanBinding showPicks = javafx.beans.binding.Bindings.createBooleanBinding(
                () -> !model.lookProperty().get().presenting() || model.compare().compareRuns().isEmpty(),
                model.lookProperty(), model.compare().compareRuns());
        headsLabel.visibleProperty().bind(showPicks);
        headsLabel.managedProperty().bind(showPicks);
        for (HeadKind h : HeadKind.values()) {
            CheckBox c = new CheckBox(h.displayName());
            c.setSelected(FIRST_TICKED.contains(h));
            c.visibleProperty().bind(showPicks);
            c.managedProperty().bind(showPicks);
            picks.put(h, c);
            bar.getChildren().add(c);
        }
        start.setOnAction(e -> model.compare().startCompare(selectedHeads()));
        start.setDefaultButton(false);
        start.disableProperty().bind(model.compare().comparingProperty());
        Button stop = new Button("Stop comparison");
        stop.setOnAction(e -> model.compare().stopCompare());
        stop.disableProperty().bind(model.compare().comparingProperty().not());
        // The cells and the statistics table take turns: a 1024 × 768 projector has no room for both.
        javafx.scene.control.ToggleButton table = new javafx.scene.control.ToggleButton("Statistics table");
        table.setTooltip(new javafx.scene.control.Tooltip("Show the runs' angle statistics instead of their embeddings"));
        bar.getChildren().addAll(start, stop, table);
        setTop(top);
        grid.visibleProperty().bind(table.selectedProperty().not());
        stats.visibleProperty().bind(table.selectedProperty());
        back.setOnAction(e -> toggleAlone(alone));
        back.setTooltip(new javafx.scene.control.Tooltip("Show every compared head again (or double-click the picture)"));
        back.getStyleClass().add("compare-back");
        javafx.scene.layout.StackPane.setAlignment(back, Pos.TOP_LEFT);
        javafx.scene.layout.StackPane.setMargin(back, new Insets(4));
        setCenter(new javafx.scene.layout.StackPane(grid, stats, back));
        this.table = table;
        table.selectedProperty().addListener(o -> foldBars());
        model.compare().compareRuns().addListener((ListChangeListener<RunModel>) c -> {
            // the ticks say what is compared, also when a demo (not the ticks) started it
            if (!model.compare().compareRuns().isEmpty()) {
                select(model.compare().compareRuns().stream().map(r -> r.config().head()).toList());
            }
            rebuild();
        });
        rebuild();
        model.lookProperty().addListener(o -> {
            showLegend(); // the key's dots take the theme's class colours
            foldBars();
        });
        getStyleClass().add("compare-view");
    }

    /** Shows the statistics table instead of the cells, or the cells again. */
    public void showTable(boolean on) {
        table.setSelected(on);
    }

    public List<HeadKind> selectedHeads() {
        return picks.entrySet().stream().filter(e -> e.getValue().isSelected()).map(Map.Entry::getKey).toList();
    }

    /** Ticks exactly the given heads. */
    public void select(List<HeadKind> heads) {
        picks.forEach((h, c) -> c.setSelected(heads.contains(h)));
    }

    /** The grid's cells and the statistics strip, for the frame clock. */
    public List<FigureView> figureViews() {
        List<FigureView> all = new ArrayList<>(cells);
        all.add(stats);
        return all;
    }

    /**
     * The compared embeddings in one figure, each panel under its head's name, as the papers show them
     * (angular-loss Fig. 6, AM-Softmax Fig. 4); null while nothing is compared. Built from fresh copies.
     */
    public Figure panelsFigure() {
        if (cells.isEmpty()) {
            return null;
        }
        List<PanelGridFigure.Panel> panels = new ArrayList<>();
        for (FigureView cell : cells) {
            Figure f = cell.freshFigure();
            panels.add(new PanelGridFigure.Panel(f, ((CompareCellView) cell).run().title()));
        }
        String heads = model.compare().compareRuns().stream().map(RunModel::title).collect(java.util.stream.Collectors.joining(", "));
        return new PanelGridFigure(PANELS_ID, "Compared heads: " + heads + " (same seed and data order)", panels,
                cells.size() <= 2 ? cells.size() : 2, new java.awt.Dimension(720, 500));
    }

    /** e.g. {@code compare-softmax-cosface-arcface-embeddings}. */
    public String panelsStem() {
        return ExportPlan.stem("compare-" + model.compare().compareRuns().stream().map(r -> r.config().head().id())
                .collect(java.util.stream.Collectors.joining("-")), null, PANELS_ID);
    }

    private void showLegend() {
        List<RunModel> runs = model.compare().compareRuns();
        var first = runs.isEmpty() ? null : runs.getFirst().config();
        legend.show(first == null ? null : new org.marginlab.figures.RunData(null, first, List.of(), List.of()),
                first == null ? List.of() : first.holdoutClasses(), model.lookProperty().get());
    }

    private void rebuild() {
        grid.getChildren().clear();
        cells.clear();
        List<RunModel> runs = model.compare().compareRuns();
        showLegend();
        int n = runs.size();
        if (n == 0) {
            Label hint = new Label("Tick two to four heads and press Compare: they train with the settings on the left, "
                    + "the same seed and the same data order, taking turns on one training thread.");
            hint.setWrapText(true);
            hint.setPadding(new Insets(20));
            grid.getChildren().add(hint);
        }
        alone = null;
        foldBars();
        for (int i = 0; i < n; i++) {
            CompareCellView[] made = new CompareCellView[1];
            made[0] = new CompareCellView(runs.get(i), model, executor,
                    (dx, dy) -> cells.forEach(c -> ((CompareCellView) c).rotateBy(dx, dy)), () -> toggleAlone(made[0]));
            cells.add(made[0]);
        }
        placeCells();
        stats.refresh();
    }

    /**
     * Shows {@code cell} alone over the whole grid (a double-click on it), or, when it already is, all the
     * cells again: one head's picture at full size for the room, then back to the comparison.
     */
    public void toggleAlone(CompareCellView cell) {
        alone = alone == cell || cell == null || !cells.contains(cell) ? null : cell;
        cells.forEach(c -> ((CompareCellView) c).setAlone(c == alone));
        foldBars();
        placeCells();
    }

    /**
     * Gives the cells the height where the room needs it. A cell shown alone draws its own class key, so the
     * shared one folds away; in presentation mode, once heads are compared, the head picks and buttons fold too
     * (the window's Stop stops the comparison, the table switch sits at the end of the key), and a cell alone
     * takes the whole tab: at 1024 × 768 four cells over 300 px each, one alone over 640.
     */
    private void foldBars() {
        boolean presenting = model.lookProperty().get().presenting();
        boolean compared = !model.compare().compareRuns().isEmpty();
        boolean showBar = !(presenting && compared);
        bar.setVisible(showBar);
        bar.setManaged(showBar);
        if (showBar && !bar.getChildren().contains(table)) {
            legend.setTrailing(null);
            bar.getChildren().add(table);
        } else if (!showBar) {
            legend.setTrailing(table);
        }
        // on a projector the key stands beside the grid: the cells are short of height, not of width
        boolean side = presenting && compared && alone == null && !table.isSelected(); // the table needs the width
        legend.setVertical(side);
        if (side && getRight() != legend) {
            top.getChildren().remove(legend);
            setRight(legend);
        } else if (!side && getRight() == legend) {
            setRight(null);
            top.getChildren().add(legend);
        }
        legend.setVisible(alone == null);
        legend.setManaged(alone == null);
        back.setVisible(alone != null);
    }

    /** The cell shown alone, or null while the grid shows every cell. */
    public CompareCellView aloneCell() {
        return alone;
    }

    /**
     * The columns for {@code n} cells in a {@code width × height} area that give each cell the largest
     * square: four cells sit in a row on a wide, low area (a projector), two by two on a squarer one.
     */
    static int columnsFor(int n, double width, double height) {
        if (width <= 0 || height <= 0) {
            return n <= 2 ? Math.max(n, 1) : 2;
        }
        int best = 1;
        double bestSide = -1;
        for (int cols = 1; cols <= Math.max(1, n); cols++) {
            int rows = (int) Math.ceil(n / (double) cols);
            double side = Math.min(width / cols, height / rows);
            if (side > bestSide + 0.5) {
                best = cols;
                bestSide = side;
            }
        }
        return best;
    }

    private void placeCells() {
        if (cells.isEmpty()) {
            return;
        }
        if (alone != null) {
            grid.getChildren().setAll(alone);
        } else {
            grid.getChildren().setAll(cells);
        }
        cells.forEach(c -> {
            c.canvas().markDirty();
            c.refresh();
        });
    }

    /**
     * Lays its children out as equal squares-to-be in the shape {@link #columnsFor} picks for its size, on every
     * layout pass, so a new size (F11, a resized window, a folded bar) never shows a stale shape for a frame.
     */
    private static final class CellGrid extends javafx.scene.layout.Pane {
        private static final double GAP = 4;

        @Override
        protected void layoutChildren() {
            List<javafx.scene.Node> shown = getManagedChildren();
            int n = shown.size();
            if (n == 0) {
                return;
            }
            Insets in = getInsets();
            double w = getWidth() - in.getLeft() - in.getRight();
            double h = getHeight() - in.getTop() - in.getBottom();
            int cols = columnsFor(n, w, h);
            int rows = (int) Math.ceil(n / (double) cols);
            double cw = (w - GAP * (cols - 1)) / cols;
            double ch = (h - GAP * (rows - 1)) / rows;
            for (int i = 0; i < n; i++) {
                layoutInArea(shown.get(i), in.getLeft() + (i % cols) * (cw + GAP), in.getTop() + (i / cols) * (ch + GAP),
                        cw, ch, 0, javafx.geometry.HPos.CENTER, javafx.geometry.VPos.CENTER);
            }
        }

        /** Whatever size it is given: the cells take the room there is, none of it asked for. */
        @Override
        protected double computePrefWidth(double height) {
            return 0;
        }

        @Override
        protected double computePrefHeight(double width) {
            return 0;
        }
    }
}
