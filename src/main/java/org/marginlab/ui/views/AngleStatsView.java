package org.marginlab.ui.views;

import java.util.ArrayList;
import java.util.List;

import javafx.scene.control.ToggleButton;

import org.marginlab.figures.AngleUnit;
import org.marginlab.figures.Figure;
import org.marginlab.figures.catalog.FigureKind;
import org.marginlab.figures.RunData;
import org.marginlab.figures.angles.AngleStatsFigure;
import org.marginlab.ui.viewmodel.BackgroundExecutor;
import org.marginlab.ui.viewmodel.WorkbenchViewModel;
import org.marginlab.ui.viewmodel.RunModel;

/** WC-Intra, W-Inter, C-Inter over iterations (angular-loss paper Fig. 5), with compare and picked runs overlaid. */
public final class AngleStatsView extends FigureView {
    private final ToggleButton degrees = new ToggleButton("degrees");
    private final OverlayRuns overlays;

    public AngleStatsView(WorkbenchViewModel model, BackgroundExecutor executor, OverlayRuns overlays) {
        super(model, executor);
        sayWhereAComparisonIs();
        this.overlays = overlays;
        degrees.selectedProperty().addListener(o -> refresh());
        addTools(overlays.tools(this));
        addTools(degrees);
    }

    @Override
    public String name() {
        return FigureKind.ANGLE_STATS.label();
    }

    @Override
    protected Figure createFigure() {
        return new AngleStatsFigure();
    }

    @Override
    protected void configure(Figure f) {
        AngleStatsFigure a = (AngleStatsFigure) f;
        List<RunData> runs = new ArrayList<>();
        if (model.control().runData() != null) {
            runs.add(model.control().runData());
        }
        for (RunModel r : model.compare().compareRuns()) {
            runs.add(r.toRunData());
        }
        runs.addAll(overlays.runs());
        a.setRuns(runs);
        a.setAngleUnit(degrees.isSelected() ? AngleUnit.DEGREES : AngleUnit.RADIANS);
    }
}
