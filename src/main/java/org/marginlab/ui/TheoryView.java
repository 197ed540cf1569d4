package org.marginlab.ui;

import java.util.List;
import java.util.Locale;

import javafx.beans.binding.Bindings;
import javafx.beans.property.DoubleProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Slider;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;

import org.marginlab.figures.DecisionBoundaryFigure;
import org.marginlab.figures.FigureIds;
import org.marginlab.loss.HeadKind;

/**
 * The theory page: a head, sliders for s, m, λ and C, the four analytic figures in a grid (∂Z/∂θ,
 * ψ(θ), the s trade-off, the decision boundaries), and a card with the head's formula and what it does.
 * Every slider move marks the figures dirty; the frame clock repaints them on the next pulse.
 */
public final class TheoryView extends BorderPane {
    private final TheoryViewModel theory;
    private final List<FigureView> figures;
    private final Slider s = slider(0.5, 64);
    private final Slider m = slider(0, 1.5);
    private final Slider lambda = slider(0, 20);
    private final Slider classes = slider(2, 100);
    private final Label formula = new Label();
    private final Label explanation = new Label();
    private final Label cardTitle = new Label();

    public TheoryView(TheoryViewModel theory, WorkbenchViewModel model, BackgroundExecutor executor) {
        this.theory = theory;
        figures = List.of(
                new TheoryFigureView("∂Z/∂θ", () -> FigureCatalog.create(FigureIds.DZ_DTHETA), theory, model, executor),
                new TheoryFigureView("ψ(θ)", () -> FigureCatalog.create(FigureIds.PSI_CURVES), theory, model, executor),
                new TheoryFigureView("s trade-off", () -> FigureCatalog.create(FigureIds.S_TRADEOFF), theory, model, executor),
                new TheoryFigureView("Decision boundary", DecisionBoundaryFigure::new, theory, model, executor));
        GridPane grid = new GridPane();
        grid.setHgap(4);
        grid.setVgap(4);
        for (int i = 0; i < 2; i++) {
            ColumnConstraints c = new ColumnConstraints();
            c.setPercentWidth(50);
            c.setHgrow(Priority.ALWAYS);
            grid.getColumnConstraints().add(c);
            RowConstraints r = new RowConstraints();
            r.setPercentHeight(50);
            r.setVgrow(Priority.ALWAYS);
            grid.getRowConstraints().add(r);
        }
        for (int i = 0; i < figures.size(); i++) {
            grid.add(figures.get(i), i % 2, i / 2);
        }
        setCenter(grid);
        setLeft(controls());
        theory.paramsProperty().addListener(o -> refresh());
        theory.classCountProperty().addListener(o -> refresh());
        theory.headProperty().addListener(o -> updateCard());
        updateCard();
        refresh();
        getStyleClass().add("theory-view");
    }

    public List<FigureView> figures() {
        return figures;
    }

    public TheoryViewModel model() {
        return theory;
    }

    private void refresh() {
        figures.forEach(FigureView::refresh);
    }

    private VBox controls() {
        ComboBox<HeadKind> head = new ComboBox<>();
        head.getItems().setAll(HeadKind.values());
        head.setCellFactory(v -> new HeadCell());
        head.setButtonCell(new HeadCell());
        head.valueProperty().bindBidirectional(theory.headProperty());
        head.setMaxWidth(Double.MAX_VALUE);

        s.valueProperty().bindBidirectional(theory.sProperty());
        m.valueProperty().bindBidirectional(theory.mProperty());
        lambda.valueProperty().bindBidirectional(theory.lambdaProperty());
        classes.setValue(theory.classCountProperty().get());
        classes.setSnapToTicks(true);
        classes.setMajorTickUnit(1);
        classes.setMinorTickCount(0);
        classes.valueProperty().addListener((o, was, now) -> theory.classCountProperty().set((int) Math.round(now.doubleValue())));
        theory.headProperty().addListener((o, was, now) -> adaptSliders(now));
        adaptSliders(theory.headProperty().get());

        cardTitle.getStyleClass().add("card-title");
        formula.getStyleClass().add("formula");
        formula.setWrapText(true);
        explanation.setWrapText(true);
        VBox card = new VBox(6, cardTitle, formula, explanation);
        card.getStyleClass().add("formula-card");

        VBox box = new VBox(6,
                new Label("Head"), head,
                labelled("s", s, theory.sProperty(), "%.2f"),
                labelled("m", m, theory.mProperty(), "%.3f"),
                labelled("λ", lambda, theory.lambdaProperty(), "%.2f"),
                labelled("C (classes)", classes, null, "%.0f"),
                card);
        box.setPadding(new Insets(8));
        box.setPrefWidth(300);
        box.setMinWidth(240);
        return box;
    }

    private void adaptSliders(HeadKind h) {
        m.setMax(TheoryViewModel.maxMargin(h));
        boolean integer = TheoryViewModel.integerMargin(h);
        m.setMin(integer ? 1 : 0);
        m.setSnapToTicks(integer);
        m.setMajorTickUnit(integer ? 1 : 0.25);
        m.setMinorTickCount(integer ? 0 : 4);
        List<String> used = org.marginlab.loss.HeadParams.usedBy(h);
        s.setDisable(!used.contains("s"));
        m.setDisable(!used.contains("m"));
        lambda.setDisable(!used.contains("lambda"));
        lambda.setMax(h == HeadKind.CENTER ? 1 : 20);
    }

    private void updateCard() {
        HeadKind h = theory.headProperty().get();
        cardTitle.setText(h.displayName());
        formula.setText(HeadText.formula(h));
        explanation.setText(HeadText.explanation(h));
    }

    private static VBox labelled(String name, Slider slider, DoubleProperty value, String fmt) {
        Label l = new Label();
        l.textProperty().bind(Bindings.createStringBinding(
                () -> name + " = " + String.format(Locale.ROOT, fmt, slider.getValue()), slider.valueProperty()));
        HBox row = new HBox(l);
        row.setAlignment(Pos.CENTER_LEFT);
        return new VBox(2, row, slider);
    }

    private static Slider slider(double min, double max) {
        Slider sl = new Slider(min, max, min);
        sl.setShowTickMarks(true);
        // Tick labels only where the range divides into round numbers; the value is shown above anyway.
        sl.setShowTickLabels(max - min <= 20);
        sl.setMajorTickUnit(max - min <= 20 ? (max - min) / 4 : 16);
        return sl;
    }

    private static final class HeadCell extends ListCell<HeadKind> {
        @Override
        protected void updateItem(HeadKind h, boolean empty) {
            super.updateItem(h, empty);
            setText(empty || h == null ? null : h.displayName());
        }
    }
}
