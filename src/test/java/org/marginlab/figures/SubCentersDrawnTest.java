package org.marginlab.figures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.marginlab.config.TrainConfig;
import org.marginlab.figures.embedding.EmbeddingCircleFigure;
import org.marginlab.figures.embedding.EmbeddingSphereFigure;
import org.marginlab.loss.HeadKind;
import org.marginlab.loss.HeadParams;
import org.marginlab.run.IterationSnapshot;
import org.marginlab.run.SnapshotCodec;

/** Sub-center ArcFace: the embedding views and their CSVs show all k sub-centers of every class, the dominant one marked. */
class SubCentersDrawnTest {

    /** Two classes, k = 3, d = 2: class 0's sub-centers at 0°, 120°, 240°, class 1's at 60°, 180°, 300°, radius 2. */
    private static final double[] DEG = {0, 120, 240, 60, 180, 300};

    private static float[][] subCenters2d() {
        float[][] rows = new float[6][];
        for (int r = 0; r < 6; r++) {
            double a = Math.toRadians(DEG[r]);
            rows[r] = new float[] {(float) (2 * Math.cos(a)), (float) (2 * Math.sin(a))};
        }
        return rows;
    }

    /** Dominant: class 0's sub-center 1 (120°), class 1's sub-center 2 (300°). */
    private static IterationSnapshot snapshot(float[][] sub) {
        float[][] w = {sub[1].clone(), sub[5].clone()};
        int d = sub[0].length;
        float[][] emb = new float[2][d];
        emb[0][0] = (float) Math.cos(Math.toRadians(100));
        emb[0][1] = (float) Math.sin(Math.toRadians(100));
        emb[1][0] = (float) Math.cos(Math.toRadians(280));
        emb[1][1] = (float) Math.sin(Math.toRadians(280));
        return new IterationSnapshot(40, 0, emb, new int[] {0, 1}, w, null, new float[2], new float[2], 1, 0.5, 1e-3,
                100, HeadParams.defaults(HeadKind.SUBCENTER_ARCFACE), null, new int[] {7, 9}, sub);
    }

    private static RunData run(IterationSnapshot s) {
        return new RunData("sub", TrainConfig.defaults(HeadKind.SUBCENTER_ARCFACE), List.of(s), List.of());
    }

    @Test
    void snapshotKnowsEachClassesDominantSubCenter() {
        IterationSnapshot s = snapshot(subCenters2d());
        assertEquals(3, s.subCentersPerClass());
        assertEquals(1, s.dominantSubCenter(0));
        assertEquals(2, s.dominantSubCenter(1));
    }

    @Test
    void codecKeepsEverySubCenterAndReadsOldRecordsWithout() throws Exception {
        IterationSnapshot s = snapshot(subCenters2d());
        IterationSnapshot back = SnapshotCodec.decodeIteration(SnapshotCodec.encode(s));
        assertEquals(6, back.subCenters().length);
        for (int r = 0; r < 6; r++) {
            assertArrayEquals(s.subCenters()[r], back.subCenters()[r]);
        }
        assertEquals(2, back.dominantSubCenter(1));
        // a record written before sub-centers were kept: the same bytes without the flag and the trailing rows
        IterationSnapshot without = new IterationSnapshot(40, 0, s.embeddings(), s.probeLabels(), s.weights(), null,
                s.thetaY(), s.dLdThetaY(), 1, 0.5, 1e-3, 100, s.headParams(), null, s.probeIds());
        IterationSnapshot old = SnapshotCodec.decodeIteration(SnapshotCodec.encode(without));
        assertNull(old.subCenters());
        assertEquals(1, old.subCentersPerClass());
        assertArrayEquals(new int[] {7, 9}, old.probeIds());
    }

    @Test
    void circleCsvListsEverySubCenterWithClassIndexAndDominance() {
        EmbeddingCircleFigure f = new EmbeddingCircleFigure();
        f.setRun(run(snapshot(subCenters2d())));
        List<String[]> rows = f.csv();
        assertEquals(List.of("kind", "class", "class_name", "x", "y", "id", "theta_y_rad", "p_y", "sub_center", "dominant"),
                Arrays.asList(rows.get(0)));
        List<String[]> sub = rows.stream().filter(r -> r[0].equals("sub_center")).toList();
        assertEquals(6, sub.size());
        for (int r = 0; r < 6; r++) {
            String[] row = sub.get(r);
            assertEquals(Integer.toString(r / 3), row[1]);
            assertEquals(Integer.toString(r % 3), row[8]);
            assertEquals(Boolean.toString(r == 1 || r == 5), row[9]);
            assertEquals(Math.cos(Math.toRadians(DEG[r])), Double.parseDouble(row[3]), 1e-6);
            assertEquals(Math.sin(Math.toRadians(DEG[r])), Double.parseDouble(row[4]), 1e-6);
        }
        // every row as wide as the header
        rows.forEach(r -> assertEquals(10, r.length));
    }

