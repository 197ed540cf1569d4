package org.marginlab.figures.web;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleConsumer;
import javax.imageio.ImageIO;
import org.marginlab.config.ConfigField;
import org.marginlab.config.TrainConfig;
import org.marginlab.data.Split;
import org.marginlab.figures.ColorMap;
import org.marginlab.figures.Figure;
import org.marginlab.figures.FigureStyle;
import org.marginlab.figures.RunData;
import org.marginlab.figures.angles.AngleHistogramFigure;
import org.marginlab.figures.angles.AngleStatsFigure;
import org.marginlab.figures.angles.AngleStatsTableFigure;
import org.marginlab.figures.embedding.EmbeddingCircleFigure;
import org.marginlab.figures.embedding.EmbeddingSphereFigure;
import org.marginlab.figures.export.FigureExporter;
import org.marginlab.figures.training.SimilarityMatrixFigure;
import org.marginlab.figures.training.TrainingCurvesFigure;
import org.marginlab.loss.HeadKind;
import org.marginlab.run.EpochSnapshot;
import org.marginlab.run.IterationSnapshot;

/**
 * What the web page shows, as one JSON tree: every number in it is a cell of a figure's {@link Figure#csv()}
 * (the embedding of each kept snapshot, training curves with their live-change markers, angle statistics,
 * θ_y histograms per epoch and class, the similarity matrix per epoch), written as the CSV files write it,
 * so the page reads to the digit what {@code marginlab figures --format csv} writes. The page parses those
 * CSV texts; it computes nothing but pixel positions and the bins of the probes' θ_y.
 *
 * <p>A run too big for the page's budget is thinned: every k-th embedding snapshot (the last always kept,
 * the same k for every run of a comparison, so the shared timeline stays aligned), at most
 * {@value #MAX_SIMILARITY_EPOCHS} epochs' similarity matrices and pictures for at most
 * {@value #MAX_PICTURES} probes; {@link #notice} says which.
 */
final class WebPageData {

    /** The whole page's size aimed at, under the 6 MB a run's page may take. */
    static final long PAGE_BUDGET = 5_800_000;
    /** Room for the page's script and style and uPlot (about 110 kB together). */
    static final long ASSETS = 150_000;
    static final int MAX_SIMILARITY_EPOCHS = 6;
    static final int MAX_PICTURES = 2_000;
    /** Columns of the probes' picture sheet. */
    static final int SHEET_COLUMNS = 50;

    private final List<String> notices = new ArrayList<>();

    /**
     * The page's data for runs shown side by side (one run: a single cell), each with its run directory's
     * name; {@code test} (the Fashion-MNIST test split) gives the probes' pictures, null for none.
     */
    JsonObject build(List<RunData> runs, List<String> names, Split test, DoubleConsumer progress) {
        JsonObject root = new JsonObject();
        JsonArray out = new JsonArray();
        int total = runs.stream().mapToInt(r -> r.iterations().size()).sum() + runs.size();
        int[] done = {0};
        Runnable tick = () -> progress.accept(++done[0] / (double) total);
        for (int i = 0; i < runs.size(); i++) {
            out.add(run(runs.get(i), names.get(i), i, test, tick));
        }
        root.add("runs", out);
        root.addProperty("curves", csvText(figure(new TrainingCurvesFigure(), runs)));
        root.addProperty("angleStats", csvText(figure(new AngleStatsFigure(), runs)));
        root.addProperty("angleTable", csvText(figure(new AngleStatsTableFigure(), runs)));
        root.add("classColors", colours(10, FigureStyle::classColor));
        root.add("seriesColors", colours(8, FigureStyle::seriesColor));
        root.add("classNames", strings(FigureStyle.CLASS_NAMES));
        JsonArray diverging = new JsonArray();
        for (int k = 0; k <= 200; k++) {
            diverging.add(hex(ColorMap.DIVERGING.color(-1 + k / 100.0)));
        }
        root.add("diverging", diverging);
        // the embeddings get what the rest leaves of the page's budget
        embeddingBudget = Math.max(PAGE_BUDGET / 10, PAGE_BUDGET - ASSETS - root.toString().length());
        int stride = stride(runs, embeddingBudget);
        for (int i = 0; i < runs.size(); i++) {
            out.get(i).getAsJsonObject().add("snapshots", snapshots(runs.get(i), stride, tick));
        }
        if (stride > 1) {
            int n = runs.stream().mapToInt(r -> r.iterations().size()).max().orElse(0);
            notices.addFirst("Thinned to fit the page: the embedding shows every " + ordinal(stride) + " of the " + n
                    + " snapshots (" + kept(n, stride).size() + ", the last included); the curves and statistics keep all. "
                    + "The run directory keeps every snapshot (the window's timeline shows them).");
        }
        root.add("notices", strings(notices));
        progress.accept(1);
        return root;
    }

