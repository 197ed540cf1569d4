package org.marginlab.ui.compare;

import java.util.List;

import org.marginlab.figures.Figure;
import org.marginlab.figures.catalog.FigureKind;
import org.marginlab.figures.angles.AngleStatsTableFigure;
import org.marginlab.figures.export.ExportPlan;
import org.marginlab.ui.viewmodel.BackgroundExecutor;
import org.marginlab.ui.viewmodel.WorkbenchViewModel;
import org.marginlab.ui.viewmodel.RunModel;
import org.marginlab.ui.views.FigureView;

/** The compared runs' latest angle statistics side by side (angular-loss paper Tables 2–3). */
public final class CompareStatsView extends FigureView {

    public CompareStatsView(WorkbenchViewModel model, BackgroundExecutor executor) {
        super(model, executor);
        canvas.setMinSize(200, 120);
    }

    @Override
    public String name() {
        return FigureKind.ANGLE_STATS_TABLE.label();
    }

    @Override
    public String exportStem(Figure f) {
        return ExportPlan.stem("compare", null, f.id());
    }

    @Override
    protected Figure createFigure() {
        return new AngleStatsTableFigure();
    }

    @Override
    protected void configure(Figure f) {
        List<org.marginlab.figures.RunData> runs = model.compare().compareRuns().stream().map(RunModel::toRunData).toList();
        ((AngleStatsTableFigure) f).setRuns(runs);
    }
}
