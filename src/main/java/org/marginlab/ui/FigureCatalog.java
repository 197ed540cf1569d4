package org.marginlab.ui;

import org.marginlab.figures.Figure;
import org.marginlab.figures.FigureIds;
import org.marginlab.figures.angles.AngleHistogramFigure;
import org.marginlab.figures.angles.AngleStatsFigure;
import org.marginlab.figures.angles.AngleStatsTableFigure;
import org.marginlab.figures.embedding.EmbeddingCircleFigure;
import org.marginlab.figures.embedding.EmbeddingSphereFigure;
import org.marginlab.figures.theory.DzDthetaFigure;
import org.marginlab.figures.theory.PsiCurvesFigure;
import org.marginlab.figures.theory.STradeoffFigure;
import org.marginlab.figures.theory.TargetProbabilityFigure;
import org.marginlab.figures.training.ConfusionMatrixFigure;
import org.marginlab.figures.training.GradientCheckFigure;
import org.marginlab.figures.training.SimilarityMatrixFigure;
import org.marginlab.figures.training.TrainingCurvesFigure;

/** The one place the window names the figure library's classes: a new figure for each figure id. */
public final class FigureCatalog {
    private FigureCatalog() {
    }

    public static Figure create(String id) {
        return switch (id) {
            case FigureIds.EMBEDDING_CIRCLE -> new EmbeddingCircleFigure();
            case FigureIds.EMBEDDING_SPHERE -> new EmbeddingSphereFigure();
            case FigureIds.ANGLE_HISTOGRAMS -> new AngleHistogramFigure();
            case FigureIds.ANGLE_STATS -> new AngleStatsFigure();
            case FigureIds.ANGLE_STATS_TABLE -> new AngleStatsTableFigure();
            case FigureIds.DZ_DTHETA -> new DzDthetaFigure();
            case FigureIds.PSI_CURVES -> new PsiCurvesFigure();
            case FigureIds.S_TRADEOFF -> new STradeoffFigure();
            case FigureIds.P_TARGET -> new TargetProbabilityFigure();
            case FigureIds.GRADIENT_CHECK -> new GradientCheckFigure();
            case FigureIds.SIMILARITY_MATRIX -> new SimilarityMatrixFigure();
            case FigureIds.TRAINING_CURVES -> new TrainingCurvesFigure();
            case FigureIds.CONFUSION_MATRIX -> new ConfusionMatrixFigure();
            default -> throw new IllegalArgumentException("unknown figure id " + id);
        };
    }
}
