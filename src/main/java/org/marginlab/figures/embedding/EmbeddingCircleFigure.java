package org.marginlab.figures.embedding;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Arc2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.marginlab.CsvNumbers;
import org.marginlab.figures.Fmt;
import org.marginlab.figures.FigureStyle;
import org.marginlab.figures.PlotFrame;
import org.marginlab.figures.RunData;
import org.marginlab.figures.RunFigure;
import org.marginlab.loss.HeadFunctions;
import org.marginlab.loss.HeadParams;
import org.marginlab.run.IterationSnapshot;

/**
 * Angular-loss paper Fig. 6 / AM-Softmax Fig. 2: the probe features of one snapshot in the plane, either
 * normalised onto the unit circle or raw, coloured by class, with the class weights W_j as rays. For a
 * 2-D run it also shades, from the head's logits, where features are classified (decision boundaries,
 * the inference argmax of the logits without margin) and the margin regions, where no class's target
 * logit beats every other logit, so the loss still pushes. For d &gt; 2 it shows a PCA projection.
 */
public final class EmbeddingCircleFigure implements RunFigure {
    /** Stable id: the export file name stem and the {@code --only} name; {@code FigureKind} lists it. */
    public static final String ID = "embedding-circle";


    /** Angular resolution of the decision-boundary scan. */
    static final int SCAN = 3600;

    private RunData run;
    private int snapshotIndex = -1;
    private boolean normalised = true;
    private boolean compact;
    private PlotFrame lastFrame;
    private Rectangle2D[] lastLabels = new Rectangle2D[0];
    private LabelLayout.Marks lastMarks;
    private double[][] lastPoints;
    private IterationSnapshot lastSnapshot;

    @Override
    public void setRun(RunData r) {
        this.run = r;
    }

    /** Which iteration snapshot to show; −1 = the latest. */
    public void setSnapshotIndex(int i) {
        snapshotIndex = i;
    }

    public void setNormalised(boolean v) {
        normalised = v;
    }

    public boolean normalised() {
        return normalised;
    }

    /** The snapshot the last {@link #draw} showed; null before the first. */
    public IterationSnapshot lastSnapshot() {
        return lastFrame == null ? null : lastSnapshot;
    }

    /** The probe point drawn nearest to pixel (x, y) in the last {@link #draw}, if within {@code reach} pixels; else −1. */
    public int pointAt(double x, double y, double reach) {
        if (lastFrame == null) {
            return -1;
        }
        int best = -1;
        double bestD = reach;
        for (int i = 0; i < lastPoints.length; i++) {
            double d = Math.hypot(lastFrame.x(lastPoints[i][0]) - x, lastFrame.y(lastPoints[i][1]) - y);
            if (d <= bestD) {
                best = i;
                bestD = d;
            }
        }
        return best;
    }

    /** The data → pixel mapping of the last {@link #draw}; null before the first. */
    public PlotFrame lastFrame() {
        return lastFrame;
    }

    private final ProjectionCache projections = new ProjectionCache(2);

    private Projection project(IterationSnapshot s) {
        return projections.of(s, normalised);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return normalised ? "Normalised embedding on the unit circle" : "Raw embedding in the plane";
    }

    @Override
    public boolean hasData() {
        return snapshot() != null;
    }

    IterationSnapshot snapshot() {
        if (run == null || run.iterations().isEmpty()) {
            return null;
        }
        int n = run.iterations().size();
        return run.iterations().get(snapshotIndex < 0 || snapshotIndex >= n ? n - 1 : snapshotIndex);
    }

    @Override
    public Map<String, String> viewState() {
        IterationSnapshot s = snapshot();
        return Map.of("normalised", Boolean.toString(normalised),
                "iteration", s == null ? "" : Long.toString(s.iteration()));
    }

    /** The decision and margin scan for a 2-D snapshot, or null when it does not apply. */
    record Regions(double[] boundaries, List<double[]> marginRuns) {
    }

