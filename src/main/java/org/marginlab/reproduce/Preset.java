package org.marginlab.reproduce;

import java.util.List;

import org.marginlab.figures.Figure;

/**
 * One reproduction preset, everything about it in one class: the runs it plans, what its report says
 * and concludes, and its figures. {@link Presets#ALL} lists them; {@code marginlab reproduce PRESET} picks one.
 */
public interface Preset {

    /** The PRESET argument of {@code marginlab reproduce}, e.g. {@code table5}. */
    String id();

    /** Whether {@code --seeds} may ask for more than one seed. */
    default boolean takesSeeds() {
        return false;
    }

    /** Seeds when {@code --seeds} is not given. */
    default int defaultSeeds() {
        return 1;
    }

    /** The runs, in the quick (CPU-sized) or full (the paper's) form, with the settings in words. */
    Plan plan(boolean quick, int seeds, String dataDir);

    /** The report's heading after "MarginLab reproduction: ". */
    String title();

    /** What the experiment measures: the report's first paragraph. */
    String purpose();

    /** Writes the report's Results section: its tables and CSVs, qualitative checks and disagreements. */
    void results(ReportBuilder report);

    /** The report's figures, drawn from the runs' outcomes. */
    List<Figure> figures(Plan plan, List<RunOutcome> outcomes);
}
