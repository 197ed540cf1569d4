package org.marginlab.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.marginlab.figures.embedding.EmbeddingCircleFigure;
import org.marginlab.figures.embedding.EmbeddingSphereFigure;
import org.marginlab.figures.embedding.Pca;
import org.marginlab.loss.HeadKind;
import org.marginlab.loss.HeadParams;
import org.marginlab.run.IterationSnapshot;
import org.marginlab.config.TrainConfig;

class EmbeddingFiguresTest {

    static RunData oneSnapshot(float[][] emb, int[] labels, float[][] w, HeadKind head) {
        return oneSnapshot(emb, labels, w, head, HeadParams.defaults(head));
    }

    /** One snapshot of a run configured with the head's defaults, taken while {@code live} was in force. */
    static RunData oneSnapshot(float[][] emb, int[] labels, float[][] w, HeadKind head, HeadParams live) {
        float[] theta = new float[emb.length];
        float[] grad = new float[emb.length];
        IterationSnapshot s = new IterationSnapshot(100, 0, emb, labels, w, null, theta, grad, 1, 0.5, 1e-3, 1000, live, null);
        return new RunData("t", TrainConfig.defaults(head), List.of(s), List.of());
    }

    static float[][] evenWeights2d(int c, double radius) {
        float[][] w = new float[c][2];
        for (int j = 0; j < c; j++) {
            w[j][0] = (float) (radius * Math.cos(2 * Math.PI * j / c));
            w[j][1] = (float) (radius * Math.sin(2 * Math.PI * j / c));
        }
        return w;
    }

    @Test
    void circlePointOfClassJLandsAtItsAngle() {
        int c = 10;
        float[][] emb = new float[c][2];
        int[] lab = new int[c];
        double[] phi = new double[c];
        for (int j = 0; j < c; j++) {
            // between rays, varying norm: the normalised view must put it on the unit circle anyway
            phi[j] = 2 * Math.PI * j / c + 0.25;
            double r = 0.5 + j;
            emb[j][0] = (float) (r * Math.cos(phi[j]));
            emb[j][1] = (float) (r * Math.sin(phi[j]));
            lab[j] = j;
        }
        EmbeddingCircleFigure f = new EmbeddingCircleFigure();
        f.setRun(oneSnapshot(emb, lab, evenWeights2d(c, 3), HeadKind.SOFTMAX));
        BufferedImage img = Pixels.render(f);
        PlotFrame fr = f.lastFrame();
        // the frame must be square in pixels per unit, or the circle is an ellipse
        assertEquals((fr.x(1) - fr.x(0)), (fr.y(0) - fr.y(1)), 1e-9);
        for (int j = 0; j < c; j++) {
            double px = fr.x(Math.cos(phi[j]));
            double py = fr.y(Math.sin(phi[j]));
            assertTrue(Pixels.near(Pixels.at(img, px, py), FigureStyle.classColor(j), 3),
                    "class " + j + " at " + px + "," + py + " was " + Pixels.at(img, px, py));
            // and not at the diametrically opposite point
            Color opposite = Pixels.at(img, fr.x(-Math.cos(phi[j])), fr.y(-Math.sin(phi[j])));
            assertFalse(Pixels.near(opposite, FigureStyle.classColor(j), 3));
        }
        f.setNormalised(false);
        img = Pixels.render(f);
        fr = f.lastFrame();
        for (int j = 0; j < 6; j++) {
            Color got = Pixels.at(img, fr.x(emb[j][0]), fr.y(emb[j][1]));
            assertTrue(Pixels.near(got, FigureStyle.classColor(j), 3), "raw class " + j + " was " + got);
        }
    }

