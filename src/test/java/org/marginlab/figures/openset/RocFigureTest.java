package org.marginlab.figures.openset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marginlab.figures.export.ExportFormat;
import org.marginlab.figures.export.FigureExporter;
import org.marginlab.metrics.openset.OpenSetMetrics;

class RocFigureTest {

    @TempDir
    Path dir;

    /**
     * Six points on the unit circle: class 0 at 0° and 40°, class 1 at 30° and 70°, class 2 at 180° and 200°.
     * Of the 15 pairs, 3 are genuine (40°, 40°, 20° apart) and 12 impostor, the closest 10° (40°–30°), then
     * two at 30°, one at 40°, one at 70°. Lowering the threshold: FAR 1/12 with TAR 0, then TAR 1/3 (the 20°
     * pair), then FAR 3/12, then TAR 1 with the 40° pairs — so every drawn TAR is 0, 1/3 or 1, and TAR is 1/3
     * at FAR 1/12.
     */
    @Test
    void drawsTheHandWorkedCurveOnADecadeAxisThatEndsAtOne() throws Exception {
        double[] deg = {0, 40, 30, 70, 180, 200};
        float[][] x = new float[deg.length][];
        for (int i = 0; i < deg.length; i++) {
            x[i] = new float[] {(float) Math.cos(Math.toRadians(deg[i])), (float) Math.sin(Math.toRadians(deg[i]))};
        }
        OpenSetMetrics m = OpenSetMetrics.of(x, new int[] {0, 0, 1, 1, 2, 2});
        RocFigure f = new RocFigure("three classes", List.of(new RocFigure.Curve("toy", m)));
        List<String[]> rows = f.csv().subList(1, f.csv().size());
        assertFalse(rows.isEmpty());
        boolean third = false;
        for (String[] row : rows) {
            double far = Double.parseDouble(row[1]);
            double tar = Double.parseDouble(row[2]);
            assertTrue(Math.abs(tar) < 1e-12 || Math.abs(tar - 1 / 3.0) < 1e-12 || Math.abs(tar - 1) < 1e-12, String.join(",", row));
            third |= Math.abs(far - 1 / 12.0) < 1e-12 && Math.abs(tar - 1 / 3.0) < 1e-12;
        }
        assertTrue(third, "TAR 1/3 at FAR 1/12");
        assertTrue(Files.size(FigureExporter.write(f, dir, ExportFormat.PNG, 1)) > 0);
        // one curve still has its legend, which carries its metrics
        assertEquals(1, f.chart().getXYPlot().getLegendItems().getItemCount());
        assertTrue(f.chart().getLegend() != null && f.chart().getXYPlot().getLegendItems().get(0).getLabel().startsWith("toy — P@1 "),
                f.chart().getXYPlot().getLegendItems().get(0).getLabel());
        // the FAR ticks (drawn as outlines in SVG, so read from the axis's format): 1e-3, and the right end 1
        assertEquals("1e-3", RocFigure.decades().format(1e-3));
        assertEquals("1e-4", RocFigure.decades().format(1e-4));
        assertEquals("1", RocFigure.decades().format(1.0));
    }
}
