package org.marginlab.ui;

import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ToggleButton;

import org.marginlab.figures.AngleUnit;
import org.marginlab.figures.Figure;
import org.marginlab.figures.FigureKind;
import org.marginlab.figures.FigureStyle;
import org.marginlab.figures.angles.AngleHistogramFigure;

/** θ_y histograms per epoch (angular-loss paper Fig. 7) for all classes or one, in radians or degrees. */
public final class AngleHistogramView extends FigureView {
    private final ChoiceBox<String> classChoice = new ChoiceBox<>();
    private final ToggleButton degrees = new ToggleButton("degrees");

    public AngleHistogramView(WorkbenchViewModel model, BackgroundExecutor executor) {
        super(model, executor);
        classChoice.getItems().add("all classes");
        classChoice.getItems().addAll(FigureStyle.CLASS_NAMES);
        classChoice.getSelectionModel().select(0);
        classChoice.valueProperty().addListener(o -> refresh());
        degrees.selectedProperty().addListener(o -> refresh());
        addTools(caption("class"), classChoice, degrees);
    }

    @Override
    public String name() {
        return FigureKind.ANGLE_HISTOGRAMS.label();
    }

    @Override
    protected Figure createFigure() {
        return new AngleHistogramFigure();
    }

    @Override
    protected void configure(Figure f) {
        AngleHistogramFigure h = (AngleHistogramFigure) f;
        h.setRun(RunFigureView.currentRun(model));
        h.setSelectedClass(classChoice.getSelectionModel().getSelectedIndex() - 1);
        h.setAngleUnit(degrees.isSelected() ? AngleUnit.DEGREES : AngleUnit.RADIANS);
    }
}