    @Test
    void cosfaceBoundariesAreBisectorsAndMarginWidthMatchesTheFormula() {
        int c = 10;
        double m = 0.1;
        EmbeddingCircleFigure f = new EmbeddingCircleFigure();
        f.setRun(oneSnapshot(new float[][] {{1, 0}}, new int[] {0}, evenWeights2d(c, 2), HeadKind.COSFACE,
                new HeadParams(16, m, 0, false)));
        List<String[]> csv = f.csv();
        List<Double> bounds = new ArrayList<>();
        List<Double> starts = new ArrayList<>();
        List<Double> ends = new ArrayList<>();
        for (String[] r : csv) {
            double a = Math.atan2(Double.parseDouble(r.length > 4 && !r[4].isEmpty() && !r[0].equals("kind") ? r[4] : "0"),
                    Double.parseDouble(r.length > 3 && !r[3].isEmpty() && !r[0].equals("kind") ? r[3] : "1"));
            a = a < 0 ? a + 2 * Math.PI : a;
            switch (r[0]) {
                case "decision_boundary" -> bounds.add(a);
                case "margin_region_start" -> starts.add(a);
                case "margin_region_end" -> ends.add(a);
                default -> { }
            }
        }
        assertEquals(c, bounds.size());
        double half = Math.PI / c;
        for (double b : bounds) {
            double off = Math.IEEEremainder(b - half, 2 * Math.PI / c);
            assertEquals(0, off, Math.toRadians(0.15), "boundary at " + Math.toDegrees(b));
        }
        // cos(a − δ) − m = cos(a + δ) at the region's edge, a = half the spacing: δ = asin(m / (2 sin a))
        double delta = Math.asin(m / (2 * Math.sin(half)));
        assertEquals(starts.size(), ends.size());
        assertTrue(starts.size() >= c - 1);
        for (int i = 0; i < starts.size(); i++) {
            double width = ends.get(i) - starts.get(i);
            if (width < 0) {
                continue; // the run that wraps through angle 0 is split in two
            }
            if (width > Math.toRadians(1)) {
                assertEquals(2 * delta, width, Math.toRadians(0.25));
            }
        }
    }

