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
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;

import org.marginlab.figures.Figure;
import org.marginlab.figures.export.ExportPlan;
import org.marginlab.loss.HeadKind;
import org.marginlab.reproduce.PanelGridFigure;
import org.marginlab.ui.BackgroundExecutor;
import org.marginlab.ui.WorkbenchViewModel;
import org.marginlab.ui.run.RunModel;
import org.marginlab.ui.views.ClassLegendBar;
import org.marginlab.ui.views.FigureView;

/**
 * Compare mode: pick two to four heads, train them with the current settings, same seed and data
 * order, and watch their embeddings side by side with their angle statistics below (the angular-loss
 * paper's Fig. 6 and AM-Softmax's Fig. 4, live).
 */
public final class CompareView extends BorderPane {
    private final WorkbenchViewModel model;
    private final BackgroundExecutor executor;
    private final Map<HeadKind, CheckBox> picks = new EnumMap<>(HeadKind.class);
    private final GridPane grid = new GridPane();
    private final CompareStatsView stats;
    private final List<FigureView> cells = new ArrayList<>();
    private final Button start = new Button("Compare");
    private static final String PANELS_ID = "embeddings";
    private final javafx.scene.control.ToggleButton table;
    /** The class key of every cell; the compared runs share their held-out classes (one settings form). */
    private final ClassLegendBar legend = new ClassLegendBar();

    public CompareView(WorkbenchViewModel model, BackgroundExecutor executor) {
        this.model = model;
        this.executor = executor;
        this.stats = new CompareStatsView(model, executor);
        FlowPane bar = new FlowPane(8, 4);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 8, 6, 8));
        bar.getStyleClass().add("figure-tools");
        bar.getChildren().add(new Label("Heads (2–4):"));
        for (HeadKind h : HeadKind.values()) {
            CheckBox c = new CheckBox(h.displayName());
            c.setSelected(h == HeadKind.SOFTMAX || h == HeadKind.COSFACE || h == HeadKind.ARCFACE || h == HeadKind.ARC);
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
        setTop(new VBox(bar, legend));
        grid.setHgap(4);
        grid.setVgap(4);
        grid.visibleProperty().bind(table.selectedProperty().not());
        stats.visibleProperty().bind(table.selectedProperty());
        setCenter(new javafx.scene.layout.StackPane(grid, stats));
        this.table = table;
        model.compare().compareRuns().addListener((ListChangeListener<RunModel>) c -> {
            // the ticks say what is compared, also when a demo (not the ticks) started it
            if (!model.compare().compareRuns().isEmpty()) {
                select(model.compare().compareRuns().stream().map(r -> r.config().head()).toList());
            }
            rebuild();
        });
        rebuild();
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

    private void rebuild() {
        grid.getChildren().clear();
        grid.getColumnConstraints().clear();
        grid.getRowConstraints().clear();
        cells.clear();
        List<RunModel> runs = model.compare().compareRuns();
        var first = runs.isEmpty() ? null : runs.getFirst().config();
        legend.show(first == null ? null : new org.marginlab.figures.RunData(null, first, List.of(), List.of()),
                first == null ? List.of() : first.holdoutClasses());
        int n = runs.size();
        int cols = n <= 2 ? Math.max(n, 1) : 2;
        int rows = n <= 2 ? 1 : 2;
        for (int i = 0; i < cols; i++) {
            ColumnConstraints c = new ColumnConstraints();
            c.setPercentWidth(100.0 / cols);
            c.setHgrow(Priority.ALWAYS);
            grid.getColumnConstraints().add(c);
        }
        for (int i = 0; i < rows; i++) {
            RowConstraints r = new RowConstraints();
            r.setPercentHeight(100.0 / rows);
            r.setVgrow(Priority.ALWAYS);
            grid.getRowConstraints().add(r);
        }
        if (n == 0) {
            Label hint = new Label("Tick two to four heads and press Compare: they train with the settings on the left, "
                    + "the same seed and the same data order, taking turns on one training thread.");
            hint.setWrapText(true);
            hint.setPadding(new Insets(20));
            grid.add(hint, 0, 0);
        }
        for (int i = 0; i < n; i++) {
            CompareCellView cell = new CompareCellView(runs.get(i), model, executor,
                    (dx, dy) -> cells.forEach(c -> ((CompareCellView) c).rotateBy(dx, dy)));
            cells.add(cell);
            grid.add(cell, i % cols, i / cols);
            cell.refresh();
        }
        stats.refresh();
    }
}
