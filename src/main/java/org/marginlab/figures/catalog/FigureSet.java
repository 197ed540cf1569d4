package org.marginlab.figures.catalog;

import org.marginlab.figures.Figure;
import org.marginlab.figures.RunFigure;
import org.marginlab.figures.RunData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.Set;
import org.marginlab.UserException;
import org.marginlab.figures.export.ExportFormat;
import org.marginlab.figures.export.FigureExporter;
import org.marginlab.figures.theory.HeadFigure;
import org.marginlab.figures.export.ExportPlan;
import org.marginlab.figures.theory.DzDthetaFigure;
import org.marginlab.figures.theory.PsiCurvesFigure;
import org.marginlab.figures.theory.STradeoffFigure;
import org.marginlab.figures.theory.TargetProbabilityFigure;
import org.marginlab.figures.theory.TheoryFigure;
import org.marginlab.figures.training.ConfusionMatrixFigure;
import org.marginlab.figures.training.GradientCheckFigure;
import org.marginlab.figures.training.SimilarityMatrixFigure;
import org.marginlab.figures.training.TrainingCurvesFigure;
import org.marginlab.loss.HeadKind;
import org.marginlab.loss.HeadParams;
import org.marginlab.run.EpochSnapshot;
import org.marginlab.run.IterationSnapshot;
import org.marginlab.config.TrainConfig;

/** An ordered set of figures, built for a run or for the theory alone, and exported together. */
public final class FigureSet {

    private final List<Figure> figures;

    private FigureSet(List<Figure> figures) {
        this.figures = List.copyOf(figures);
    }

    /** Every figure the run has data for, plus the analytic figures of its head. */
    public static FigureSet forRun(List<IterationSnapshot> iterations, List<EpochSnapshot> epochs, TrainConfig config) {
        return forRun(RunData.of(null, config, iterations, epochs));
    }

    public static FigureSet forRun(RunData run) {
        List<Figure> out = new ArrayList<>();
        IterationSnapshot last = run.lastIteration();
        int d = last == null ? 0 : last.dimension();
        for (FigureKind k : FigureKind.of(FigureKind.Source.RUN)) {
            // the circle for 2-D runs, the sphere for 3-D ones, both (projected) above three dimensions
            boolean shown = k == FigureKind.EMBEDDING_CIRCLE ? d == 2 || d > 3
                    : k != FigureKind.EMBEDDING_SPHERE || d >= 3;
            if (shown) {
                RunFigure f = (RunFigure) k.create();
                f.setRun(run);
                out.add(f);
            }
        }
        out.removeIf(f -> !f.hasData());
        if (run.config() != null) {
            // at the parameters in force where the run's figures end (the configured ones once warmed up)
            HeadParams p = last == null ? run.config().headParams() : run.paramsAt(last);
            out.addAll(theory(run.config().head(), p).figures);
        }
        return new FigureSet(out);
    }

    /** The analytic figures (∂Z/∂θ, ψ curves, P(y) against θ_y, s trade-off, decision boundaries) for a head and its parameters. */
    public static FigureSet theory(HeadKind head, HeadParams params) {
        List<Figure> out = new ArrayList<>();
        for (FigureKind k : FigureKind.of(FigureKind.Source.THEORY)) {
            HeadFigure f = (HeadFigure) k.create();
            f.setHead(head, params);
            out.add(f);
        }
        return new FigureSet(out);
    }

    public List<Figure> figures() {
        return figures;
    }

    public List<String> ids() {
        return figures.stream().map(Figure::id).toList();
    }

    public Optional<Figure> get(String id) {
        return figures.stream().filter(f -> f.id().equals(id)).findFirst();
    }

    /**
     * The figures named in {@code ids} (all when empty), in this set's order. An id that is no figure is a
     * one-line UserException naming the valid ids; a valid id this set lacks (no data) is skipped.
     */
    public FigureSet only(Collection<String> ids) {
        if (ids == null || ids.isEmpty()) {
            return this;
        }
        List<String> known = FigureKind.ids();
        for (String id : ids) {
            if (!known.contains(id)) {
                throw new UserException("--only '" + id + "' is not a figure; use one of " + String.join(", ", known));
            }
        }
        return new FigureSet(figures.stream().filter(f -> ids.contains(f.id())).toList());
    }

    /** Every figure as {@code dir/<id>.<ext>}, planned but not yet written. */
    public ExportPlan plan(Path dir, ExportFormat format, int scale) {
        ExportPlan p = new ExportPlan(dir);
        figures.forEach(f -> p.add(f, f.id(), format, scale));
        return p;
    }

    /** Writes every figure as {@code dir/<id>.<ext>}, replacing files of those names; returns them in order. */
    public List<Path> exportAll(Path dir, ExportFormat format, int scale) {
        return plan(dir, format, scale).write();
    }
}
