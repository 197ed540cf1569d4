package org.marginlab.figures.catalog;

import org.marginlab.figures.Figure;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.marginlab.figures.angles.AngleHistogramFigure;
import org.marginlab.figures.angles.AngleStatsFigure;
import org.marginlab.figures.angles.AngleStatsTableFigure;
import org.marginlab.figures.embedding.EmbeddingCircleFigure;
import org.marginlab.figures.embedding.EmbeddingSphereFigure;
import org.marginlab.figures.openset.RocFigure;
import org.marginlab.figures.theory.DecisionBoundaryFigure;
import org.marginlab.figures.theory.DzDthetaFigure;
import org.marginlab.figures.theory.PsiCurvesFigure;
import org.marginlab.figures.theory.STradeoffFigure;
import org.marginlab.figures.theory.TargetProbabilityFigure;
import org.marginlab.figures.training.ConfusionMatrixFigure;
import org.marginlab.figures.training.GradientCheckFigure;
import org.marginlab.figures.training.SimilarityMatrixFigure;
import org.marginlab.figures.training.TrainingCurvesFigure;

/**
 * Every figure of MarginLab, in the order the window and the exports list them: its stable id (the
 * export file name, {@code id.png}, and the {@code --only} name), the label the window shows it under,
 * where it is drawn from, and a new instance. The window's run tabs, the Theory tab, {@code marginlab
 * figures}, {@code marginlab theory} and {@code --only} all read this list.
 *
 * <p>Run figures have a tab each named by their label, except that the circle and the sphere share the
 * Embedding tab (the run's dimension picks one) and the statistics table is the Compare tab's panel.
 * The open-set ROC is the Open set tab; {@code figures} measures it from the runs' final models.
 * Theory figures are the Theory tab's cells; {@code figures} exports them too, at the run's head.
 */
public enum FigureKind {
    EMBEDDING_CIRCLE(EmbeddingCircleFigure.ID, "Embedding", Source.RUN, EmbeddingCircleFigure::new),
    EMBEDDING_SPHERE(EmbeddingSphereFigure.ID, "Embedding", Source.RUN, EmbeddingSphereFigure::new),
    ANGLE_HISTOGRAMS(AngleHistogramFigure.ID, "Angle histograms", Source.RUN, AngleHistogramFigure::new),
    ANGLE_STATS(AngleStatsFigure.ID, "Angle statistics", Source.RUN, AngleStatsFigure::new),
    ANGLE_STATS_TABLE(AngleStatsTableFigure.ID, "Compare: angle statistics", Source.RUN, AngleStatsTableFigure::new),
    GRADIENT_CHECK(GradientCheckFigure.ID, "Gradient vs θ", Source.RUN, GradientCheckFigure::new),
    SIMILARITY_MATRIX(SimilarityMatrixFigure.ID, "Similarity matrix", Source.RUN, SimilarityMatrixFigure::new),
    TRAINING_CURVES(TrainingCurvesFigure.ID, "Training curves", Source.RUN, TrainingCurvesFigure::new),
    CONFUSION_MATRIX(ConfusionMatrixFigure.ID, "Confusion matrix", Source.RUN, ConfusionMatrixFigure::new),
    OPEN_SET_ROC(RocFigure.ID, "Open set", Source.MODEL, () -> new RocFigure("", List.of())),
    DZ_DTHETA(DzDthetaFigure.ID, "∂Z/∂θ", Source.THEORY, DzDthetaFigure::new),
    PSI_CURVES(PsiCurvesFigure.ID, "ψ(θ)", Source.THEORY, PsiCurvesFigure::new),
    P_TARGET(TargetProbabilityFigure.ID, "P(y) and ∂L/∂θ", Source.THEORY, TargetProbabilityFigure::new),
    S_TRADEOFF(STradeoffFigure.ID, "s trade-off", Source.THEORY, STradeoffFigure::new),
    DECISION_BOUNDARY(DecisionBoundaryFigure.ID, "Decision boundary", Source.THEORY, DecisionBoundaryFigure::new);

    /** What a figure is drawn from. */
    public enum Source {
        /** a run's snapshots: a {@link RunFigure} */
        RUN,
        /** a run's final model, measured on test images ({@code marginlab evaluate}): the {@link RocFigure} */
        MODEL,
        /** a head and its parameters alone: a {@link org.marginlab.figures.theory.HeadFigure} */
        THEORY
    }

    private final String id;
    private final String label;
    private final Source source;
    private final Supplier<Figure> factory;

    FigureKind(String id, String label, Source source, Supplier<Figure> factory) {
        this.id = id;
        this.label = label;
        this.source = source;
        this.factory = factory;
    }

    public String id() {
        return id;
    }

    /** The short name the window shows: the tab, Theory cell or Compare panel. */
    public String label() {
        return label;
    }

    public Source source() {
        return source;
    }

    /**
     * Whether the window shows this figure on a tab named by its {@link #label()} (kinds with one label share a
     * tab, as the circle and the sphere share Embedding); the angle-statistics table is the Compare tab's
     * panel instead.
     */
    public boolean hasTab() {
        return this != ANGLE_STATS_TABLE && source != Source.THEORY;
    }

    /** A new figure of this kind, without data. */
    public Figure create() {
        return factory.get();
    }

    /** The figures drawn from {@code source}, in order. */
    public static List<FigureKind> of(Source source) {
        return Arrays.stream(values()).filter(k -> k.source == source).toList();
    }

    /** Every id, in order (for messages that list the valid ones). */
    public static List<String> ids() {
        return Arrays.stream(values()).map(FigureKind::id).toList();
    }

    /** The kind with this id (export file name). */
    public static FigureKind byId(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no figure '" + id + "'; figures: " + ids()));
    }
}
