package org.marginlab.reproduce;

import java.util.List;

/**
 * What a preset runs and how, in words the report repeats.
 *
 * @param preset      the preset that planned these runs
 * @param quick       the CPU-sized form
 * @param seeds       seeds per head (table5), per s value of Fig. 5's sweep (angles); 1 elsewhere
 * @param trainSubset first N training images used (0 = all 60 000)
 * @param testSubset  first N test images used for test error and angle statistics (0 = all 10 000)
 * @param epochList   epoch counts at which test error is read (error-vs-epochs only; empty elsewhere)
 * @param runs        the runs, in execution order
 * @param settings    plain-language description of the settings, one item per line
 */
public record Plan(Preset preset, boolean quick, int seeds, int trainSubset, int testSubset,
                   List<Integer> epochList, List<PlannedRun> runs, List<String> settings) {

    public Plan {
        epochList = List.copyOf(epochList);
        runs = List.copyOf(runs);
        settings = List.copyOf(settings);
    }
}