    private long embeddingBudget;

    /** The bytes of embedding CSV the last {@link #build} allowed the runs together. */
    long embeddingBudget() {
        return embeddingBudget;
    }

    /** The notices the page shows, in order (thinning, missing pictures). */
    List<String> notices() {
        return List.copyOf(notices);
    }

    private JsonObject run(RunData r, String name, int index, Split test, Runnable tick) {
        JsonObject o = new JsonObject();
        TrainConfig c = r.config();
        IterationSnapshot last = r.lastIteration();
        int dim = last == null ? (c == null ? 0 : c.dim()) : last.dimension();
        o.addProperty("label", r.label());
        o.addProperty("directory", name);
        o.addProperty("dim", dim);
        o.addProperty("color", hex(FigureStyle.seriesColor(index)));
        if (c != null) {
            HeadKind h = c.head();
            o.addProperty("head", h.id());
            o.addProperty("headName", h.displayName());
            o.addProperty("formula", h.type().formula());
            o.addProperty("summary", h.type().summary());
            o.addProperty("explanation", h.type().explanation());
            o.addProperty("schedule", r.scheduleNote());
            o.add("settings", settings(c));
        }
        JsonArray classes = new JsonArray();
        int count = last == null ? 0 : last.classCount();
        for (int j = 0; j < count; j++) {
            classes.add(r.datasetClass(j));
        }
        o.add("classes", classes);
        o.addProperty("embeddingKind", dim == 2 ? "circle" : "sphere");
        o.add("histograms", histograms(r, count));
        o.add("similarity", similarity(r));
        if (test != null && last != null && last.probeIds() != null) {
            o.add("pictures", pictures(r, last, test));
        } else if (last != null) {
            notices.add(r.label() + ": no probe pictures on hover ("
                    + (last.probeIds() == null ? "the run was recorded without sample ids" : "the Fashion-MNIST test set was not found")
                    + ").");
        }
        tick.run();
        return o;
    }

    /** Every {@code stride}-th snapshot's embedding (and the last), with its iteration, epoch and live parameters. */
    private static JsonArray snapshots(RunData r, int stride, Runnable tick) {
        JsonArray snaps = new JsonArray();
        IterationSnapshot last = r.lastIteration();
        int dim = last == null ? 0 : last.dimension();
        for (int i : kept(r.iterations().size(), stride)) {
            IterationSnapshot s = r.iterations().get(i);
            JsonObject so = new JsonObject();
            so.addProperty("iteration", s.iteration());
            so.addProperty("epoch", s.epoch() + 1);
            String params = r.paramsLabel(s);
            if (params != null) {
                so.addProperty("params", params);
            }
            so.addProperty("csv", csvText(columns(embedding(r, dim, i).csv(), EMBEDDING_COLUMNS)));
            snaps.add(so);
            tick.run();
        }
        return snaps;
    }

    /** The snapshot's embedding figure, as {@code marginlab figures} draws it: normalised circle, or sphere. */
    private static Figure embedding(RunData r, int dim, int snapshot) {
        if (dim == 2) {
            EmbeddingCircleFigure f = new EmbeddingCircleFigure();
            f.setRun(r);
            f.setSnapshotIndex(snapshot);
            return f;
        }
        EmbeddingSphereFigure f = new EmbeddingSphereFigure();
        f.setRun(r);
        f.setSnapshotIndex(snapshot);
        return f;
    }

