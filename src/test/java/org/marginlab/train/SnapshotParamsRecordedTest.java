package org.marginlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.marginlab.config.ConfigField;
import org.marginlab.config.TrainConfig;
import org.marginlab.figures.RunData;
import org.marginlab.loss.HeadKind;
import org.marginlab.loss.HeadParams;
import org.marginlab.run.IterationSnapshot;
import org.marginlab.run.SnapshotCodec;

/** Snapshots record every head parameter in force; older records are completed from the config in one place. */
class SnapshotParamsRecordedTest {

    private static IterationSnapshot snap(HeadParams p, boolean complete) {
        float[][] emb = {{1, 0}, {0, 1}};
        float[][] w = {{1, 0}, {0, 1}};
        return new IterationSnapshot(500, 0, emb, new int[] {0, 1}, w, null, new float[2], new float[2], 1, 0.5,
                1e-3, 100, p, null, new int[] {3, 4}, null, complete);
    }

    private static TrainConfig config(HeadKind h) {
        return TrainConfig.defaults(h).with(ConfigField.MARGIN_WARMUP, 0);
    }

    @Test
    void everyParameterRoundTripsAndFiguresUseTheRecordedOnes() throws Exception {
        // a combined run whose m1–m3 were changed live away from the config's (1, 0.1, 0.05)
        HeadParams live = new HeadParams(12, 0, 0, false, 2, 0.3, 0.15, 1, "", false);
        IterationSnapshot back = SnapshotCodec.decodeIteration(SnapshotCodec.encode(snap(live, true)));
        assertTrue(back.paramsComplete());
        assertEquals(live, back.headParams());
        RunData run = new RunData("c", config(HeadKind.COMBINED), List.of(back), List.of());
        assertEquals(live, run.paramsAt(back));

        HeadParams custom = new HeadParams(16, 0.4, 0, false, 1, 0, 0, 1, "cos(theta)^2 - m · ψ", false);
        assertEquals(custom, SnapshotCodec.decodeIteration(SnapshotCodec.encode(snap(custom, true))).headParams());
        HeadParams ada = new HeadParams(3.25, 0, 0, false, 1, 0, 0, 1, "", true);
        assertEquals(ada, SnapshotCodec.decodeIteration(SnapshotCodec.encode(snap(ada, true))).headParams());
        HeadParams sub = new HeadParams(16, 0.2, 0, false, 1, 0, 0, 3, "", false);
        assertEquals(sub, SnapshotCodec.decodeIteration(SnapshotCodec.encode(snap(sub, true))).headParams());
    }

    @Test
    void anOlderRecordKeepsItsLayoutAndIsCompletedFromTheConfig() throws Exception {
        HeadParams recorded = new HeadParams(12, 0, 0, false);
        byte[] old = SnapshotCodec.encode(snap(recorded, false));
        // the layout before bit 4: header 25 bytes, N·d + N + C·d + 2N floats/ints, 4 doubles, extras byte,
        // s, m, λ (3 doubles) and easy margin (1 byte), N probe ids
        int n = 2;
        int d = 2;
        int c = 2;
        assertEquals(8 + 4 + 4 + 4 + 4 + 1 + 4 * (n * d + n + c * d + 2 * n) + 4 * 8 + 1 + 3 * 8 + 1 + 4 * n, old.length);
        assertEquals(1 | 4, old[old.length - 4 * n - 25 - 1], "extras: params (bit 0) and ids (bit 2) only");
        IterationSnapshot back = SnapshotCodec.decodeIteration(old);
        assertFalse(back.paramsComplete());
        RunData run = new RunData("c", config(HeadKind.COMBINED), List.of(back), List.of());
        // s as recorded; m1–m3 from the config: combined's defaults (1, 0.1, 0.05)
        HeadParams p = run.paramsAt(back);
        assertEquals(12, p.s());
        assertEquals(1, p.m1());
        assertEquals(0.1, p.m2());
        assertEquals(0.05, p.m3());
    }
}
