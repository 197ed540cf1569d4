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

    /**
     * On the sphere a far-side sub-center stays behind the near side's points, as the far points do: a ring of
     * class 1's other sub-center on the back, seen through a cluster of class 0's points on the front at the same
     * place on screen, does not draw over them (issue #26's leftover: rings drawn over front points).
     */
    @Test
    void aFarSideSubCenterStaysBehindTheNearSidesPoints() {
        EmbeddingSphereFigure camera = new EmbeddingSphereFigure();
        double[][] basis = new double[3][3]; // rows: the screen's x, its y and the depth, in data coordinates
        for (int i = 0; i < 3; i++) {
            double[] e = new double[3];
            e[i] = 1;
            double[] v = camera.view(e);
            for (int k = 0; k < 3; k++) {
                basis[k][i] = v[k];
            }
        }
        // class 1's non-dominant sub-center 0: seen at screen (0.2, 0.1), on the far side
        double a = 0.2;
        double b = 0.1;
        float[] back = at(basis, a, b, -Math.sqrt(1 - a * a - b * b), 2);
        float[][] sub = {at(basis, 0.9, 0, 0.3, 2), at(basis, 0, 0.9, 0.3, 2), at(basis, -0.9, 0, 0.3, 2),
            back, at(basis, 0, -0.5, -0.8, 2), at(basis, 0.5, -0.5, 0.5, 2)};
        float[][] w = {sub[1].clone(), sub[5].clone()};
        // class 0's points on the near side, on a small circle around where the ring is drawn (RAY = 1.22 times
        // the sub-center's screen position)
        int n = 48;
        float[][] emb = new float[n][];
        int[] labels = new int[n];
        double ringX = 1.22 * a;
        double ringY = 1.22 * b;
        for (int i = 0; i < n; i++) {
            double t = 2 * Math.PI * i / n;
            double x = ringX + 0.012 * Math.cos(t) * (1 + i % 3);
            double y = ringY + 0.012 * Math.sin(t) * (1 + i % 3);
            emb[i] = at(basis, x, y, Math.sqrt(1 - x * x - y * y), 3);
        }
        IterationSnapshot s = new IterationSnapshot(40, 0, emb, labels, w, null, new float[n], new float[n], 1, 0.5, 1e-3,
                100, HeadParams.defaults(HeadKind.SUBCENTER_ARCFACE), null, new int[] {7, 9}, sub);
        EmbeddingSphereFigure f = new EmbeddingSphereFigure();
        f.setRun(new RunData("sub", TrainConfig.defaults(HeadKind.SUBCENTER_ARCFACE).toBuilder().dim(3).build(),
                List.of(s), List.of()));
        BufferedImage img = Pixels.render(f);
        var sphere = f.lastSphere();
        double r = sphere.getWidth() / 2;
        double cx = sphere.getCenterX() + r * ringX;
        double cy = sphere.getCenterY() - r * ringY;
        java.awt.Color ring = EmbeddingSphereFigure.shade(FigureStyle.classColor(1, 10), -Math.sqrt(1 - a * a - b * b));
        int onRing = 0;
        for (int k = 0; k < 16; k++) {
            double t = 2 * Math.PI * k / 16;
            if (Pixels.near(Pixels.at(img, cx + 4 * Math.cos(t), cy + 4 * Math.sin(t)), ring, 40)) {
                onRing++;
            }
        }
        assertEquals(0, onRing, "pixels of the far ring drawn over the near points");
    }

    /** The data vector of length {@code len} seen at screen (x, y) with depth z (x² + y² + z² = 1). */
    private static float[] at(double[][] basis, double x, double y, double z, double len) {
        float[] v = new float[3];
        for (int i = 0; i < 3; i++) {
            v[i] = (float) (len * (x * basis[0][i] + y * basis[1][i] + z * basis[2][i]));
        }
        return v;
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