    @Test
    void sphereDrawsFrontPointsOverBackOnesAndFollowsTheCamera() {
        EmbeddingSphereFigure f = new EmbeddingSphereFigure();
        f.setYaw(30);
        f.setPitch(10);
        double y = Math.toRadians(30);
        double p = Math.toRadians(10);
        float[] toViewer = {(float) (Math.cos(p) * Math.cos(y)), (float) (Math.cos(p) * Math.sin(y)), (float) Math.sin(p)};
        float[] away = {-toViewer[0], -toViewer[1], -toViewer[2]};
        float[][] w = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {-1, 0, 0}, {0, -1, 0}, {0, 0, -1}};
        float[][] emb = {{toViewer[0] * 4, toViewer[1] * 4, toViewer[2] * 4}, {away[0] * 2, away[1] * 2, away[2] * 2}};
        f.setRun(oneSnapshot(emb, new int[] {3, 5}, w, HeadKind.NORMFACE));
        BufferedImage img = Pixels.render(f);
        Point2D front = f.toPixel(new double[] {toViewer[0], toViewer[1], toViewer[2]});
        assertEquals(f.lastSphere().getCenterX(), front.getX(), 1e-3);
        assertEquals(f.lastSphere().getCenterY(), front.getY(), 1e-3);
        assertTrue(Pixels.near(Pixels.at(img, front.getX(), front.getY()), FigureStyle.classColor(3), 3),
                "front point should be class 3 at full colour, was " + Pixels.at(img, front.getX(), front.getY()));
        f.setYaw(30 + 180);
        f.setPitch(-10);
        img = Pixels.render(f);
        Color c = Pixels.at(img, f.lastSphere().getCenterX(), f.lastSphere().getCenterY());
        assertTrue(Pixels.near(c, FigureStyle.classColor(5), 3), "after turning round class 5 is in front, was " + c);
        assertEquals("-150", f.viewState().get("camera_yaw_deg")); // 210° wraps to −150°
        assertEquals("-10", f.viewState().get("camera_pitch_deg"));
        // far-side points are faded towards the sphere's grey
        Color back = EmbeddingSphereFigure.shade(FigureStyle.classColor(5), -1);
        assertFalse(Pixels.near(back, FigureStyle.classColor(5), 20));
    }

    /** The window's fast path (points written straight into the pixels) must show the same picture. */
    @Test
    void sphereScreenPathMatchesTheExactDrawing() {
        RunData run = SyntheticRun.build(HeadKind.ARCFACE, 3, 1, 1, 3000, 11);
        for (double scale : new double[] {1, 2}) {
            EmbeddingSphereFigure exact = new EmbeddingSphereFigure();
            EmbeddingSphereFigure fast = new EmbeddingSphereFigure();
            for (EmbeddingSphereFigure f : List.of(exact, fast)) {
                f.setRun(run);
                f.setYaw(-70);
                f.setPitch(25);
            }
            int w = (int) (900 * scale);
            int h = (int) (620 * scale);
            BufferedImage a = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB_PRE);
            java.awt.Graphics2D ga = a.createGraphics();
            ga.scale(scale, scale);
            exact.draw(ga, new java.awt.geom.Rectangle2D.Double(0, 0, 900, 620));
            ga.dispose();
            BufferedImage b = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB_PRE);
            int[] px = ((java.awt.image.DataBufferInt) b.getRaster().getDataBuffer()).getData();
            java.awt.Graphics2D gb = b.createGraphics();
            gb.scale(scale, scale);
            fast.drawOnScreen(gb, new java.awt.geom.Rectangle2D.Double(0, 0, 900, 620), px, w, h);
            gb.dispose();
            long sum = 0;
            int far = 0;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int p = a.getRGB(x, y);
                    int q = b.getRGB(x, y);
                    int d = 0;
                    for (int sh = 0; sh <= 24; sh += 8) {
                        d = Math.max(d, Math.abs(((p >> sh) & 0xFF) - ((q >> sh) & 0xFF)));
                    }
                    sum += d;
                    if (d > 48) {
                        far++;
                    }
                }
            }
            double mean = sum / (double) (w * h);
            // edge pixels of dots differ by a few grey levels; a wrong colour, size or order would move thousands
            assertTrue(mean < 1.0, "mean difference " + mean + " at scale " + scale);
            assertTrue(far < w * h / 500, far + " pixels differ by more than 48 levels at scale " + scale);
            assertEquals(exact.lastSphere(), fast.lastSphere());
            // and the picture is not blank: thousands of class-coloured pixels
            assertTrue(Pixels.colours(b) > 200);
        }
    }

    @Test
    void highDimensionalRunIsProjectedAndSaysSo() {
        RunData r = SyntheticRun.build(HeadKind.ARC, 8, 1, 1, 200, 5);
        EmbeddingCircleFigure c = new EmbeddingCircleFigure();
        c.setRun(r);
        assertTrue(Pixels.inked(Pixels.render(c)) > 0.02);
        assertEquals(1 + 200 + 10, c.csv().size()); // header, points, weight directions; no boundaries in a PCA view
        assertTrue(c.csv().stream().noneMatch(row -> row[0].equals("decision_boundary")));
        EmbeddingSphereFigure s = new EmbeddingSphereFigure();
        s.setRun(r);
        assertTrue(s.hasData());
        assertTrue(Pixels.colours(Pixels.render(s)) > 50);
    }

    @Test
    void centerLossCentresAreDrawnAndListed() {
        float[][] w = evenWeights2d(10, 2);
        float[][] centres = new float[10][];
        for (int j = 0; j < 10; j++) {
            double a = 2 * Math.PI * j / 10 + 0.3; // off the W_j rays so the ray does not cover the cross
            centres[j] = new float[] {(float) (5 * Math.cos(a)), (float) (5 * Math.sin(a))};
        }
        IterationSnapshot s = new IterationSnapshot(1, 0, new float[][] {{1, 0}}, new int[] {0}, w, centres,
                new float[] {0}, new float[] {0}, 1, 0.5, 1e-3, 1, null, null);
        EmbeddingCircleFigure f = new EmbeddingCircleFigure();
        f.setRun(new RunData("c", TrainConfig.defaults(HeadKind.CENTER), List.of(s), List.of()));
        BufferedImage img = Pixels.render(f);
        PlotFrame fr = f.lastFrame();
        for (int j = 1; j < 10; j++) {
            double a = 2 * Math.PI * j / 10 + 0.3;
            Color c = Pixels.at(img, fr.x(Math.cos(a)), fr.y(Math.sin(a)));
            assertTrue(Pixels.near(c, FigureStyle.classColor(j), 10), "centre " + j + " was " + c);
        }
        assertEquals(10, f.csv().stream().filter(r -> r[0].equals("center")).count());
    }

    @Test
    void pcaFindsTheDirectionOfLargestVariance() {
        java.util.Random rnd = new java.util.Random(1);
        double[][] rows = new double[400][3];
        for (double[] r : rows) {
            double t = rnd.nextGaussian() * 5;
            r[0] = t + rnd.nextGaussian() * 0.1;
            r[1] = t + rnd.nextGaussian() * 0.1;
            r[2] = rnd.nextGaussian() * 0.5;
        }
        Pca pca = Pca.fit(rows, 1);
        double[] e = pca.projectDirection(new double[] {1 / Math.sqrt(2), 1 / Math.sqrt(2), 0});
        assertEquals(1, Math.abs(e[0]), 1e-3);
        assertTrue(pca.explainedVariance() > 0.98);
    }

    /**
     * Issue 26, finding 7: W labels hid under markers, points and boundary lines. Each W_j label's ink box,
     * drawn in a panel the size of one of two compare cells on a 1024 × 768 projector and in a full-sized one, in window and presentation looks, touches none of
     * the probe points (at their unit-circle positions, radius as drawn), the rays' tip dots, or the decision
     * boundaries (angles read from the figure's CSV), each worked out here from the snapshot.
     */
    @Test
    void wLabelsKeepClearOfPointsTipsAndBoundaries() {
        RunData run = SyntheticRun.build(HeadKind.COSFACE, 2, 3, 2, 200, 7);
        var s = run.lastIteration();
        for (FigureStyle.Look look : new FigureStyle.Look[] {FigureStyle.PAPER, FigureStyle.PAPER.presentation()}) {
            for (int[] size : new int[][] {{500, 480}, {900, 620}}) {
                for (boolean compact : new boolean[] {true, false}) {
                    EmbeddingCircleFigure f = new EmbeddingCircleFigure();
                    f.setCompact(compact);
                    f.setRun(run);
                    java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(size[0], size[1], java.awt.image.BufferedImage.TYPE_INT_RGB);
                    java.awt.Graphics2D g = img.createGraphics();
                    FigureStyle.drawWith(look, () -> f.draw(g, new java.awt.geom.Rectangle2D.Double(0, 0, size[0], size[1])));
                    g.dispose();
                    PlotFrame fr = f.lastFrame();
                    double side = fr.pixels().getWidth();
                    double[] r = new double[1];
                    FigureStyle.drawWith(look, () -> r[0] = FigureStyle.pointRadius(2.7, side, s.embeddings().length));
                    List<Double> bounds = new ArrayList<>();
                    for (String[] row : f.csv()) {
                        if (row[0].equals("decision_boundary")) {
                            bounds.add(Math.atan2(Double.parseDouble(row[4]), Double.parseDouble(row[3])));
                        }
                    }
                    String where = look.name() + " " + size[0] + "×" + size[1] + (compact ? " compact" : "");
                    for (java.awt.geom.Rectangle2D box : f.lastLabels()) {
                        for (float[] e : s.embeddings()) {
                            double n = Math.hypot(e[0], e[1]);
                            double x = fr.x(e[0] / n);
                            double y = fr.y(e[1] / n);
                            double nx = Math.max(box.getX(), Math.min(x, box.getMaxX()));
                            double ny = Math.max(box.getY(), Math.min(y, box.getMaxY()));
                            assertTrue(Math.hypot(nx - x, ny - y) >= r[0], where + ": a W label " + box + " covers the point at " + x + "," + y);
                        }
                        for (float[] w : s.weights()) {
                            double n = Math.hypot(w[0], w[1]);
                            double x = fr.x(1.14 * w[0] / n);
                            double y = fr.y(1.14 * w[1] / n);
                            assertTrue(!box.contains(x, y), where + ": a W label covers a ray's tip at " + x + "," + y);
                        }
                        for (double b : bounds) {
                            var line = new java.awt.geom.Line2D.Double(fr.x(0), fr.y(0), fr.x(0) + 2000 * Math.cos(b), fr.y(0) - 2000 * Math.sin(b));
                            assertTrue(!line.intersects(box), where + ": a W label " + box + " lies on the boundary at " + Math.toDegrees(b) + "° from " + fr.x(0) + "," + fr.y(0) + " touching " + f.marksUnder(box));
                        }
                    }
                }
            }
        }
    }
}
