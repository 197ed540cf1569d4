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
import org.marginlab.loss.HeadParam;
import org.marginlab.ui.viewmodel.BackgroundExecutor;
import org.marginlab.ui.viewmodel.WorkbenchViewModel;
import org.marginlab.ui.views.FigureView;

/**
 * The theory page: a head, sliders for s, m, λ and C, the analytic figures one at a time (∂Z/∂θ, ψ(θ),
 * P(y) and ∂L/∂θ_y against θ_y, the s trade-off, the decision boundaries), and a card with the head's
 * formula and what it does.
 * Every slider move marks the figures dirty; the frame clock repaints them on the next pulse.
 */
public final class TheoryView extends BorderPane {
    private final TheoryViewModel theory;
    private final List<FigureView> figures;
    private final Slider classes = slider(2, 100);
    /** The head's parameter sliders (and ψ's field), rebuilt when the head changes. */
    private final VBox paramBox = new VBox(6);
    private final java.util.Map<String, Slider> paramSliders = new java.util.HashMap<>();
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
        model.revision().property().addListener(o -> followRun(model));
        theory.followRunProperty().addListener((o, was, now) -> followRun(model));
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
        head.disableProperty().bind(theory.followRunProperty());
        javafx.scene.control.CheckBox follow = new javafx.scene.control.CheckBox("Follow the current run");
        follow.selectedProperty().bindBidirectional(theory.followRunProperty());
        follow.setTooltip(new javafx.scene.control.Tooltip(
                "Show the running head with the values it trains with now, moving with warm-ups and live knobs"));
        paramBox.disableProperty().bind(theory.followRunProperty());

        classes.setValue(theory.classCountProperty().get());
        classes.setSnapToTicks(true);
        classes.setMajorTickUnit(1);
        classes.setMinorTickCount(0);
        classes.valueProperty().addListener((o, was, now) -> theory.classCountProperty().set((int) Math.round(now.doubleValue())));
        theory.headProperty().addListener((o, was, now) -> rebuildParams(now));
        rebuildParams(theory.headProperty().get());

        cardTitle.getStyleClass().add("card-title");
        formula.getStyleClass().add("formula");
        formula.setWrapText(true);
        explanation.setWrapText(true);
        VBox card = new VBox(6, cardTitle, formula, explanation);
        card.getStyleClass().add("formula-card");

        VBox box = new VBox(6,
                new Label("Head"), head, follow,
                paramBox,
                labelled("C (classes)", classes, "%.0f"),
                card);
        box.setPadding(new Insets(8));
        box.setPrefWidth(300);
        box.setMinWidth(240);
        return box;
    }

    /** One slider per numeric parameter the head declares, over its slider span; ψ's text field for custom. */
    private void rebuildParams(HeadKind h) {
        paramBox.getChildren().clear();
        paramSliders.clear();
        for (HeadParam q : h.type().params()) {
            if (q.numeric()) {
                VBox row = paramSlider(q, theory.valueProperty(q.name()));
                paramSliders.put(q.name(), (Slider) row.getChildren().get(1));
                paramBox.getChildren().add(row);
            } else if (q.kind() == HeadParam.Kind.TEXT) {
                paramBox.getChildren().add(psiField(q));
            }
        }
    }

    /**
     * A slider that always shows the value drawn: the model's value moves the slider (widening its span if a
     * followed run goes beyond it) and the slider's moves set the model, whole numbers for integer parameters.
     */
    private static VBox paramSlider(HeadParam q, DoubleProperty value) {
        Slider sl = slider(q.sliderMin(), q.sliderMax());
        if (q.integer()) {
            sl.setSnapToTicks(true);
            sl.setMajorTickUnit(1);
            sl.setMinorTickCount(0);
        }
        boolean[] syncing = {false};
        Runnable fromModel = () -> {
            double v = value.get();
            syncing[0] = true;
            sl.setMin(Math.min(sl.getMin(), v));
            sl.setMax(Math.max(sl.getMax(), v));
            sl.setValue(v);
            syncing[0] = false;
        };
        fromModel.run();
        value.addListener((o, was, now) -> fromModel.run());
        sl.valueProperty().addListener((o, was, now) -> {
            if (!syncing[0]) {
                value.set(q.integer() ? Math.round(now.doubleValue()) : now.doubleValue());
            }
        });
        Label l = new Label();
        String fmt = q.integer() ? "%.0f" : "%.3f";
        l.textProperty().bind(Bindings.createStringBinding(
                () -> q.symbol() + " = " + String.format(Locale.ROOT, fmt, value.get())
                        + (q.unit().isEmpty() || q.integer() ? "" : " " + q.unit()), value));
        l.setTooltip(new javafx.scene.control.Tooltip(q.help()));
        return new VBox(2, l, sl);
    }

    /** ψ typed, checked as typed: the figures redraw on every ψ that parses and is finite on [0, π]. */
    private VBox psiField(HeadParam q) {
        javafx.scene.control.TextField field = new javafx.scene.control.TextField();
        field.textProperty().bindBidirectional(theory.psiProperty());
        field.setPromptText("e.g. cos(theta + m) - 0.1");
        Label problem = new Label();
        problem.textProperty().bind(theory.psiProblemProperty());
        problem.setWrapText(true);
        problem.getStyleClass().add("field-error");
        problem.visibleProperty().bind(theory.psiProblemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        Label warning = new Label();
        warning.textProperty().bind(Bindings.createStringBinding(
                () -> theory.psiProblemProperty().get().isEmpty() ? theory.psiWarningProperty().get() : "",
                theory.psiProblemProperty(), theory.psiWarningProperty()));
        warning.setWrapText(true);
        warning.getStyleClass().add("field-help");
        warning.visibleProperty().bind(warning.textProperty().isNotEmpty());
        warning.managedProperty().bind(warning.visibleProperty());
        Label l = new Label(q.symbol() + "(θ) =");
        l.setTooltip(new javafx.scene.control.Tooltip(q.help()));
        return new VBox(2, l, field, problem, warning);
    }

    /** The slider of one of the shown head's parameters, or null (for tests: what the user sees). */
    Slider parameterSlider(String name) {
        return paramSliders.get(name);
    }

    /** With "Follow the current run" on: the run's head at the values in force at its latest snapshot. */
    private void followRun(WorkbenchViewModel model) {
        if (!theory.followRunProperty().get()) {
            return;
        }
        org.marginlab.figures.RunData d = model.control().runData();
        if (d == null || d.config() == null) {
            return;
        }
        org.marginlab.run.IterationSnapshot last = d.lastIteration();
        long it = last == null ? 0 : last.iteration();
        org.marginlab.config.TrainConfig c = d.configAt(it);
        // the schedule gives every parameter at this iteration (live changes included through configAt);
        // a recorded s is the one the head really used (AdaCos sets it from the batch)
        org.marginlab.loss.HeadParams live = c.marginWarmup() < 0 ? c.headParams()
                : c.marginSchedule().at(it);
        if (last != null && last.headParams() != null) {
            live = live.withS(last.headParams().s());
        }
        theory.follow(c.head(), live);
    }

    private void updateCard() {
        HeadKind h = theory.headProperty().get();
        cardTitle.setText(h.displayName());
        formula.setText(h.type().formula());
        explanation.setText(h.type().explanation());
    }

    private static VBox labelled(String name, Slider slider, String fmt) {
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