    @Test
    void circleDrawsDominantFilledAndOthersHollow() {
        EmbeddingCircleFigure f = new EmbeddingCircleFigure();
        f.setRun(run(snapshot(subCenters2d())));
        BufferedImage img = Pixels.render(f);
        PlotFrame fr = f.lastFrame();
        double ring = FigureStyle.point(4);
        for (int r = 0; r < 6; r++) {
            double a = Math.toRadians(DEG[r]);
            double tx = fr.x(1.14 * Math.cos(a));
            double ty = fr.y(1.14 * Math.sin(a));
            var colour = FigureStyle.classColor(r / 3);
            boolean dominant = r == 1 || r == 5;
            // the ring's outline, sampled across the ray (so not on the ray's own dashes)
            int onRing = 0;
            for (int q = -1; q <= 1; q += 2) {
                double px = tx - q * ring * Math.sin(a);
                double py = ty - q * ring * Math.cos(a);
                if (Pixels.near(Pixels.at(img, px, py), colour, 70)) {
                    onRing++;
                }
            }
            // half-way between centre and outline, across the ray: inked for the filled dot, clear inside a ring
            double hx = tx - 0.5 * ring * Math.sin(a);
            double hy = ty - 0.5 * ring * Math.cos(a);
            boolean inside = Pixels.near(Pixels.at(img, hx, hy), colour, 70);
            if (dominant) {
                assertTrue(inside, "dominant sub-center " + r + " filled");
            } else {
                assertTrue(onRing >= 1, "sub-center " + r + " has a ring at its tip");
                assertFalse(inside, "sub-center " + r + " hollow");
            }
        }
    }

    @Test
    void sphereCsvListsEverySubCenterAsUnitDirection() {
        float[][] sub = new float[6][];
        for (int r = 0; r < 6; r++) {
            double a = Math.toRadians(DEG[r]);
            sub[r] = new float[] {(float) (2 * Math.cos(a)), (float) (2 * Math.sin(a)), r % 2 == 0 ? 1f : -1f};
        }
        EmbeddingSphereFigure f = new EmbeddingSphereFigure();
        f.setRun(run(snapshot(sub)));
        List<String[]> rows = f.csv();
        assertEquals("sub_center", rows.get(0)[12]);
        List<String[]> subRows = rows.stream().filter(r -> r[0].equals("sub_center")).toList();
        assertEquals(6, subRows.size());
        double n = Math.sqrt(5);
        for (int r = 0; r < 6; r++) {
            String[] row = subRows.get(r);
            double a = Math.toRadians(DEG[r]);
            assertEquals(2 * Math.cos(a) / n, Double.parseDouble(row[3]), 1e-6);
            assertEquals(2 * Math.sin(a) / n, Double.parseDouble(row[4]), 1e-6);
            assertEquals((r % 2 == 0 ? 1 : -1) / n, Double.parseDouble(row[5]), 1e-6);
            assertEquals(Integer.toString(r % 3), row[12]);
            assertEquals(Boolean.toString(r == 1 || r == 5), row[13]);
        }
        rows.forEach(r -> assertEquals(14, r.length));
        assertTrue(Pixels.inked(Pixels.render(f)) > 0.01);
    }

    @Test
    void decisionBoundariesFollowTheNearestSubCenter() {
        // class 0's sub-centers at 0°, 120°, 240°, class 1's at 60°, 180°, 300°: the nearest row alternates every
        // 60°, so the boundaries are the six bisectors 30°, 90°, …, 330° (with only the dominant rows, 120° and
        // 300°, there would be two, at 30° and 210°)
        EmbeddingCircleFigure f = new EmbeddingCircleFigure();
        f.setRun(run(snapshot(subCenters2d())));
        List<double[]> b = f.csv().stream().filter(r -> r[0].equals("decision_boundary"))
                .map(r -> new double[] {Double.parseDouble(r[3]), Double.parseDouble(r[4])}).toList();
        assertEquals(6, b.size());
        for (int i = 0; i < 6; i++) {
            double deg = Math.toDegrees(Math.atan2(b.get(i)[1], b.get(i)[0]));
            deg = (deg + 360) % 360;
            assertEquals(30 + 60 * i, deg, 0.5, "boundary " + i);
        }
    }
}
