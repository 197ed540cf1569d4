package org.marginlab.train;

import org.marginlab.config.Schedule;
import org.marginlab.config.ConfigCheck;
import org.marginlab.config.ConfigJson;
import org.marginlab.config.ConfigException;
import org.marginlab.config.ConfigField;
import org.marginlab.config.TrainConfig;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import org.marginlab.UserException;
import org.marginlab.loss.HeadKind;
import org.marginlab.loss.HeadParams;
import org.marginlab.run.EpochSnapshot;
import org.marginlab.run.IterationSnapshot;
import org.marginlab.run.SnapshotCodec;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PipelineAndScheduleTest {

    @Test
    void meanAndStdByHand() {
        // pixels 0 and 255 in equal numbers: mean 0.5, std 0.5
        float[] ms = BatchPipeline.meanStd(new byte[] {0, (byte) 255, 0, (byte) 255});
        assertEquals(0.5f, ms[0], 1e-7f);
        assertEquals(0.5f, ms[1], 1e-7f);
    }

    @Test
    void batchesNormaliseCropAndFlip() {
        // one 2×3 image 0..5 (as bytes ×51 so that v/255 = k/5), labels 4
        byte[] px = new byte[6];
        for (int k = 0; k < 6; k++) {
            px[k] = (byte) (51 * k);
        }
        BatchPipeline p = new BatchPipeline(px, new byte[] {4}, 1, 2, 3, 0.5f, 0.25f);
        try (NDManager m = NDManager.newBaseManager()) {
            NDList b = p.batch(m, new int[] {0}, 0, 1, false, 0);
            float[] x = b.get(0).toFloatArray();
            for (int k = 0; k < 6; k++) {
                assertEquals((k / 5f - 0.5f) / 0.25f, x[k], 1e-6f);
            }
            assertArrayEquals(new int[] {4}, b.get(1).toIntArray());
            // Augmented: every output pixel is either the background or an input pixel of the same
            // row-shifted / column-shifted (and possibly mirrored) image; try many seeds.
            boolean sawFlip = false;
            for (long seed = 0; seed < 50; seed++) {
                float[] a = p.batch(m, new int[] {0}, 0, 1, true, seed).get(0).toFloatArray();
                float bg = (0 - 0.5f) / 0.25f;
                boolean matched = false;
                for (int dy = -2; dy <= 2 && !matched; dy++) {
                    for (int dx = -2; dx <= 2 && !matched; dx++) {
                        for (int flip = 0; flip < 2 && !matched; flip++) {
                            boolean ok = true;
                            for (int r = 0; r < 2 && ok; r++) {
                                for (int c = 0; c < 3 && ok; c++) {
                                    int sr = r + dy;
                                    int sc = (flip == 1 ? 2 - c : c) + dx;
                                    float want = sr < 0 || sr >= 2 || sc < 0 || sc >= 3 ? bg : x[sr * 3 + sc];
                                    ok = Math.abs(a[r * 3 + c] - want) < 1e-6f;
                                }
                            }
                            if (ok) {
                                matched = true;
                                sawFlip |= flip == 1 && dx == 0 && dy == 0;
                            }
                        }
                    }
                }
                assertTrue(matched, "seed " + seed + ": " + Arrays.toString(a));
                assertArrayEquals(a, p.batch(m, new int[] {0}, 0, 1, true, seed).get(0).toFloatArray(), "same seed, same crop");
            }
            assertTrue(sawFlip, "some seed flips without shifting");
        }
    }

    @Test
    void epochOrderIsAPermutationFixedBySeedAndEpoch() {
        BatchPipeline p = new BatchPipeline(new byte[100], new byte[100], 100, 1, 1, 0, 1);
        int[] a = p.epochOrder(1, 0);
        int[] sorted = a.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < 100; i++) {
            assertEquals(i, sorted[i]);
        }
        assertArrayEquals(a, p.epochOrder(1, 0));
        assertNotEquals(Arrays.toString(a), Arrays.toString(p.epochOrder(1, 1)));
        assertNotEquals(Arrays.toString(a), Arrays.toString(p.epochOrder(2, 0)));
    }

    @Test
    void schedules() {
        LrSchedule c = new LrSchedule(Schedule.CONSTANT, 0.1, 100);
        assertEquals(0.1, c.rate(0));
        assertEquals(0.1, c.rate(99));
        LrSchedule s = new LrSchedule(Schedule.STEP, 0.1, 100);
        assertEquals(0.1, s.rate(49), 1e-15);
        assertEquals(0.01, s.rate(50), 1e-15);
        assertEquals(0.001, s.rate(75), 1e-15);
        LrSchedule o = new LrSchedule(Schedule.ONECYCLE, 0.1, 100);
        assertEquals(0.1 / 25, o.rate(0), 1e-15);
        assertEquals(0.1, o.rate(30), 1e-15);
        // halfway up the cosine: (start + peak) / 2
        assertEquals((0.1 / 25 + 0.1) / 2, o.rate(15), 1e-15);
        // halfway down: (peak + peak/1e4) / 2
        assertEquals((0.1 + 0.1 / 1e4) / 2, o.rate(65), 1e-15);
        assertEquals(0.1 / 1e4, o.rate(100), 1e-15);
    }

    @Test
    void configJsonRoundTripAndErrors() {
        TrainConfig c = TrainConfig.defaults(HeadKind.ARCFACE);
        assertEquals(c, ConfigJson.parse(ConfigJson.toJson(c), "x.json"));
        TrainConfig partial = ConfigJson.parse("{\"head\": \"cosface\", \"m\": 0.1, \"dim\": 2}", "x.json");
        assertEquals(HeadKind.COSFACE, partial.head());
        assertEquals(0.1, partial.headParams().m());
        assertEquals(TrainConfig.defaults(HeadKind.COSFACE).headParams().s(), partial.headParams().s());
        // the known fields are the catalogue's keys, sorted
        String known = java.util.Arrays.stream(org.marginlab.config.ConfigField.values())
                .map(org.marginlab.config.ConfigField::key).sorted().collect(java.util.stream.Collectors.joining(", "));
        assertEquals("x.json: unknown field 'lr_max'; known fields: " + known,
                assertThrows(UserException.class, () -> ConfigJson.parse("{\"lr_max\": 1}", "x.json")).getMessage());
        assertEquals("x.json: field 'dim' must be an integer",
                assertThrows(UserException.class, () -> ConfigJson.parse("{\"dim\": 2.5}", "x.json")).getMessage());
    }

    @Test
    void rangeErrorsNameTheFieldAsFlagOrLabel() {
        TrainConfig c = TrainConfig.defaults(HeadKind.COSFACE);
        ConfigException dim = assertThrows(ConfigException.class, () -> ConfigCheck.validate(c.with(ConfigField.DIM, 1)));
        assertEquals("--dim must be an integer in [2, 512] (got 1)", dim.withFlag());
        assertEquals("Embedding dimension d must be an integer in [2, 512] (got 1)", dim.getMessage());
        ConfigException m = assertThrows(ConfigException.class, () -> ConfigCheck.validate(c.with(ConfigField.M, 2.5)));
        assertEquals("--m must be a number in [0, 2] (got 2.5)", m.withFlag());
        TrainConfig arc = c.withHead(HeadKind.ARCFACE).with(ConfigField.M, Math.PI);
        assertEquals("--m must be a number in [0, π) (got 3.141592653589793)",
                assertThrows(ConfigException.class, () -> ConfigCheck.validate(arc)).withFlag());
    }

    @Test
    void defaultWarmupIsAtMostAThirdOfTheRun() {
        TrainConfig d = TrainConfig.defaults(HeadKind.ARC);
        assertEquals(156, d.withWarmupFor(468).marginWarmup(), "one epoch at batch 128: 468 / 3");
        assertEquals(500, d.withWarmupFor(4680).marginWarmup(), "ten epochs: capped at 500");
        TrainConfig explicit = d.withWarmupFor(0);
        assertEquals(0, explicit.marginWarmup());
        assertEquals(explicit, explicit.withWarmupFor(468), "a chosen warm-up is kept");
        TrainConfig c = TestData.small(120, 32);
        TrainConfig auto = c.withHead(HeadKind.ARC).with(ConfigField.MARGIN_WARMUP, TrainConfig.AUTO_WARMUP);
        assertEquals(40, TrainingSession.create(auto, TestData.get(), TestData.SOFTMAX, null).config().marginWarmup());
    }

    @Test
    void snapshotsRoundTrip() throws Exception {
        IterationSnapshot s = new IterationSnapshot(7, 1, new float[][] {{1, 2}, {3, 4}}, new int[] {0, 1},
                new float[][] {{5, 6}, {7, 8}}, new float[][] {{0.5f, 0}, {0, 0.5f}}, new float[] {0.1f, 0.2f},
                new float[] {-1, -2}, 0.7, 0.8, 1e-3, 1234, new HeadParams(6.6, 0.19, 53.5, true),
                new float[] {0.25f, Float.NaN});
        IterationSnapshot r = SnapshotCodec.decodeIteration(SnapshotCodec.encode(s));
        assertEquals(s.headParams(), r.headParams());
        IterationSnapshot legacy = new IterationSnapshot(7, 1, s.embeddings(), s.probeLabels(), s.weights(), null,
                s.thetaY(), s.dLdThetaY(), 0.7, 0.8, 1e-3, 1234, null, null);
        byte[] written = SnapshotCodec.encode(legacy);
        // files written before the extras byte existed end right after images/s
        IterationSnapshot fromOldFile = SnapshotCodec.decodeIteration(java.util.Arrays.copyOf(written, written.length - 1));
        assertNull(fromOldFile.headParams(), "a snapshot written before the live params were recorded reads without them");
        assertNull(fromOldFile.dLdThetaAlong(), "and without the along-feature gradient");
        assertEquals(1234, fromOldFile.imagesPerSecond());
        assertArrayEquals(s.embeddings(), r.embeddings());
        assertArrayEquals(s.centers(), r.centers());
        assertArrayEquals(s.dLdThetaY(), r.dLdThetaY());
        assertArrayEquals(s.dLdThetaAlong(), r.dLdThetaAlong());
        // a run recorded before the along-feature gradient was measured decodes with none
        IterationSnapshot old = new IterationSnapshot(7, 1, s.embeddings(), s.probeLabels(), s.weights(), s.centers(),
                s.thetaY(), s.dLdThetaY(), 0.7, 0.8, 1e-3, 1234, s.headParams(), null);
        IterationSnapshot noAlong = SnapshotCodec.decodeIteration(SnapshotCodec.encode(old));
        assertNull(noAlong.dLdThetaAlong());
        assertEquals(s.headParams(), noAlong.headParams());
        assertEquals(s.imagesPerSecond(), r.imagesPerSecond());
        EpochSnapshot e = new EpochSnapshot(0, 7, 0.5, 0.1, 0.2, 0.3, new double[] {0, 1, 2}, new int[][] {{1, 2}, {3, 4}},
                new float[][] {{1, 0.5f}, {0.5f, 1}}, new int[] {0, 1}, new int[][] {{5, 0}, {1, 4}});
        EpochSnapshot f = SnapshotCodec.decodeEpoch(SnapshotCodec.encode(e));
        assertArrayEquals(e.thetaHistograms(), f.thetaHistograms());
        assertArrayEquals(e.similarity(), f.similarity());
        assertArrayEquals(e.confusion(), f.confusion());
        assertEquals(e.cInter(), f.cInter());
    }
}
