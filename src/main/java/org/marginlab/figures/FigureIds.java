package org.marginlab.figures;

import java.util.List;

/** The stable ids of every figure; they are also the export file names ({@code id.png}). */
public final class FigureIds {
    private FigureIds() {
    }

    public static final String EMBEDDING_CIRCLE = "embedding-circle";
    public static final String EMBEDDING_SPHERE = "embedding-sphere";
    public static final String ANGLE_HISTOGRAMS = "angle-histograms";
    public static final String ANGLE_STATS = "angle-stats";
    public static final String ANGLE_STATS_TABLE = "angle-stats-table";
    public static final String DZ_DTHETA = "dz-dtheta";
    public static final String PSI_CURVES = "psi-curves";
    public static final String S_TRADEOFF = "s-tradeoff";
    public static final String P_TARGET = "p-target";
    public static final String GRADIENT_CHECK = "gradient-check";
    public static final String SIMILARITY_MATRIX = "similarity-matrix";
    public static final String TRAINING_CURVES = "training-curves";
    public static final String CONFUSION_MATRIX = "confusion-matrix";

    /** Figures drawn from a run's snapshots. */
    public static final List<String> RUN = List.of(EMBEDDING_CIRCLE, EMBEDDING_SPHERE, ANGLE_HISTOGRAMS,
            ANGLE_STATS, ANGLE_STATS_TABLE, GRADIENT_CHECK, SIMILARITY_MATRIX, TRAINING_CURVES, CONFUSION_MATRIX);

    /** Analytic figures, drawn from the heads' functions alone ({@code marginlab theory}). */
    public static final List<String> THEORY = List.of(DZ_DTHETA, PSI_CURVES, P_TARGET, S_TRADEOFF);
}