    /** Boundaries and margins of the run's head at the parameters in force at the snapshot. */
    Regions regions(IterationSnapshot s) {
        HeadParams params = run.paramsAt(s);
        if (run.config() == null || params == null || s.dimension() != 2) {
            return null;
        }
        HeadFunctions f = HeadFunctions.of(run.config().head(), params);
        int c = s.classCount();
        // with sub-centers a class's angle is to the nearest of its k rows, as the head measures it
        int per = s.subCentersPerClass();
        float[][] rows = per == 1 ? s.weights() : s.subCenters();
        double[][] wAngle = new double[c][per];
        double[][] wNorm = new double[c][per];
        for (int j = 0; j < c; j++) {
            for (int i = 0; i < per; i++) {
                wAngle[j][i] = Math.atan2(rows[j * per + i][1], rows[j * per + i][0]);
                wNorm[j][i] = Projection.norm(rows[j * per + i]);
            }
        }
        double xNorm = medianNorm(s);
        int[] winner = new int[SCAN];
        boolean[] inMargin = new boolean[SCAN];
        double[] other = new double[c];
        for (int k = 0; k < SCAN; k++) {
            double phi = 2 * Math.PI * k / SCAN;
            int best = 0;
            int[] nearest = new int[c];
            for (int j = 0; j < c; j++) {
                other[j] = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < per; i++) {
                    double th = Math.abs(Math.IEEEremainder(phi - wAngle[j][i], 2 * Math.PI));
                    double z = f.otherLogit(th, xNorm, wNorm[j][i]);
                    if (z > other[j]) {
                        other[j] = z;
                        nearest[j] = i;
                    }
                }
                if (other[j] > other[best]) {
                    best = j;
                }
            }
            winner[k] = best;
            double th = Math.abs(Math.IEEEremainder(phi - wAngle[best][nearest[best]], 2 * Math.PI));
            double target = f.targetLogit(th, xNorm, wNorm[best][nearest[best]]);
            double rival = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < c; j++) {
                if (j != best) {
                    rival = Math.max(rival, other[j]);
                }
            }
            // only the argmax class can clear the margin: any other class's target logit is below its own plain logit
            inMargin[k] = !(target > rival);
        }
        List<Double> bounds = new ArrayList<>();
        for (int k = 0; k < SCAN; k++) {
            if (winner[k] != winner[(k + 1) % SCAN]) {
                bounds.add(2 * Math.PI * (k + 0.5) / SCAN);
            }
        }
        List<double[]> runs = new ArrayList<>();
        int start = -1;
        for (int k = 0; k < SCAN; k++) {
            if (inMargin[k] && start < 0) {
                start = k;
            }
            if ((!inMargin[k] || k == SCAN - 1) && start >= 0) {
                int end = inMargin[k] ? k + 1 : k;
                runs.add(new double[] {2 * Math.PI * start / SCAN, 2 * Math.PI * end / SCAN});
                start = -1;
            }
        }
        return new Regions(bounds.stream().mapToDouble(Double::doubleValue).toArray(), runs);
    }

    static double medianNorm(IterationSnapshot s) {
        double[] n = new double[s.embeddings().length];
        for (int i = 0; i < n.length; i++) {
            n[i] = Projection.norm(s.embeddings()[i]);
        }
        Arrays.sort(n);
        return n.length == 0 ? 1 : n[n.length / 2];
    }

    @Override
    public void draw(Graphics2D g, Rectangle2D area) {
        IterationSnapshot s = snapshot();
        if (s == null) {
            FigureStyle.noData(g, area, title(), "no embedding snapshot yet");
            lastFrame = null;
            return;
        }
        Projection p = project(s);
        String sub = run.placeOf(s) + ", " + s.embeddings().length
                + " test probes" + (run.paramsLabel(s) != null ? ", " + run.paramsLabel(s) : "")
                + (p.pca() ? "; PCA projection of d = " + p.dimension() + " to 2-D ("
                + Math.round(100 * p.explained()) + "% variance)" : "");
        Rectangle2D body = compact ? compactHeader(g, area, compactTitle(run, s))
                : FigureStyle.header(g, area, title(), sub);
        double scale = FigureStyle.look().textScale();
        // compact: tick labels only, the axes are the same in every cell
        double left = (compact ? 34 : 62) * scale;
        double bottom = (compact ? 24 : 48) * scale;
        String[] entries = {"W_j direction", "class centre (center loss)", "decision boundary", "margin region",
            OTHER_SUB_CENTERS};
        double legendW = compact ? 0 : Legend.width(g, p.weights().length, run, entries);
        double availW = body.getWidth() - legendW - left - 16;
        double availH = body.getHeight() - bottom - 6;
        double side = Math.max(40, Math.min(availW, availH));
        Rectangle2D plot = new Rectangle2D.Double(body.getX() + left + (availW - side) / 2, body.getY() + 4, side, side);
        double r = normalised ? 1.32 : extent(p.points());
        PlotFrame frame = new PlotFrame(plot, -r, r, -r, r);
        lastFrame = frame;
        lastPoints = p.points();
        lastSnapshot = s;
        Regions regions = regions(s);
        Shape oldClip = g.getClip();
        g.clip(plot);
        if (regions != null) {
            g.setColor(marginShade(28));
            double rr = r * 1.5;
            for (double[] run : regions.marginRuns()) {
                double a0 = Math.toDegrees(run[0]);
                double ext = Math.toDegrees(run[1] - run[0]);
                g.fill(new Arc2D.Double(frame.x(-rr), frame.y(rr), frame.x(rr) - frame.x(-rr),
                        frame.y(-rr) - frame.y(rr), a0, ext, Arc2D.PIE));
            }
        }
        g.setClip(oldClip);
        if (p.pca()) {
            String what = normalised ? "normalised" : "feature units";
            frame.drawAxes(g, null, null, Fmt::num, Fmt::num, "principal component 1 (" + what + ")",
                    "principal component 2 (" + what + ")");
        } else if (compact) {
            frame.drawAxes(g, null, null, Fmt::num, Fmt::num, null, null);
        } else if (normalised) {
            frame.drawAxes(g, null, null, Fmt::num, Fmt::num, "x₁ / ‖x‖ (unitless)", "x₂ / ‖x‖ (unitless)");
        } else {
            frame.drawAxes(g, null, null, Fmt::num, Fmt::num, "x₁ (feature units)", "x₂ (feature units)");
        }
        g.clip(plot);
        if (normalised) {
            g.setColor(FigureStyle.muted());
            g.setStroke(new BasicStroke(1.2f));
            g.draw(new Ellipse2D.Double(frame.x(-1), frame.y(1), frame.x(1) - frame.x(-1), frame.y(-1) - frame.y(1)));
        }
        if (regions != null) {
            g.setColor(FigureStyle.ink());
            g.setStroke(new BasicStroke(1.1f));
            for (double b : regions.boundaries()) {
                g.draw(new Line2D.Double(frame.x(0), frame.y(0), frame.x(2 * r * Math.cos(b)), frame.y(2 * r * Math.sin(b))));
            }
        }
        double rayLen = normalised ? 1.14 : r * 0.9;
        for (int j = 0; j < p.weights().length; j++) {
            double[] w = p.weights()[j];
            g.setColor(classColor(datasetClass(j)));
            g.setStroke(FigureStyle.dashed(FigureStyle.point(2.0)));
            g.draw(new Line2D.Double(frame.x(0), frame.y(0), frame.x(rayLen * w[0]), frame.y(rayLen * w[1])));
        }
        if (p.subCenters() != null) {
            // the sub-centers besides each class's dominant one: thin dotted rays ending in hollow rings
            int k = p.subCentersPerClass();
            double ring = FigureStyle.point(4);
            for (int row = 0; row < p.subCenters().length; row++) {
                if (row % k == s.dominantSubCenter(row / k)) {
                    continue;
                }
                double[] w = p.subCenters()[row];
                g.setColor(FigureStyle.classColor(datasetClass(row / k)));
                g.setStroke(FigureStyle.dashed(FigureStyle.point(1.0)));
                double ex = frame.x(rayLen * w[0]);
                double ey = frame.y(rayLen * w[1]);
                g.draw(new Line2D.Double(frame.x(0), frame.y(0), ex, ey));
                g.setStroke(new BasicStroke((float) FigureStyle.point(1.6)));
                g.draw(new Ellipse2D.Double(ex - ring, ey - ring, 2 * ring, 2 * ring));
            }
        }
        double radius = FigureStyle.pointRadius(s.embeddings().length > 2000 ? 1.9 : 2.7, side, s.embeddings().length);
        for (int i = 0; i < p.points().length; i++) {
            double[] q = p.points()[i];
            g.setColor(classColor(datasetClass(p.labels()[i])));
            g.fill(new Ellipse2D.Double(frame.x(q[0]) - radius, frame.y(q[1]) - radius, 2 * radius, 2 * radius));
        }
        if (p.centers() != null) {
            for (int j = 0; j < p.centers().length; j++) {
                double[] q = p.centers()[j];
                Marker.cross(g, frame.x(q[0]), frame.y(q[1]), 6, classColor(datasetClass(j)));
            }
        }
        g.setClip(oldClip);
        g.setFont(FigureStyle.tickFont());
        int c = p.weights().length;
        Point2D[] tips = new Point2D[c];
        Rectangle2D[] boxes = new Rectangle2D[c];
        double tipR = FigureStyle.point(3);
        double away = g.getFontMetrics().getHeight() * 0.8;
        for (int j = 0; j < c; j++) {
            double[] w = p.weights()[j];
            tips[j] = new Point2D.Double(frame.x(rayLen * w[0]), frame.y(rayLen * w[1]));
            g.setColor(classColor(datasetClass(j)));
            g.fill(new Ellipse2D.Double(tips[j].getX() - tipR, tips[j].getY() - tipR, 2 * tipR, 2 * tipR));
            double n = Math.max(1e-12, Math.hypot(tips[j].getX() - frame.x(0), tips[j].getY() - frame.y(0)));
            boxes[j] = LabelLayout.box(g, "W" + datasetClass(j), tips[j].getX() + away * (tips[j].getX() - frame.x(0)) / n,
                    tips[j].getY() + away * (tips[j].getY() - frame.y(0)) / n);
        }
        lastMarks = marks(p, regions, frame, plot, rayLen, radius, tipR);
        if (tagsEachClass()) {
            double[][] anchors = new double[c][];
            for (int j = 0; j < c; j++) {
                anchors[j] = new double[] {tips[j].getX(), tips[j].getY()};
            }
            LabelLayout.spread(boxes, plot, lastMarks, anchors, away);
            lastLabels = boxes;
            g.setColor(FigureStyle.ink());
            for (int j = 0; j < c; j++) {
                LabelLayout.draw(g, "W" + datasetClass(j), boxes[j], tips[j].getX(), tips[j].getY(), away);
            }
        } else {
            lastLabels = new Rectangle2D[0];
        }
        if (compact) {
            return;
        }
        double lx = plot.getMaxX() + 20;
        double ly = Legend.classes(g, lx, plot.getY(), p.weights().length, run);
        ly = Legend.lineEntry(g, lx, ly + 6, FigureStyle.muted(), FigureStyle.dashed(2.0),
                p.subCenters() != null ? DOMINANT_SUB_CENTER : "W_j direction");
        if (p.subCenters() != null) {
            ly = Legend.ringEntry(g, lx, ly, OTHER_SUB_CENTERS);
        }
        if (p.centers() != null) {
            ly = Legend.crossEntry(g, lx, ly, "class centre (center loss)");
        }
        if (regions != null) {
            ly = Legend.lineEntry(g, lx, ly, FigureStyle.ink(), new BasicStroke(1.1f), "decision boundary");
            if (!regions.marginRuns().isEmpty()) {
                Legend.boxEntry(g, lx, ly, marginShade(40), "margin region");
            }
        }
    }

    /** Legend entries of a head with sub-centers (shared with the sphere). */
    static final String DOMINANT_SUB_CENTER = "W_j: dominant sub-center";
    static final String OTHER_SUB_CENTERS = "other sub-centers";

    /** Every mark the W_j labels keep clear of, in pixels: points, rays and their tips, centres, boundary lines. */
    private static LabelLayout.Marks marks(Projection p, Regions regions, PlotFrame frame, Rectangle2D plot, double rayLen,
                                           double radius, double tipR) {
        LabelLayout.Marks m = new LabelLayout.Marks();
        for (double[] q : p.points()) {
            m.dot(frame.x(q[0]), frame.y(q[1]), radius);
        }
        for (double[] w : p.weights()) {
            m.line(frame.x(0), frame.y(0), frame.x(rayLen * w[0]), frame.y(rayLen * w[1]));
            m.dot(frame.x(rayLen * w[0]), frame.y(rayLen * w[1]), tipR);
        }
        if (p.subCenters() != null) {
            for (double[] w : p.subCenters()) {
                m.line(frame.x(0), frame.y(0), frame.x(rayLen * w[0]), frame.y(rayLen * w[1]));
                m.dot(frame.x(rayLen * w[0]), frame.y(rayLen * w[1]), FigureStyle.point(4));
            }
        }
        if (p.centers() != null) {
            for (double[] q : p.centers()) {
                m.dot(frame.x(q[0]), frame.y(q[1]), 6);
            }
        }
        if (regions != null) {
            double reach = Math.hypot(plot.getWidth(), plot.getHeight());
            for (double b : regions.boundaries()) {
                // the boundary ray as far as the plot shows it
                m.line(frame.x(0), frame.y(0), frame.x(0) + reach * Math.cos(b), frame.y(0) - reach * Math.sin(b));
            }
        }
        return m;
    }

    /** The W_j labels' ink boxes in the last paint, for tests; empty before the first. */
    public java.util.List<Rectangle2D> lastLabels() {
        return java.util.List.of(lastLabels);
    }

    /** The marks of the last paint that {@code box} touches (see {@link LabelLayout.Marks#touched}), for tests. */
    public java.util.List<String> marksUnder(Rectangle2D box) {
        return lastMarks == null ? java.util.List.of() : lastMarks.touched(box);
    }

    /** Half-width of the raw view: the largest finite |coordinate|, padded so no point is cut at the edge. */
    static double extent(double[][] pts) {
        // a diverged run may hold NaN or ∞ features: they must not decide the axis range
        double q = Arrays.stream(pts).flatMapToDouble(Arrays::stream).map(Math::abs)
                .filter(Double::isFinite).max().orElse(1);
        return q > 0 ? q * 1.08 : 1;
    }

    /** The margin wedges' tint: the look's ink, faint, so they show on a dark figure too. */
    private static Color marginShade(int alpha) {
        Color ink = FigureStyle.ink();
        return new Color(ink.getRed(), ink.getGreen(), ink.getBlue(), alpha);
    }

    /** A comparison cell's one-line title: the head with the parameters in force, e.g. "ArcFace s = 16, m = 0.2". */
    static String compactTitle(RunData run, IterationSnapshot s) {
        return run.paramsLabel(s) != null ? run.paramsLabel(s) : run.label();
    }

    /**
     * A comparison cell's header: the head and its parameters on one line where they fit the cell, else
     * broken after the first parameter onto a second line ("ArcFace s = 6.6 → 16," / "m = 0.0064 → 0.2
     * (warm-up)"), or, where even that is too long, after the head's name ("AM-Softmax / CosFace" / "s = 1.4 → 16,
     * m = 0.0026 → 0.1 (warm-up)"), so a narrow cell shows every value instead of cutting them short.
     */
    static Rectangle2D compactHeader(Graphics2D g, Rectangle2D area, String title) {
        g.setFont(FigureStyle.titleFont());
        double room = area.getWidth() - 8;
        int cut = title.indexOf(", ");
        if (cut < 0 || g.getFontMetrics().getStringBounds(title, g).getWidth() <= room) {
            return FigureStyle.header(g, area, title, null);
        }
        String first = title.substring(0, cut + 1);
        int eq = title.indexOf(" = ");
        int params = eq < 0 ? -1 : title.lastIndexOf(' ', eq - 1);
        if (g.getFontMetrics().getStringBounds(first, g).getWidth() > room && params > 0) {
            // a long head name ("AM-Softmax / CosFace") and a warm-up: the head alone, every parameter under it
            return FigureStyle.header(g, area, title.substring(0, params), title.substring(params + 1), false);
        }
        return FigureStyle.header(g, area, first, title.substring(cut + 2), false);
    }

    /**
     * Compact: for a cell of a comparison — the head and its parameters as the only title line, no axis
     * titles and no class legend (the comparison shows one legend for all cells).
     */
    public void setCompact(boolean compact) {
        this.compact = compact;
    }

    @Override
    public List<String[]> csv() {
        List<String[]> rows = new ArrayList<>();
        IterationSnapshot s = snapshot();
        boolean sub = s != null && s.subCenters() != null;
        rows.add(sub ? new String[] {"kind", "class", "class_name", "x", "y", "id", "theta_y_rad", "p_y", "sub_center",
            "dominant"} : new String[] {"kind", "class", "class_name", "x", "y", "id", "theta_y_rad", "p_y"});
        if (s == null) {
            return rows;
        }
        Projection p = project(s);
        HeadFunctions f = headAt(run, s);
        for (int i = 0; i < p.points().length; i++) {
            int y = datasetClass(p.labels()[i]);
            rows.add(new String[] {"point", Integer.toString(y), className(y),
                CsvNumbers.of(p.points()[i][0]), CsvNumbers.of(p.points()[i][1]), sampleId(s, i),
                CsvNumbers.of(s.thetaY()[i]), targetProbability(f, s, i)});
        }
        for (int j = 0; j < p.weights().length; j++) {
            rows.add(new String[] {"weight_direction", Integer.toString(datasetClass(j)), className(datasetClass(j)),
                CsvNumbers.of(p.weights()[j][0]), CsvNumbers.of(p.weights()[j][1]), "", "", ""});
        }
        if (sub) {
            int k = p.subCentersPerClass();
            for (int row = 0; row < p.subCenters().length; row++) {
                int j = row / k;
                rows.add(new String[] {"sub_center", Integer.toString(datasetClass(j)), FigureStyle.className(datasetClass(j)),
                    CsvNumbers.of(p.subCenters()[row][0]), CsvNumbers.of(p.subCenters()[row][1]), "", "", "",
                    Integer.toString(row % k), Boolean.toString(row % k == s.dominantSubCenter(j))});
            }
        }
        if (p.centers() != null) {
            for (int j = 0; j < p.centers().length; j++) {
                rows.add(new String[] {"center", Integer.toString(datasetClass(j)), className(datasetClass(j)),
                    CsvNumbers.of(p.centers()[j][0]), CsvNumbers.of(p.centers()[j][1]), "", "", ""});
            }
        }
        Regions reg = regions(s);
        if (reg != null) {
            for (double b : reg.boundaries()) {
                rows.add(new String[] {"decision_boundary", "", "", CsvNumbers.of(Math.cos(b)), CsvNumbers.of(Math.sin(b)), "", "", ""});
            }
            for (double[] m : reg.marginRuns()) {
                rows.add(new String[] {"margin_region_start", "", "", CsvNumbers.of(Math.cos(m[0])), CsvNumbers.of(Math.sin(m[0])), "", "", ""});
                rows.add(new String[] {"margin_region_end", "", "", CsvNumbers.of(Math.cos(m[1])), CsvNumbers.of(Math.sin(m[1])), "", "", ""});
            }
        }
        return sub ? rows.stream().map(r -> Arrays.copyOf(r, 10)).map(r -> {
            Arrays.setAll(r, i -> r[i] == null ? "" : r[i]);
            return r;
        }).toList() : rows;
    }

    /** The Fashion-MNIST class of head class j, by which points, legend and CSV name and colour it. */
    private int datasetClass(int j) {
        return run == null ? j : run.datasetClass(j);
    }

    /** The run's head at the parameters in force at snapshot s, for the probes' P_y; null when they are unknown. */
    static HeadFunctions headAt(RunData run, IterationSnapshot s) {
        HeadParams params = run == null ? null : run.paramsAt(s);
        return params == null || run.config() == null ? null : HeadFunctions.of(run.config().head(), params);
    }

    /** Probe i's P_y at the snapshot (as the hover card shows it) for the CSV; empty when the head is unknown. */
    static String targetProbability(HeadFunctions f, IterationSnapshot s, int i) {
        return f == null ? "" : CsvNumbers.of(f.targetProbability(s.embeddings()[i], s.weightsSeenBy(s.embeddings()[i]), s.probeLabels()[i]));
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

    /** The probe's sample id (its index in the test set) for the CSV; empty for runs recorded without ids. */
    static String sampleId(IterationSnapshot s, int i) {
        return s.probeIds() == null ? "" : Integer.toString(s.probeIds()[i]);
    }
}
