package org.marginlab.reproduce;

/**
 * One reproduction preset, everything about it in one class: the runs it plans and what its report
 * says ({@link TablePreset}: tables over the runs' summaries; {@link OpenSetPreset}: an evaluation of each model). {@link Presets#ALL} lists them; {@code marginlab reproduce PRESET} picks one.
 */
public interface Preset {

    /** The PRESET argument of {@code marginlab reproduce}, e.g. {@code table5}. */
    String id();

    /** Whether {@code --seeds} may ask for more than one seed. */
    default boolean takesSeeds() {
        return false;
    }

    /** Seeds when {@code --seeds} is not given, in the quick or the full form. */
    default int defaultSeeds(boolean quick) {
        return 1;
    }

    /** The runs, in the quick (CPU-sized) or full (the paper's) form, with the settings in words. */
    Plan plan(boolean quick, int seeds, String dataDir);

    /** The report's heading after "MarginLab reproduction: ". */
    String title();

    /** What the experiment measures: the report's first paragraph. */
    String purpose();
}
