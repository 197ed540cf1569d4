package org.marginlab.figures.embedding;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.marginlab.figures.FigureIds;
import org.marginlab.figures.FigureStyle;
import org.marginlab.figures.Fmt;
import org.marginlab.figures.RunData;
import org.marginlab.figures.RunFigure;
import org.marginlab.train.IterationSnapshot;

/**
 * AM-Softmax Fig. 4: normalised probe features on a shaded wire-frame unit sphere, seen orthographically
 * from a camera at azimuth {@code yaw} and elevation {@code pitch} (degrees). Points are drawn back to
 * front, and those on the far hemisphere are dimmed and smaller, so the near side reads first; the class
 * weights W_j are rays from the centre. For d &gt; 3 the features are PCA-projected to 3-D first
 * (labelled). Camera angles are part of the subtitle and the export's view state.
 */
public final class EmbeddingSphereFigure implements RunFigure {

    /** Degrees of rotation per pixel of mouse drag. */
    public static final double DEGREES_PER_PIXEL = 0.4;

    private RunData run;
    private int snapshotIndex = -1;
    private double yaw = 35;
    private double pitch = 20;
    private Rectangle2D lastSphere;

    @Override
    public void setRun(RunData r) {
        run = r;
    }

    public void setSnapshotIndex(int i) {
        snapshotIndex = i;
    }

    /** Camera azimuth about the vertical x₃ axis, degrees (any value; wraps). */
    public void setYaw(double degrees) {
        yaw = Math.IEEEremainder(degrees, 360);
    }

    /** Camera elevation above the x₁x₂ plane, degrees, clamped to [−90, 90]. */
    public void setPitch(double degrees) {
        pitch = Math.max(-90, Math.min(90, degrees));
    }

    public double yaw() {
        return yaw;
    }

    public double pitch() {
        return pitch;
    }

    /** Drag-to-rotate: dragging right turns the sphere right, dragging down tips its top towards the viewer. */
    public void rotateBy(double dxPixels, double dyPixels) {
        setYaw(yaw - dxPixels * DEGREES_PER_PIXEL);
        setPitch(pitch + dyPixels * DEGREES_PER_PIXEL);
    }

    private IterationSnapshot cachedFor;
    private boolean cachedNormalised;
    private Projection cached;

    /** The snapshot's projection, kept while the snapshot stays the same: drags redraw many times a second. */
    private Projection project(IterationSnapshot s) {
        boolean norm = true;
        if (s != cachedFor || norm != cachedNormalised) {
            cached = Projection.of(s, 3, norm);
            cachedFor = s;
            cachedNormalised = norm;
        }
        return cached;
    }

    @Override
    public String id() {
        return FigureIds.EMBEDDING_SPHERE;
    }

    @Override
    public String title() {
        return "Normalised embedding on the unit sphere";
    }

    IterationSnapshot snapshot() {
        if (run == null || run.iterations().isEmpty()) {
            return null;
        }
        int n = run.iterations().size();
        IterationSnapshot s = run.iterations().get(snapshotIndex < 0 || snapshotIndex >= n ? n - 1 : snapshotIndex);
        return s.dimension() >= 3 ? s : null;
    }

    @Override
    public boolean hasData() {
        return snapshot() != null;
    }

