package org.marginlab.ui.views;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.marginlab.data.Split;
import org.marginlab.loss.HeadFunctions;
import org.marginlab.loss.HeadKind;
import org.marginlab.loss.HeadParams;
import org.marginlab.run.IterationSnapshot;
import org.marginlab.ui.Snapshots;

class ProbeInfoTest {

    @Test
    void pYIsTheHeadsSoftmaxWithTheMarginOnTheTrueClass() {
        // docs/examples/arcface-one-sample.json: x = (3, 4), W = (1, 0), (0, 1), (−1, 0), y = 0, s = 30, m = 0.5
        HeadFunctions arc = HeadFunctions.of(HeadKind.ARCFACE, new HeadParams(30, 0.5, 0, false));
        float[][] w = {{1, 0}, {0, 1}, {-1, 0}};
        double z0 = 30 * Math.cos(Math.acos(0.6) + 0.5); // cos θ₀ = 3/5, margin added
        double z1 = 30 * 0.8;
        double z2 = 30 * -0.6;
        double expected = Math.exp(z0) / (Math.exp(z0) + Math.exp(z1) + Math.exp(z2));
        assertEquals(expected, arc.targetProbability(new float[] {3, 4}, w, 0), 1e-12);
        // class 1 is the near one: its margin costs little, P is high
        double y1 = 30 * Math.cos(Math.acos(0.8) + 0.5);
        double p1 = Math.exp(y1) / (Math.exp(30 * 0.6) + Math.exp(y1) + Math.exp(z2));
        assertEquals(p1, arc.targetProbability(new float[] {3, 4}, w, 1), 1e-12);
    }

    @Test
    void aPointIsTheTestImageTheEngineProbed() {
        // six 2 × 2 test images, labels 1 0 1 0 0 1; two probes per class are the first two of each class,
        // class by class: test images 1, 3 (class 0), then 0, 2 (class 1)
        byte[] pixels = new byte[6 * 4];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (10 * (i / 4) + i % 4);
        }
        Split test = new Split("test", 6, 2, 2, pixels, new byte[] {1, 0, 1, 0, 0, 1});
        IterationSnapshot s = Snapshots.iteration(5, 2, 2); // probes labelled 0, 0, 1, 1
        ProbeInfo third = ProbeInfo.of(s, 2, HeadKind.SOFTMAX, new HeadParams(1, 0, 0, false), test, 2);
        assertEquals(0, third.testIndex());
        assertEquals(1, third.label());
        assertArrayEquals(new byte[] {0, 1, 2, 3}, third.pixels());
        ProbeInfo second = ProbeInfo.of(s, 1, HeadKind.SOFTMAX, new HeadParams(1, 0, 0, false), test, 2);
        assertEquals(3, second.testIndex());
        assertArrayEquals(new byte[] {30, 31, 32, 33}, second.pixels());
        assertEquals(s.thetaY()[1], second.thetaY(), 0);
    }

    @Test
    void aSubCenterHeadsPyUsesEachClasssSubCenterNearestThePoint() {
        // k = 2: class 0's dominant sub-center (0, 1) is far from x = (1, 0); its other one, at angle 0.2, is near.
        // Class 1's dominant (−1, 0) is opposite x; its other, (0, −1), is at π/2. The logit takes the nearest of each.
        float c = (float) Math.cos(0.2);
        float s2 = (float) Math.sin(0.2);
        float[][] sub = {{0, 1}, {c, s2}, {-1, 0}, {0, -1}};
        float[][] dominant = {{0, 1}, {-1, 0}};
        HeadParams p = new HeadParams(4, 0.5, 0, false).with("k", 2);
        IterationSnapshot s = new IterationSnapshot(1, 1, new float[][] {{1, 0}}, new int[] {0}, dominant, null,
                new float[] {0.2f}, new float[] {0}, 0, 0, 0, 0, p, null, new int[] {0}, sub);
        double thetaNear = Math.acos(c / Math.hypot(c, s2)); // 0.2 up to float rounding
        double zy = 4 * Math.cos(thetaNear + 0.5);
        double zOther = 4 * Math.cos(Math.PI / 2);
        double expected = Math.exp(zy) / (Math.exp(zy) + Math.exp(zOther));
        Split test = new Split("test", 1, 1, 1, new byte[] {7}, new byte[] {0});
        ProbeInfo info = ProbeInfo.of(s, 0, HeadKind.SUBCENTER_ARCFACE, p, test, 1);
        assertEquals(expected, info.pY(), 1e-6);
        // with the dominant rows it would have been s·cos(π/2 + m) against s·cos(π) = −4
        double wrong = Math.exp(4 * Math.cos(Math.PI / 2 + 0.5)) / (Math.exp(4 * Math.cos(Math.PI / 2 + 0.5)) + Math.exp(-4));
        assertTrue(Math.abs(wrong - expected) > 0.05); // 0.889 against 0.955
    }
}
