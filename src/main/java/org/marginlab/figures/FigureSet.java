package org.marginlab.figures;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.marginlab.UserException;
import org.marginlab.figures.angles.AngleHistogramFigure;
import org.marginlab.figures.angles.AngleStatsFigure;
import org.marginlab.figures.angles.AngleStatsTableFigure;
import org.marginlab.figures.embedding.EmbeddingCircleFigure;
import org.marginlab.figures.embedding.EmbeddingSphereFigure;
import org.marginlab.figures.export.ExportFormat;
import org.marginlab.figures.export.FigureExporter;
import org.marginlab.figures.theory.DzDthetaFigure;
import org.marginlab.figures.theory.PsiCurvesFigure;
import org.marginlab.figures.theory.STradeoffFigure;
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
        if (d == 2 || d > 3) {
            out.add(withRun(new EmbeddingCircleFigure(), run));
        }
        if (d >= 3) {
            out.add(withRun(new EmbeddingSphereFigure(), run));
        }
        out.add(withRun(new AngleHistogramFigure(), run));
        out.add(withRun(new AngleStatsFigure(), run));
        out.add(withRun(new AngleStatsTableFigure(), run));
        out.add(withRun(new GradientCheckFigure(), run));
        out.add(withRun(new SimilarityMatrixFigure(), run));
        out.add(withRun(new TrainingCurvesFigure(), run));
        out.add(withRun(new ConfusionMatrixFigure(), run));
        out.removeIf(f -> !f.hasData());
        if (run.config() != null) {
            // at the parameters in force where the run's figures end (the configured ones once warmed up)
            HeadParams p = last == null ? run.config().headParams() : run.paramsAt(last);
            out.addAll(theory(run.config().head(), p).figures);
        }
        return new FigureSet(out);
    }

    /** The analytic figures (∂Z/∂θ, ψ curves, s trade-off) for a head and its parameters, C = 10 classes. */
    public static FigureSet theory(HeadKind head, HeadParams params) {
        List<Figure> out = new ArrayList<>();
        for (TheoryFigure f : List.of(new DzDthetaFigure(), new PsiCurvesFigure(), new STradeoffFigure())) {
            f.setHead(head, params);
            out.add(f);
        }
        return new FigureSet(out);
    }

    private static Figure withRun(RunFigure f, RunData run) {
        f.setRun(run);
        return f;
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
        Set<String> known = new LinkedHashSet<>(FigureIds.RUN);
        known.addAll(FigureIds.THEORY);
        for (String id : ids) {
            if (!known.contains(id)) {
                throw new UserException("--only '" + id + "' is not a figure; use one of " + String.join(", ", known));
            }
        }
        return new FigureSet(figures.stream().filter(f -> ids.contains(f.id())).toList());
    }

    /** This set less the figure with this id. */
    public FigureSet without(String id) {
        return new FigureSet(figures.stream().filter(f -> !f.id().equals(id)).toList());
    }

    /**
     * Writes every figure as {@code dir/<id>.<ext>}; returns the files in order. Figures are independent
     * objects, so they are drawn and encoded in parallel (PNG encoding is most of an export's time);
     * the caller must not touch them until this returns.
     */
    public List<Path> exportAll(Path dir, ExportFormat format, int scale) {
        FigureExporter.ensureDirectory(dir);
        int threads = Math.max(1, Math.min(figures.size(), Runtime.getRuntime().availableProcessors()));
        if (threads == 1) {
            return figures.stream().map(f -> FigureExporter.write(f, dir, format, scale)).toList();
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "figure-export");
            t.setDaemon(true);
            return t;
        })) {
            List<Future<Path>> jobs = new ArrayList<>();
            for (Figure f : figures) {
                jobs.add(pool.submit(() -> FigureExporter.write(f, dir, format, scale)));
            }
            List<Path> out = new ArrayList<>();
            for (Future<Path> j : jobs) {
                out.add(j.get());
            }
            return out;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("figure export failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserException("figure export was interrupted; run it again");
        }
    }
}
