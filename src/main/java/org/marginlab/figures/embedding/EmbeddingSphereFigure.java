package org.marginlab.figures.embedding;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.marginlab.CsvNumbers;
import org.marginlab.figures.FigureStyle;
import org.marginlab.figures.Fmt;
import org.marginlab.figures.RunData;
import org.marginlab.figures.RunFigure;
import org.marginlab.figures.ScreenFigure;
import org.marginlab.run.IterationSnapshot;

/**
 * AM-Softmax Fig. 4: normalised probe features on a shaded wire-frame unit sphere, seen orthographically
 * from a camera at azimuth {@code yaw} and elevation {@code pitch} (degrees). Points are drawn back to
 * front, and those on the far hemisphere are dimmed and smaller, so the near side reads first; the class
 * weights W_j are rays from the centre. For d &gt; 3 the features are PCA-projected to 3-D first
 * (labelled). Camera angles are part of the subtitle and the export's view state.
 */
public final class EmbeddingSphereFigure implements RunFigure, ScreenFigure {
    /** Stable id: the export file name stem and the {@code --only} name; {@code FigureKind} lists it. */
    public static final String ID = "embedding-sphere";

    /** Degrees of rotation per pixel of mouse drag. */
    public static final double DEGREES_PER_PIXEL = 0.4;

    private RunData run;
    private int snapshotIndex = -1;
    private double yaw = 35;
    private double pitch = 20;
    private Rectangle2D lastSphere;
    private IterationSnapshot lastSnapshot;
    private boolean compact;

    @Override
    public void setRun(RunData r) {
        run = r;
    }

    /** Which iteration snapshot to show; −1 = the latest. */
    public void setSnapshotIndex(int i) {
        snapshotIndex = i;
    }

    /** Camera azimuth about the vertical x₃ axis, degrees (any value; wraps). */
    public void setYaw(double degrees) {
        yaw = Math.IEEEremainder(degrees, 360);
        updateCamera();
    }

    /** Camera elevation above the x₁x₂ plane, degrees, clamped to [−90, 90]. */
    public void setPitch(double degrees) {
        pitch = Math.max(-90, Math.min(90, degrees));
        updateCamera();
    }

    // The camera basis (right, up, towards the viewer), recomputed only when the angles change:
    // a frame projects every point, so no trigonometry or allocation per point.
    private double rx;
    private double ry;
    private double ux;
    private double uy;
    private double uz;
    private double vx;
    private double vy;
    private double vz;

    {
        updateCamera();
    }

