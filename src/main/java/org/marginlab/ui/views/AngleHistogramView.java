package org.marginlab.ui.views;

import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ToggleButton;

import org.marginlab.figures.AngleUnit;
import org.marginlab.figures.Figure;
import org.marginlab.figures.catalog.FigureKind;
import org.marginlab.figures.FigureStyle;
import org.marginlab.figures.angles.AngleHistogramFigure;
import org.marginlab.ui.viewmodel.BackgroundExecutor;
import org.marginlab.ui.viewmodel.WorkbenchViewModel;

/** θ_y histograms per epoch and of the newest snapshot's probes (angular-loss paper Fig. 7) for all classes or one, in radians or degrees. */
public final class AngleHistogramView extends FigureView {
    private final ChoiceBox<String> classChoice = new ChoiceBox<>();
    private final ToggleButton degrees = new ToggleButton("degrees");

    public AngleHistogramView(WorkbenchViewModel model, BackgroundExecutor executor) {
        super(model, executor);
        sayWhereAComparisonIs();
        offerTrainedClasses(null);
        classChoice.valueProperty().addListener(o -> refresh());
        degrees.selectedProperty().addListener(o -> refresh());
        model.timeline().timelineIndexProperty().addListener(o -> refresh());
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
        org.marginlab.figures.RunData run = RunFigureView.shownRun(model);
        h.setRun(run);
        offerTrainedClasses(run);
        h.setSelectedClass(classChoice.getSelectionModel().getSelectedIndex() - 1);
        h.setAngleUnit(degrees.isSelected() ? AngleUnit.DEGREES : AngleUnit.RADIANS);
    }

    /** The class choice's entries, as shown. */
    java.util.List<String> classChoices() {
        return java.util.List.copyOf(classChoice.getItems());
    }

    /** The choice lists the classes the run trained on, in head order (a held-out class has no θ_y); keeps the pick by name. */
    private void offerTrainedClasses(org.marginlab.figures.RunData run) {
        java.util.List<String> items = new java.util.ArrayList<>(java.util.List.of("all classes"));
        int n = run == null ? FigureStyle.CLASS_NAMES.size() : run.classCount();
        int trained = n - (run == null || run.config() == null ? 0 : run.config().holdoutClasses().size());
        for (int j = 0; j < trained; j++) {
            int y = run == null ? j : run.datasetClass(j);
            // with many classes the id leads, so a class is found by number in the long list
            String name = run == null ? FigureStyle.className(y) : run.className(y);
            items.add(n > FigureStyle.LABELLED_CLASSES ? y + " " + name : name);
        }
        if (!items.equals(classChoice.getItems())) {
            String picked = classChoice.getValue();
            classChoice.getItems().setAll(items);
            classChoice.getSelectionModel().select(items.contains(picked) ? items.indexOf(picked) : 0);
        }
    }
}