    @Override
    public Map<String, String> viewState() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("camera_yaw_deg", Fmt.num(yaw));
        m.put("camera_pitch_deg", Fmt.num(pitch));
        IterationSnapshot s = snapshot();
        m.put("iteration", s == null ? "" : Long.toString(s.iteration()));
        return m;
    }

    /** The camera basis: right, up and towards-the-viewer unit vectors in feature space. */
    double[][] camera() {
        double y = Math.toRadians(yaw);
        double p = Math.toRadians(pitch);
        double[] toViewer = {Math.cos(p) * Math.cos(y), Math.cos(p) * Math.sin(y), Math.sin(p)};
        double[] right = {-Math.sin(y), Math.cos(y), 0};
        double[] up = {-Math.sin(p) * Math.cos(y), -Math.sin(p) * Math.sin(y), Math.cos(p)};
        return new double[][] {right, up, toViewer};
    }

    /** Screen (x right, y up) and depth (+1 nearest the viewer) of a point on or in the unit sphere. */
    public double[] view(double[] v) {
        double[][] c = camera();
        return new double[] {dot(c[0], v), dot(c[1], v), dot(c[2], v)};
    }

    /** Pixel position of a unit-sphere point in the last drawn figure. */
    public Point2D toPixel(double[] v) {
        double[] q = view(v);
        double r = lastSphere.getWidth() / 2;
        return new Point2D.Double(lastSphere.getCenterX() + r * q[0], lastSphere.getCenterY() - r * q[1]);
    }

    /** The sphere's outline in the last drawn figure. */
    public Rectangle2D lastSphere() {
        return lastSphere;
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    /** Colour of a class point at depth {@code z} ∈ [−1, 1]: full colour in front, faded to the sphere's grey behind. */
    public static Color shade(Color c, double z) {
        double t = z >= 0 ? 0 : Math.min(1, -z) * 0.6;
        return FigureStyle.mix(c, SPHERE_BACK, t);
    }

    private static final Color SPHERE_BACK = new Color(0xC8CCD2);

    @Override
    public void draw(Graphics2D g, Rectangle2D area) {
        IterationSnapshot s = snapshot();
        if (s == null) {
            String why = run != null && run.lastIteration() != null && run.lastIteration().dimension() < 3
                    ? "the run's embedding is 2-D: see the circle figure" : "no embedding snapshot yet";
            FigureStyle.noData(g, area, title(), why);
            lastSphere = null;
            return;
        }
        Projection p = project(s);
        String sub = "iteration " + s.iteration() + ", epoch " + (s.epoch() + 1) + ", " + s.embeddings().length
                + " probes; camera yaw " + Fmt.num(Math.round(yaw)) + "°, pitch " + Fmt.num(Math.round(pitch)) + "°"
                + (p.pca() ? "; PCA projection of d = " + p.dimension() + " to 3-D ("
                + Math.round(100 * p.explained()) + "% variance), then normalised" : "");
        Rectangle2D body = FigureStyle.header(g, area, title(), sub);
        double availW = body.getWidth() - Legend.WIDTH - 30;
        double side = Math.max(40, Math.min(availW, body.getHeight() - 30) * 0.86);
        double cx = body.getX() + 15 + availW / 2;
        double cy = body.getY() + (body.getHeight() - 10) / 2;
        double r = side / 2;
        lastSphere = new Rectangle2D.Double(cx - r, cy - r, 2 * r, 2 * r);

        // shaded ball: light from upper left, as concentric discs (plain fills export cleanly to SVG)
        int steps = 24;
        for (int k = 0; k < steps; k++) {
            double t = k / (double) (steps - 1);
            double rr = r * (1 - 0.82 * t);
            double ox = -0.28 * r * t;
            double oy = -0.28 * r * t;
            g.setColor(FigureStyle.mix(new Color(0xBFC4CC), new Color(0xF7F8FA), t));
            g.fill(new Ellipse2D.Double(cx + ox - rr, cy + oy - rr, 2 * rr, 2 * rr));
        }
        drawWireframe(g, cx, cy, r, false);

        double[][] pts = p.points();
        double[][] viewed = new double[pts.length][];
        Integer[] order = new Integer[pts.length];
        for (int i = 0; i < pts.length; i++) {
            viewed[i] = view(pts[i]);
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(viewed[a][2], viewed[b][2]));
        double base = s.embeddings().length > 2000 ? 2.0 : 2.8;
        boolean frontDone = false;
        List<Integer> rays = new ArrayList<>();
        for (int j = 0; j < p.weights().length; j++) {
            rays.add(j);
        }
        rays.sort((a, b) -> Double.compare(view(p.weights()[a])[2], view(p.weights()[b])[2]));
        // painter's order: back rays, back points, front wire-frame and rays, front points, then ray labels;
        // a front point lies in front of every ray (rays start at the centre), so points go over rays
        for (int j : rays) {
            if (view(p.weights()[j])[2] < 0) {
                drawRay(g, p.weights()[j], j, cx, cy, r);
            }
        }
        for (int idx : order) {
            double[] q = viewed[idx];
            if (!frontDone && q[2] >= 0) {
                drawFront(g, p, rays, cx, cy, r);
                frontDone = true;
            }
            double rad = base * (0.8 + 0.25 * (q[2] + 1) / 2);
            g.setColor(shade(FigureStyle.classColor(p.labels()[idx]), q[2]));
            g.fill(new Ellipse2D.Double(cx + r * q[0] - rad, cy - r * q[1] - rad, 2 * rad, 2 * rad));
        }
        if (!frontDone) {
            drawFront(g, p, rays, cx, cy, r);
        }
        if (p.centers() != null) {
            for (int j = 0; j < p.centers().length; j++) {
                double[] q = view(p.centers()[j]);
                Marker.cross(g, cx + r * q[0], cy - r * q[1], 6, shade(FigureStyle.classColor(j), q[2]));
            }
        }
        for (int j : rays) {
            drawRayLabel(g, p.weights()[j], j, cx, cy, r);
        }
        g.setColor(FigureStyle.MUTED);
        g.setStroke(new BasicStroke(1.2f));
        g.draw(new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r));
        drawAxesGizmo(g, body.getX() + 50, body.getMaxY() - 40, 24);

        double lx = body.getMaxX() - Legend.WIDTH;
        double ly = Legend.classes(g, lx, body.getY() + 10, p.weights().length);
        ly = Legend.lineEntry(g, lx, ly + 6, FigureStyle.MUTED, FigureStyle.dashed(2.0), "W_j direction");
        if (p.centers() != null) {
            ly = Legend.crossEntry(g, lx, ly, "class centre (center loss)");
        }
        g.setFont(FigureStyle.TICK_FONT);
        g.setColor(FigureStyle.MUTED);
        g.drawString("faded: far side", (float) lx, (float) (ly + 16));
        g.drawString("drag to rotate", (float) lx, (float) (ly + 32));
    }

    private void drawFront(Graphics2D g, Projection p, List<Integer> rays, double cx, double cy, double r) {
        drawWireframe(g, cx, cy, r, true);
        for (int j : rays) {
            if (view(p.weights()[j])[2] >= 0) {
                drawRay(g, p.weights()[j], j, cx, cy, r);
            }
        }
    }

    private static final double RAY = 1.22;

    private void drawRayLabel(Graphics2D g, double[] w, int j, double cx, double cy, double r) {
        double[] q = view(w);
        g.setFont(FigureStyle.TICK_FONT);
        g.setColor(q[2] >= 0 ? FigureStyle.INK : FigureStyle.MUTED);
        FigureStyle.drawCentred(g, "W" + j, cx + r * (RAY + 0.08) * q[0], cy - r * (RAY + 0.08) * q[1] + 4);
    }

    private void drawRay(Graphics2D g, double[] w, int j, double cx, double cy, double r) {
        double[] q = view(w);
        double len = RAY;
        Color c = shade(FigureStyle.classColor(j), q[2]);
        g.setColor(c);
        g.setStroke(q[2] >= 0 ? FigureStyle.dashed(2.0) : FigureStyle.dashed(1.3));
        g.draw(new Line2D.Double(cx, cy, cx + r * len * q[0], cy - r * len * q[1]));
        g.fill(new Ellipse2D.Double(cx + r * len * q[0] - 3, cy - r * len * q[1] - 3, 6, 6));
    }

    /** Latitude and longitude circles every 30°; {@code front} selects the near or far halves. */
    private void drawWireframe(Graphics2D g, double cx, double cy, double r, boolean front) {
        g.setStroke(front ? new BasicStroke(0.9f) : FigureStyle.dashed(0.7));
        g.setColor(front ? new Color(0x8A9099) : new Color(0xA9AEB6));
        int n = 96;
        for (int lat = -60; lat <= 60; lat += 30) {
            double z = Math.sin(Math.toRadians(lat));
            double rho = Math.cos(Math.toRadians(lat));
            polyline(g, cx, cy, r, n, front, t -> new double[] {rho * Math.cos(t), rho * Math.sin(t), z}, 2 * Math.PI);
        }
        for (int lon = 0; lon < 180; lon += 30) {
            double a = Math.toRadians(lon);
            polyline(g, cx, cy, r, n, front,
                    t -> new double[] {Math.cos(a) * Math.cos(t), Math.sin(a) * Math.cos(t), Math.sin(t)}, 2 * Math.PI);
        }
    }

    private void polyline(Graphics2D g, double cx, double cy, double r, int n, boolean front,
                          java.util.function.DoubleFunction<double[]> curve, double span) {
        double[] prev = view(curve.apply(0));
        for (int k = 1; k <= n; k++) {
            double[] cur = view(curve.apply(span * k / n));
            boolean segFront = prev[2] + cur[2] >= 0;
            if (segFront == front) {
                g.draw(new Line2D.Double(cx + r * prev[0], cy - r * prev[1], cx + r * cur[0], cy - r * cur[1]));
            }
            prev = cur;
        }
    }

    /** A small x₁/x₂/x₃ axis gizmo so the camera angles can be read off the picture. */
    private void drawAxesGizmo(Graphics2D g, double ox, double oy, double len) {
        String[] names = {"x₁", "x₂", "x₃"};
        g.setFont(FigureStyle.TICK_FONT);
        for (int a = 0; a < 3; a++) {
            double[] e = new double[3];
            e[a] = 1;
            double[] q = view(e);
            g.setColor(FigureStyle.INK);
            g.setStroke(new BasicStroke(q[2] >= 0 ? 1.6f : 1f));
            g.draw(new Line2D.Double(ox, oy, ox + len * q[0], oy - len * q[1]));
            FigureStyle.drawCentred(g, names[a], ox + (len + 9) * q[0], oy - (len + 9) * q[1] + 4);
        }
    }

    @Override
    public List<String[]> csv() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"kind", "class", "class_name", "x1", "x2", "x3", "screen_x", "screen_y", "depth"});
        IterationSnapshot s = snapshot();
        if (s == null) {
            return rows;
        }
        Projection p = project(s);
        for (int i = 0; i < p.points().length; i++) {
            rows.add(row("point", p.labels()[i], p.points()[i]));
        }
        for (int j = 0; j < p.weights().length; j++) {
            rows.add(row("weight_direction", j, p.weights()[j]));
        }
        if (p.centers() != null) {
            for (int j = 0; j < p.centers().length; j++) {
                rows.add(row("center", j, p.centers()[j]));
            }
        }
        return rows;
    }

    private String[] row(String kind, int cls, double[] v) {
        double[] q = view(v);
        return new String[] {kind, Integer.toString(cls), FigureStyle.className(cls), Fmt.csv(v[0]), Fmt.csv(v[1]),
            Fmt.csv(v[2]), Fmt.csv(q[0]), Fmt.csv(q[1]), Fmt.csv(q[2])};
    }
}
