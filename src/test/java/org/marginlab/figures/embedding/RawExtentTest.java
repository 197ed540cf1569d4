package org.marginlab.figures.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RawExtentTest {

    @Test
    void theRawViewReachesPastItsFarthestPoint() {
        // 200 points within ±1 and one at x = −9: a 99th-percentile range (±1.15) cut it off
        double[][] pts = new double[201][];
        for (int i = 0; i < 200; i++) {
            pts[i] = new double[] {Math.cos(i), Math.sin(i)};
        }
        pts[200] = new double[] {-9, 0.5};
        assertEquals(9 * 1.08, EmbeddingCircleFigure.extent(pts), 1e-12);
        // a diverged feature (NaN, ∞) does not decide the range
        pts[200] = new double[] {Double.NaN, Double.POSITIVE_INFINITY};
        assertEquals(1.08 * java.util.Arrays.stream(pts, 0, 200).flatMapToDouble(java.util.Arrays::stream)
                .map(Math::abs).max().orElseThrow(), EmbeddingCircleFigure.extent(pts), 1e-12);
    }
}