    private void updateCamera() {
        double y = Math.toRadians(yaw);
        double p = Math.toRadians(pitch);
        vx = Math.cos(p) * Math.cos(y);
        vy = Math.cos(p) * Math.sin(y);
        vz = Math.sin(p);
        rx = -Math.sin(y);
        ry = Math.cos(y);
        ux = -Math.sin(p) * Math.cos(y);
        uy = -Math.sin(p) * Math.sin(y);
        uz = Math.cos(p);
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

    private final ProjectionCache projections = new ProjectionCache(3);

    private Projection project(IterationSnapshot s) {
        return projections.of(s, true);
    }

    @Override
    public String id() {
        return ID;
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

    /** Screen (x right, y up) and depth (+1 nearest the viewer) of a point on or in the unit sphere. */
    public double[] view(double[] v) {
        return new double[] {screenX(v[0], v[1]), screenY(v[0], v[1], v[2]), depth(v[0], v[1], v[2])};
    }

    private double screenX(double a, double b) {
        return rx * a + ry * b;
    }

    private double screenY(double a, double b, double c) {
        return ux * a + uy * b + uz * c;
    }

    private double depth(double a, double b, double c) {
        return vx * a + vy * b + vz * c;
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

    /** Colour of a class point at depth {@code z} ∈ [−1, 1]: full colour in front, faded to the sphere's grey behind. */
    public static Color shade(Color c, double z) {
        double t = z >= 0 ? 0 : Math.min(1, -z) * 0.6;
        return FigureStyle.mix(c, SPHERE_BACK, t);
    }

    private static final Color SPHERE_BACK = new Color(0xC8CCD2);

    @Override
    public void draw(Graphics2D g, Rectangle2D area) {
        paint(g, area, null);
    }

    @Override
    public void drawOnScreen(Graphics2D g, Rectangle2D area, int[] argbPre, int width, int height) {
        AffineTransform t = g.getTransform();
        boolean plain = t.getShearX() == 0 && t.getShearY() == 0 && t.getScaleX() == t.getScaleY() && t.getScaleX() > 0;
        paint(g, area, plain ? new PixelDots(argbPre, width, height) : null);
    }

    // Device transform and pixel target of the frame being painted (target null: exact Java2D shapes).
    private double devScale;
    private double devX;
    private double devY;
    private PixelDots dots;

    // Per-frame work arrays, reused while the point count stays the same.
    private double[] sx = new double[0];
    private double[] sy = new double[0];
    private double[] sz = new double[0];
    private long[] order = new long[0];

    /** {@code dots} non-null: the point cloud goes straight into the window's pixels (same look, far faster). */
    private void paint(Graphics2D g, Rectangle2D area, PixelDots dots) {
        IterationSnapshot s = snapshot();
        if (s == null) {
            String why = run != null && run.lastIteration() != null && run.lastIteration().dimension() < 3
                    ? "the run's embedding is 2-D: see the circle figure" : "no embedding snapshot yet";
            FigureStyle.noData(g, area, title(), why);
            lastSphere = null;
            return;
        }
        Projection p = project(s);
        String sub = run.placeOf(s) + ", " + s.embeddings().length
                + " probes" + (run.paramsLabel(s) != null ? ", " + run.paramsLabel(s) : "") + "; camera yaw " + Fmt.num(Math.round(yaw)) + "°, pitch " + Fmt.num(Math.round(pitch)) + "°"
                + (p.pca() ? "; PCA projection of d = " + p.dimension() + " to 3-D ("
                + Math.round(100 * p.explained()) + "% variance), then normalised" : "");
        Rectangle2D body = compact ? EmbeddingCircleFigure.compactHeader(g, area, EmbeddingCircleFigure.compactTitle(run, s))
                : FigureStyle.header(g, area, title(), sub);
        double legendW = compact ? 0 : Legend.width(g, p.weights().length, run, "W_j direction",
                "class centre (center loss)", EmbeddingCircleFigure.DOMINANT_SUB_CENTER, EmbeddingCircleFigure.OTHER_SUB_CENTERS);
        double availW = body.getWidth() - legendW - 30;
        // The ball fills the body's height (or width); a W_j ray that would leave the body ends sooner
        // (rayLength), never inside the ball, and the labels are spread inside the body.
        double cx = body.getX() + 15 + availW / 2;
        double cy = body.getY() + body.getHeight() / 2;
        double r = Math.max(20, Math.min(availW / 2, body.getHeight() / 2) - 6);
        g.setFont(FigureStyle.tickFont());
        rayRoom = new double[] {availW / 2 - g.getFontMetrics().stringWidth("W00"), body.getHeight() / 2 - g.getFontMetrics().getHeight()};
        lastSphere = new Rectangle2D.Double(cx - r, cy - r, 2 * r, 2 * r);
        lastSnapshot = s;

        AffineTransform t = g.getTransform();
        devScale = t.getScaleX();
        devX = t.getTranslateX();
        devY = t.getTranslateY();
        this.dots = dots;
        if (dots != null) {
            drawBallCached(g, cx, cy, r);
        } else {
            drawBall(g, cx, cy, r);
        }
        drawWireframe(g, cx, cy, r, false);

        double[][] pts = p.points();
        int n = pts.length;
        if (sx.length != n) {
            sx = new double[n];
            sy = new double[n];
            sz = new double[n];
            order = new long[n];
        }
        for (int i = 0; i < n; i++) {
            double[] v = pts[i];
            sx[i] = screenX(v[0], v[1]);
            sy[i] = screenY(v[0], v[1], v[2]);
            sz[i] = depth(v[0], v[1], v[2]);
            // back to front by depth, ties in index order: a primitive sort of (depth, index) keys
            int bits = Float.floatToRawIntBits((float) sz[i]);
            bits ^= (bits >> 31) & 0x7FFFFFFF;
            order[i] = ((long) bits << 32) | i;
        }
        Arrays.sort(order);
        double base = FigureStyle.pointRadius(s.embeddings().length > 2000 ? 2.0 : 2.8, 2 * r, s.embeddings().length);
        pointRadius = base;
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
        double scale = devScale;
        double tx = devX;
        double ty = devY;
        Ellipse2D.Double dot = new Ellipse2D.Double();
        int[] labels = p.labels();
        for (long key : order) {
            int idx = (int) key;
            double z = sz[idx];
            if (!frontDone && z >= 0) {
                if (p.subCenters() != null) {
                    drawOtherSubCenters(g, s, p, cx, cy, r, false);
                }
                drawFront(g, p, rays, cx, cy, r);
                frontDone = true;
            }
            double rad = base * (0.8 + 0.25 * (z + 1) / 2);
            double px = cx + r * sx[idx];
            double py = cy - r * sy[idx];
            if (dots != null) {
                dots.disc(px * scale + tx, py * scale + ty, rad * scale, shadeRgb(classColor(datasetClass(labels[idx])), z));
            } else {
                g.setColor(shade(classColor(datasetClass(labels[idx])), z));
                dot.setFrame(px - rad, py - rad, 2 * rad, 2 * rad);
                g.fill(dot);
            }
        }
        if (!frontDone) {
            if (p.subCenters() != null) {
                drawOtherSubCenters(g, s, p, cx, cy, r, false);
            }
            drawFront(g, p, rays, cx, cy, r);
        }
        if (p.subCenters() != null) {
            drawOtherSubCenters(g, s, p, cx, cy, r, true);
        }
        if (p.centers() != null) {
            for (int j = 0; j < p.centers().length; j++) {
                double[] q = view(p.centers()[j]);
                Marker.cross(g, cx + r * q[0], cy - r * q[1], 6, shade(classColor(datasetClass(j)), q[2]));
            }
        }
        if (tagsEachClass()) {
            drawRayLabels(g, p, rays, cx, cy, r, body);
        }
        g.setColor(FigureStyle.muted());
        g.setStroke(new BasicStroke(1.2f));
        g.draw(new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r));
        drawAxesGizmo(g, body.getX() + 50, body.getMaxY() - 40, 24);

        if (compact) {
            return;
        }
        double lx = body.getMaxX() - legendW;
        double ly = Legend.classes(g, lx, body.getY() + 10, p.weights().length, run);
        ly = Legend.lineEntry(g, lx, ly + 6, FigureStyle.muted(), FigureStyle.dashed(2.0),
                p.subCenters() != null ? EmbeddingCircleFigure.DOMINANT_SUB_CENTER : "W_j direction");
        if (p.subCenters() != null) {
            ly = Legend.ringEntry(g, lx, ly, EmbeddingCircleFigure.OTHER_SUB_CENTERS);
        }
        if (p.centers() != null) {
            ly = Legend.crossEntry(g, lx, ly, "class centre (center loss)");
        }
        g.setFont(FigureStyle.tickFont());
        g.setColor(FigureStyle.muted());
        // The window's tool row says "drag to rotate"; exported figures are not draggable.
        g.drawString("faded: far side", (float) lx, (float) (ly + 16));
    }

    /** {@link #shade} as packed RGB, without allocating a Color (same rounding as FigureStyle.mix). */
    static int shadeRgb(Color c, double z) {
        double t = z >= 0 ? 0 : Math.min(1, -z) * 0.6;
        double u = 1 - t;
        int red = (int) Math.round(c.getRed() * u + SPHERE_BACK.getRed() * t);
        int green = (int) Math.round(c.getGreen() * u + SPHERE_BACK.getGreen() * t);
        int blue = (int) Math.round(c.getBlue() * u + SPHERE_BACK.getBlue() * t);
        return (red << 16) | (green << 8) | blue;
    }

    private static final int BALL_STEPS = 24;
    private static final Color[] BALL_COLORS = new Color[BALL_STEPS];

    /** On the dark theme a dark ball: the light classes' colours (chosen for 3:1 on the dark background) stay readable on it. */
    private static final Color[] DARK_BALL_COLORS = new Color[BALL_STEPS];

    static {
        for (int k = 0; k < BALL_STEPS; k++) {
            BALL_COLORS[k] = FigureStyle.mix(new Color(0xBFC4CC), new Color(0xF7F8FA), k / (double) (BALL_STEPS - 1));
            DARK_BALL_COLORS[k] = FigureStyle.mix(new Color(0x26282C), new Color(0x3C3F46), k / (double) (BALL_STEPS - 1));
        }
    }

    /** Shaded ball, light from upper left, as concentric discs (plain fills export cleanly to SVG). */
    private static void drawBall(Graphics2D g, double cx, double cy, double r) {
        Ellipse2D.Double e = new Ellipse2D.Double();
        for (int k = 0; k < BALL_STEPS; k++) {
            double t = k / (double) (BALL_STEPS - 1);
            double rr = r * (1 - 0.82 * t);
            double ox = -0.28 * r * t;
            double oy = -0.28 * r * t;
            g.setColor((FigureStyle.look().dark() ? DARK_BALL_COLORS : BALL_COLORS)[k]);
            e.setFrame(cx + ox - rr, cy + oy - rr, 2 * rr, 2 * rr);
            g.fill(e);
        }
    }

    // The ball depends only on its device size and sub-pixel position, not on the camera: on screen it is
    // drawn once into an image and copied while the user rotates.
    private BufferedImage ballImage;
    private double ballKeyRadius = -1;
    private double ballKeyX;
    private double ballKeyY;

    private boolean ballKeyDark;

    private void drawBallCached(Graphics2D g, double cx, double cy, double r) {
        AffineTransform t = g.getTransform();
        double scale = t.getScaleX();
        double dx = cx * scale + t.getTranslateX();
        double dy = cy * scale + t.getTranslateY();
        double dr = r * scale;
        int ix = (int) Math.floor(dx - dr) - 2;
        int iy = (int) Math.floor(dy - dr) - 2;
        double kx = dx - ix;
        double ky = dy - iy;
        boolean dark = FigureStyle.look().dark();
        if (ballImage == null || dr != ballKeyRadius || kx != ballKeyX || ky != ballKeyY || dark != ballKeyDark) {
            int size = (int) Math.ceil(2 * dr) + 6;
            ballImage = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB_PRE);
            Graphics2D ig = ballImage.createGraphics();
            try {
                ig.setRenderingHints(g.getRenderingHints());
                ig.translate(kx, ky);
                ig.scale(scale, scale);
                drawBall(ig, 0, 0, r);
            } finally {
                ig.dispose();
            }
            ballKeyRadius = dr;
            ballKeyDark = dark;
            ballKeyX = kx;
            ballKeyY = ky;
        }
        g.setTransform(new AffineTransform());
        g.drawImage(ballImage, ix, iy, null);
        g.setTransform(t);
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
    /** The near points' radius in this paint, which the W_j labels keep clear of. */
    private double pointRadius;
    /** Half the room across and down from the ball's centre that a ray's tip may reach in this paint. */
    private double[] rayRoom = {Double.MAX_VALUE, Double.MAX_VALUE};

    /** How far ray {@code q} (view coordinates) reaches, in radii: {@link #RAY} where there is room, else less, never under 1. */
    private double rayLength(double[] q, double r) {
        double len = RAY;
        if (Math.abs(q[0]) > 1e-9) {
            len = Math.min(len, rayRoom[0] / (r * Math.abs(q[0])));
        }
        if (Math.abs(q[1]) > 1e-9) {
            len = Math.min(len, rayRoom[1] / (r * Math.abs(q[1])));
        }
        return Math.max(1.0, len);
    }

    /** W_j beyond each ray's tip, moved apart where rays point close together; far-side labels muted. */
    private void drawRayLabels(Graphics2D g, Projection p, List<Integer> rays, double cx, double cy, double r,
                               Rectangle2D body) {
        g.setFont(FigureStyle.tickFont());
        Rectangle2D[] boxes = new Rectangle2D[rays.size()];
        double[][] tips = new double[rays.size()][];
        for (int k = 0; k < boxes.length; k++) {
            double[] q = view(p.weights()[rays.get(k)]);
            double len = rayLength(q, r);
            tips[k] = new double[] {cx + r * len * q[0], cy - r * len * q[1], q[2]};
            boxes[k] = LabelLayout.box(g, "W" + datasetClass(rays.get(k)), cx + r * (len + 0.1) * q[0], cy - r * (len + 0.1) * q[1]);
        }
        // clear of the near side's points and of every ray (the far side's points are faded behind the ball)
        LabelLayout.Marks marks = new LabelLayout.Marks();
        for (int i = 0; i < sx.length; i++) {
            if (sz[i] >= 0) {
                marks.dot(cx + r * sx[i], cy - r * sy[i], pointRadius);
            }
        }
        for (double[] tip : tips) {
            marks.line(cx, cy, tip[0], tip[1]);
            marks.dot(tip[0], tip[1], 3);
        }
        LabelLayout.spread(boxes, body, marks, tips, 0.1 * r);
        for (int k = 0; k < boxes.length; k++) {
            g.setColor(tips[k][2] >= 0 ? FigureStyle.ink() : FigureStyle.muted());
            LabelLayout.draw(g, "W" + datasetClass(rays.get(k)), boxes[k], tips[k][0], tips[k][1], 0.1 * r);
        }
    }

    /** The snapshot the last paint showed; null before the first. */
    public IterationSnapshot lastSnapshot() {
        return lastSphere == null ? null : lastSnapshot;
    }

    /**
     * The probe point painted nearest to pixel (x, y) in the last paint, if within {@code reach} pixels,
     * the front one where several are that near; else −1.
     */
    public int pointAt(double x, double y, double reach) {
        if (lastSphere == null) {
            return -1;
        }
        double cx = lastSphere.getCenterX();
        double cy = lastSphere.getCenterY();
        double r = lastSphere.getWidth() / 2;
        int best = -1;
        for (int i = 0; i < sx.length; i++) {
            double d = Math.hypot(cx + r * sx[i] - x, cy - r * sy[i] - y);
            if (d <= reach && (best < 0 || sz[i] > sz[best])) {
                best = i;
            }
        }
        return best;
    }

    /** See {@link EmbeddingCircleFigure#setCompact}. */
    public void setCompact(boolean compact) {
        this.compact = compact;
    }

    private void drawRay(Graphics2D g, double[] w, int j, double cx, double cy, double r) {
        double[] q = view(w);
        double len = rayLength(q, r);
        Color c = shade(classColor(datasetClass(j)), q[2]);
        BasicStroke stroke = q[2] >= 0 ? FigureStyle.dashed(2.0) : FigureStyle.dashed(1.3);
        double ex = cx + r * len * q[0];
        double ey = cy - r * len * q[1];
        if (dots != null && c.getAlpha() == 255) {
            float[] dash = stroke.getDashArray();
            dots.line(cx * devScale + devX, cy * devScale + devY, ex * devScale + devX, ey * devScale + devY,
                    stroke.getLineWidth() * devScale, c.getRGB() & 0xFFFFFF, dash[0] * devScale, dash[1] * devScale);
            dots.disc(ex * devScale + devX, ey * devScale + devY, 3 * devScale, c.getRGB() & 0xFFFFFF);
            return;
        }
        g.setColor(c);
        g.setStroke(stroke);
        g.draw(new Line2D.Double(cx, cy, ex, ey));
        g.fill(new Ellipse2D.Double(ex - 3, ey - 3, 6, 6));
    }

    /**
     * Every sub-center but each class's dominant one on the near ({@code front}) or far side: a thin dotted ray
     * ending in a hollow ring, faded on the far side. The far side's are drawn before the near side's points, so
     * they stay behind them as the far points do.
     */
    private void drawOtherSubCenters(Graphics2D g, IterationSnapshot s, Projection p, double cx, double cy, double r,
                                     boolean front) {
        int k = p.subCentersPerClass();
        for (int row = 0; row < p.subCenters().length; row++) {
            if (row % k == s.dominantSubCenter(row / k)) {
                continue;
            }
            double[] q = view(p.subCenters()[row]);
            if (q[2] >= 0 != front) {
                continue;
            }
            g.setColor(shade(FigureStyle.classColor(datasetClass(row / k)), q[2]));
            double ex = cx + r * RAY * q[0];
            double ey = cy - r * RAY * q[1];
            g.setStroke(FigureStyle.dashed(1.0));
            g.draw(new Line2D.Double(cx, cy, ex, ey));
            g.setStroke(new BasicStroke(1.6f));
            g.draw(new Ellipse2D.Double(ex - 4, ey - 4, 8, 8));
        }
    }

    /** Latitude and longitude circles every 30°; {@code front} selects the near or far halves. */
    private void drawWireframe(Graphics2D g, double cx, double cy, double r, boolean front) {
        BasicStroke stroke = front ? new BasicStroke(0.9f) : FigureStyle.dashed(0.7);
        Color color = front ? new Color(0x8A9099) : new Color(0xA9AEB6);
        if (dots != null) {
            // on screen: the same segments straight into the pixels (Java2D's scan conversion of ~900
            // thin strokes costs more than all the points)
            wireWidth = stroke.getLineWidth() * devScale;
            wireRgb = color.getRGB() & 0xFFFFFF;
            float[] dash = stroke.getDashArray();
            wireOn = dash == null ? 0 : dash[0] * devScale;
            wireOff = dash == null ? 0 : dash[1] * devScale;
        }
        g.setStroke(stroke);
        g.setColor(color);
        // one path of separate segments (a move per segment restarts the dash pattern as separate
        // lines would) instead of hundreds of draw calls
        Path2D.Double path = new Path2D.Double(Path2D.WIND_NON_ZERO, 9 * 96 * 2);
        int n = 96;
        for (int lat = -60; lat <= 60; lat += 30) {
            double z = Math.sin(Math.toRadians(lat));
            double rho = Math.cos(Math.toRadians(lat));
            circle(path, cx, cy, r, n, front, rho, 0, 0, rho, 0, z);
        }
        for (int lon = 0; lon < 180; lon += 30) {
            double a = Math.toRadians(lon);
            circle(path, cx, cy, r, n, front, Math.cos(a), 0, Math.sin(a), 0, 1, 0);
        }
        if (dots == null) {
            g.draw(path);
        }
    }

    private double wireWidth;
    private int wireRgb;
    private double wireOn;
    private double wireOff;

    /**
     * Adds the near or far segments of the circle x = xc·cos t + xs·sin t, y = yc·cos t + ys·sin t,
     * z = zs·sin t + z0, t over [0, 2π] in n steps.
     */
    private void circle(Path2D.Double path, double cx, double cy, double r, int n, boolean front,
                        double xc, double xs, double yc, double ys, double zs, double z0) {
        double px = 0;
        double py = 0;
        double pz = 0;
        for (int k = 0; k <= n; k++) {
            double t = 2 * Math.PI * k / n;
            double c = Math.cos(t);
            double sn = Math.sin(t);
            double a = xc * c + xs * sn;
            double b = yc * c + ys * sn;
            double z = zs * sn + z0;
            double qx = screenX(a, b);
            double qy = screenY(a, b, z);
            double qz = depth(a, b, z);
            if (k > 0 && (pz + qz >= 0) == front) {
                if (dots != null) {
                    dots.line((cx + r * px) * devScale + devX, (cy - r * py) * devScale + devY,
                            (cx + r * qx) * devScale + devX, (cy - r * qy) * devScale + devY,
                            wireWidth, wireRgb, wireOn, wireOff);
                } else {
                    path.moveTo(cx + r * px, cy - r * py);
                    path.lineTo(cx + r * qx, cy - r * qy);
                }
            }
            px = qx;
            py = qy;
            pz = qz;
        }
    }

    /** A small x₁/x₂/x₃ axis gizmo so the camera angles can be read off the picture. */
    private void drawAxesGizmo(Graphics2D g, double ox, double oy, double len) {
        String[] names = {"x₁", "x₂", "x₃"};
        g.setFont(FigureStyle.tickFont());
        for (int a = 0; a < 3; a++) {
            double[] e = new double[3];
            e[a] = 1;
            double[] q = view(e);
            g.setColor(FigureStyle.ink());
            g.setStroke(new BasicStroke(q[2] >= 0 ? 1.6f : 1f));
            g.draw(new Line2D.Double(ox, oy, ox + len * q[0], oy - len * q[1]));
            FigureStyle.drawCentred(g, names[a], ox + (len + 9) * q[0], oy - (len + 9) * q[1] + 4);
        }
    }

    @Override
    public List<String[]> csv() {
        List<String[]> rows = new ArrayList<>();
        IterationSnapshot s = snapshot();
        boolean sub = s != null && s.subCenters() != null;
        rows.add(sub ? new String[] {"kind", "class", "class_name", "x1", "x2", "x3", "screen_x", "screen_y", "depth", "id",
            "theta_y_rad", "p_y", "sub_center", "dominant"}
                : new String[] {"kind", "class", "class_name", "x1", "x2", "x3", "screen_x", "screen_y", "depth", "id",
                    "theta_y_rad", "p_y"});
        if (s == null) {
            return rows;
        }
        Projection p = project(s);
        org.marginlab.loss.HeadFunctions f = EmbeddingCircleFigure.headAt(run, s);
        for (int i = 0; i < p.points().length; i++) {
            rows.add(row("point", p.labels()[i], p.points()[i], EmbeddingCircleFigure.sampleId(s, i),
                    CsvNumbers.of(s.thetaY()[i]), EmbeddingCircleFigure.targetProbability(f, s, i)));
        }
        for (int j = 0; j < p.weights().length; j++) {
            rows.add(row("weight_direction", j, p.weights()[j], "", "", ""));
        }
        if (p.centers() != null) {
            for (int j = 0; j < p.centers().length; j++) {
                rows.add(row("center", j, p.centers()[j], "", "", ""));
            }
        }
        if (!sub) {
            return rows;
        }
        int k = p.subCentersPerClass();
        for (int r = 0; r < p.subCenters().length; r++) {
            String[] line = Arrays.copyOf(row("sub_center", r / k, p.subCenters()[r], "", "", ""), 14);
            line[12] = Integer.toString(r % k);
            line[13] = Boolean.toString(r % k == s.dominantSubCenter(r / k));
            rows.add(line);
        }
        return rows.stream().map(line -> {
            String[] out = Arrays.copyOf(line, 14);
            Arrays.setAll(out, i -> out[i] == null ? "" : out[i]);
            return out;
        }).toList();
    }

    private String[] row(String kind, int cls, double[] v, String id, String thetaY, String pY) {
        double[] q = view(v);
        int y = datasetClass(cls);
        return new String[] {kind, Integer.toString(y), className(y), CsvNumbers.of(v[0]), CsvNumbers.of(v[1]),
            CsvNumbers.of(v[2]), CsvNumbers.of(q[0]), CsvNumbers.of(q[1]), CsvNumbers.of(q[2]), id, thetaY, pY};
    }

    /** The Fashion-MNIST class of head class j, by which points, legend and CSV name and colour it. */
    private int datasetClass(int j) {
        return run == null ? j : run.datasetClass(j);
    }

    private java.awt.Color classColor(int y) {
        return run == null ? FigureStyle.classColor(y) : run.classColor(y);
    }

    private String className(int y) {
        return run == null ? FigureStyle.className(y) : run.className(y);
    }

    /** Whether each class gets its W_j tag; beyond {@link FigureStyle#LABELLED_CLASSES} they would overlap. */
    private boolean tagsEachClass() {
        return run == null || run.labelsEachClass();
    }
}
