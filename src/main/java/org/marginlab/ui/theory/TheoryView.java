package org.marginlab.ui.theory;

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
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import org.marginlab.figures.catalog.FigureKind;
import org.marginlab.loss.HeadKind;
import org.marginlab.ui.viewmodel.BackgroundExecutor;
import org.marginlab.ui.viewmodel.WorkbenchViewModel;
import org.marginlab.ui.views.FigureView;
import org.marginlab.ui.views.HeadText;

/**
 * The theory page: a head, sliders for s, m, λ and C, the analytic figures one at a time (∂Z/∂θ, ψ(θ),
 * P(y) and ∂L/∂θ_y against θ_y, the s trade-off, the decision boundaries), and a card with the head's
 * formula and what it does.
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
    private final javafx.scene.control.ToggleGroup chooser;

    public TheoryView(TheoryViewModel theory, WorkbenchViewModel model, BackgroundExecutor executor) {
        this.theory = theory;
        figures = List.of(
                new TheoryFigureView(FigureKind.DZ_DTHETA, theory, model, executor),
                new TheoryFigureView(FigureKind.PSI_CURVES, theory, model, executor),
                new TheoryFigureView(FigureKind.P_TARGET, theory, model, executor),
                new TheoryFigureView(FigureKind.S_TRADEOFF, theory, model, executor),
                new TheoryFigureView(FigureKind.DECISION_BOUNDARY, theory, model, executor));
        // One figure at a time, full size: four in a grid were unreadable on a 1024 × 768 projector.
        javafx.scene.control.ToggleGroup group = new javafx.scene.control.ToggleGroup();
        javafx.scene.layout.FlowPane chooser = new javafx.scene.layout.FlowPane(4, 4);
        chooser.setPadding(new Insets(4, 8, 0, 8));
        javafx.scene.layout.StackPane stack = new javafx.scene.layout.StackPane();
        for (FigureView f : figures) {
            javafx.scene.control.ToggleButton b = new javafx.scene.control.ToggleButton(f.name());
            b.setToggleGroup(group);
            b.setUserData(f);
            f.visibleProperty().bind(b.selectedProperty());
            chooser.getChildren().add(b);
            stack.getChildren().add(f);
        }
        group.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) {
                was.setSelected(true); // one figure always shows
            }
        });
        group.getToggles().get(0).setSelected(true);
        chooser.getStyleClass().add("theory-chooser");
        BorderPane center = new BorderPane(stack);
        center.setTop(chooser);
        this.chooser = group;
        setCenter(center);
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

    /** Shows the named figure (one of {@link #figures()}' names). */
    public void show(FigureView figure) {
        chooser.getToggles().stream().filter(t -> t.getUserData() == figure).findFirst().ifPresent(t -> t.setSelected(true));
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