    /** Label, value and unit of each setting the run's head reads, in the catalogue's order. */
    private static JsonArray settings(TrainConfig c) {
        JsonArray a = new JsonArray();
        for (ConfigField f : ConfigField.values()) {
            if (!f.appliesTo(c.head())) {
                continue;
            }
            JsonArray row = new JsonArray();
            row.add(f.label());
            row.add(f.text(f.get(c)));
            row.add(f.unit() == null ? "" : f.unit());
            a.add(row);
        }
        return a;
    }

    /** The θ_y histogram CSV of every epoch for all classes ("all") and for each class (its Fashion-MNIST number). */
    private static JsonObject histograms(RunData r, int classes) {
        JsonObject o = new JsonObject();
        if (r.epochs().isEmpty()) {
            return o;
        }
        for (int j = -1; j < classes; j++) {
            AngleHistogramFigure h = new AngleHistogramFigure();
            h.setRun(r);
            h.setSelectedClass(j);
            o.addProperty(j < 0 ? "all" : Integer.toString(r.datasetClass(j)), csvText(h.csv()));
        }
        return o;
    }

    private JsonArray similarity(RunData r) {
        JsonArray a = new JsonArray();
        int n = r.epochs().size();
        List<Integer> keep = kept(n, (int) Math.ceil(n / (double) MAX_SIMILARITY_EPOCHS));
        if (keep.size() < n) {
            notices.add(r.label() + ": similarity matrices of " + keep.size() + " of the " + n + " epochs (every "
                    + ordinal((int) Math.ceil(n / (double) MAX_SIMILARITY_EPOCHS)) + ", the last included).");
        }
        for (int e : keep) {
            EpochSnapshot es = r.epochs().get(e);
            SimilarityMatrixFigure f = new SimilarityMatrixFigure();
            f.setRun(r);
            f.setEpochIndex(e);
            if (!f.hasData()) {
                continue;
            }
            JsonObject o = new JsonObject();
            o.addProperty("epoch", es.epoch() + 1);
            o.addProperty("iteration", es.iteration());
            o.addProperty("csv", csvText(f.csv()));
            a.add(o);
        }
        return a;
    }

    /**
     * The probes' 28 × 28 pictures in one grey PNG sheet, {@value #SHEET_COLUMNS} a row, and each sample id's
     * place in it; at most {@value #MAX_PICTURES} probes (the first of each class).
     */
    private JsonObject pictures(RunData r, IterationSnapshot s, Split test) {
        int[] ids = s.probeIds();
        int size = test.rows() * test.cols();
        Map<Integer, Integer> place = new LinkedHashMap<>();
        int perClass = Math.max(1, MAX_PICTURES / Math.max(1, s.classCount()));
        int[] taken = new int[s.classCount()];
        for (int i = 0; i < ids.length; i++) {
            int y = s.probeLabels()[i];
            if (!place.containsKey(ids[i]) && taken[y] < perClass && ids[i] >= 0 && ids[i] < test.count()) {
                taken[y]++;
                place.put(ids[i], place.size());
            }
        }
        if (place.size() < ids.length) {
            notices.add(r.label() + ": pictures on hover for " + place.size() + " of the " + ids.length
                    + " probes (the first " + perClass + " of each class).");
        }
        int cols = Math.min(SHEET_COLUMNS, Math.max(1, place.size()));
        int rows = (place.size() + cols - 1) / cols;
        BufferedImage sheet = new BufferedImage(cols * test.cols(), Math.max(1, rows) * test.rows(), BufferedImage.TYPE_BYTE_GRAY);
        byte[] px = ((java.awt.image.DataBufferByte) sheet.getRaster().getDataBuffer()).getData();
        JsonObject index = new JsonObject();
        for (Map.Entry<Integer, Integer> e : place.entrySet()) {
            int k = e.getValue();
            int ox = (k % cols) * test.cols();
            int oy = (k / cols) * test.rows();
            for (int y = 0; y < test.rows(); y++) {
                System.arraycopy(test.pixels(), e.getKey() * size + y * test.cols(), px, (oy + y) * sheet.getWidth() + ox, test.cols());
            }
            index.addProperty(Integer.toString(e.getKey()), k);
        }
        JsonObject o = new JsonObject();
        o.addProperty("png", "data:image/png;base64," + Base64.getEncoder().encodeToString(png(sheet)));
        o.addProperty("columns", cols);
        o.addProperty("width", test.cols());
        o.addProperty("height", test.rows());
        o.add("index", index);
        return o;
    }

