package org.marginlab.ui.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.marginlab.config.TrainConfig;
import org.marginlab.loss.HeadKind;
import org.marginlab.run.EpochSnapshot;
import org.marginlab.run.RunState;

/**
 * A run continued from its checkpoint sends again what it recomputes after it (a run killed after an epoch's
 * snapshot but before that epoch's checkpoint): the epoch is then one point of the curves, not two.
 */
class RunModelResentEpochTest {

    private static EpochSnapshot epoch(int e, long iteration, double accuracy) {
        return new EpochSnapshot(e, iteration, accuracy, 0.1, 1.5, 1.4, new double[] {0, Math.PI},
                new int[][] {{1}, {1}}, new float[][] {{1}}, new int[] {0}, new int[][] {{1, 0}, {0, 1}});
    }

    @Test
    void anEpochSentAgainReplacesTheOneOnRecordAndWhatFollowedIt() {
        RunModel m = new RunModel(TrainConfig.defaults(HeadKind.SOFTMAX), "softmax");
        // on disk: epochs 0 and 1 (iterations 100 and 200); the checkpoint is at 150
        m.loadStored(List.of(), List.of(epoch(0, 100, 0.5), epoch(1, 200, 0.6)), RunState.CANCELLED);
        m.listener().onEpoch(epoch(1, 200, 0.6));
        m.pull();
        assertEquals(List.of(100L, 200L), m.epochs().stream().map(EpochSnapshot::iteration).toList());
        m.listener().onEpoch(epoch(2, 300, 0.7));
        m.pull();
        assertEquals(List.of(100L, 200L, 300L), m.epochs().stream().map(EpochSnapshot::iteration).toList());
    }
}
