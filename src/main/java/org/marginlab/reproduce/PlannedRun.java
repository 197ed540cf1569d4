package org.marginlab.reproduce;

import org.marginlab.config.TrainConfig;

/**
 * One run of a preset.
 *
 * @param key    directory name under {@code runs/}, unique in the preset (e.g. {@code arc-s5}, {@code softmax-seed2})
 * @param label  legend label in figures and tables (e.g. {@code arc s=5})
 * @param group  what the report groups it under: the head id for tables, or {@code s-sweep} for Fig. 5
 * @param config the full training configuration
 */
public record PlannedRun(String key, String label, String group, TrainConfig config) {

    /**
     * This run with the data set it trained on recorded in its config (as its config.json has it), so that figures
     * drawn from the outcome name and colour that data set's classes; itself when nothing was recorded.
     */
    public PlannedRun trainedOn(TrainConfig recorded) {
        return recorded == null || recorded.dataset() == null ? this
                : new PlannedRun(key, label, group, config.toBuilder().dataset(recorded.dataset()).build());
    }
}