    /**
     * Every k-th snapshot so that the embeddings of all runs fit {@code budget} bytes, estimated from each
     * run's largest of five sampled snapshots; 1 when they fit whole.
     */
    static int stride(List<RunData> runs, long budget) {
        long bytes = 0;
        for (RunData r : runs) {
            int n = r.iterations().size();
            if (n == 0) {
                continue;
            }
            int dim = r.lastIteration().dimension();
            // the largest of five snapshots spread over the run: early ones, spread wide, print longer numbers
            long most = 0;
            for (int i : java.util.stream.IntStream.of(0, n / 4, n / 2, 3 * n / 4, n - 1).distinct().toArray()) {
                most = Math.max(most, csvText(columns(embedding(r, dim, i).csv(), EMBEDDING_COLUMNS)).length());
            }
            bytes += n * most;
        }
        return (int) Math.max(1, Math.ceil(bytes / (double) budget));
    }

    /** Indices 0, k, 2k, … of n, and n − 1. */
    static List<Integer> kept(int n, int k) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < n; i += Math.max(1, k)) {
            out.add(i);
        }
        if (n > 0 && out.getLast() != n - 1) {
            out.add(n - 1);
        }
        return out;
    }

    /**
     * The embedding CSV's columns the page reads (its cells unchanged): not the class names, which the page
     * has once, nor the sphere's screen position at the exporter's camera, which the page's own camera sets.
     */
    static final java.util.Set<String> EMBEDDING_COLUMNS = java.util.Set.of("kind", "class", "x", "y", "x1", "x2", "x3", "id",
            "theta_y_rad", "p_y");

    /** The rows with only the named columns, in their order. */
    static List<String[]> columns(List<String[]> rows, java.util.Set<String> keep) {
        String[] header = rows.getFirst();
        int[] idx = java.util.stream.IntStream.range(0, header.length).filter(i -> keep.contains(header[i])).toArray();
        return rows.stream().map(r -> java.util.Arrays.stream(idx).mapToObj(i -> r[i]).toArray(String[]::new)).toList();
    }

    private static String ordinal(int k) {
        int tens = k % 100;
        String suffix = tens >= 11 && tens <= 13 ? "th" : switch (k % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return k + suffix;
    }

    private static Figure figure(Figure f, List<RunData> runs) {
        switch (f) {
            case TrainingCurvesFigure t -> t.setRuns(runs);
            case AngleStatsFigure a -> a.setRuns(runs);
            case AngleStatsTableFigure a -> a.setRuns(runs);
            default -> throw new IllegalArgumentException(f.id());
        }
        return f;
    }

    private static String csvText(Figure f) {
        return csvText(f.csv());
    }

    /** The figure's CSV exactly as {@link FigureExporter} writes the file. */
    static String csvText(List<String[]> rows) {
        return new String(FigureExporter.csvBytes(rows), StandardCharsets.UTF_8);
    }

    private static JsonArray colours(int n, java.util.function.IntFunction<Color> c) {
        JsonArray a = new JsonArray();
        for (int i = 0; i < n; i++) {
            a.add(hex(c.apply(i)));
        }
        return a;
    }

    private static JsonArray strings(List<String> s) {
        JsonArray a = new JsonArray();
        s.forEach(a::add);
        return a;
    }

    private static String hex(Color c) {
        return String.format("#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }

    private static byte[] png(BufferedImage img) {
        try (ByteArrayOutputStream b = new ByteArrayOutputStream()) {
            ImageIO.write(img, "png", b);
            return b.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("PNG encoding failed in memory", e);
        }
    }
}
