package org.marginlab.figures.export;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.marginlab.UserException;
import org.marginlab.figures.Figure;

/**
 * The files one export is about to write, named before anything is written: so that no two figures share
 * a file (two figures with one name is a bug, and fails before a byte is written), so that the caller can
 * ask before replacing files that exist, and so that the count reported is the count of distinct files.
 */
public final class ExportPlan {

    /** One file: a figure, the stem of its file name, format and PNG scale. */
    public record Item(Figure figure, String stem, ExportFormat format, int scale) {
        public String fileName() {
            return stem + "." + format.extension();
        }
    }

    private final Path dir;
    private final List<Item> items = new ArrayList<>();
    private final Set<String> names = new HashSet<>();

    public ExportPlan(Path dir) {
        this.dir = dir;
    }

    /**
     * A file stem that names the run, the head and the figure, e.g. {@code 20261201-031500-arcface-embedding-sphere}
     * (a run directory's name already ends with its head, which is then not repeated) or
     * {@code compare-cosface-embedding-circle}. Characters unsafe in file names become '-'.
     */
    public static String stem(String run, String head, String figureId) {
        StringBuilder b = new StringBuilder();
        if (run != null && !run.isBlank()) {
            b.append(run.strip());
        }
        if (head != null && !head.isBlank() && !b.toString().endsWith(head)) {
            b.append(b.isEmpty() ? "" : "-").append(head);
        }
        b.append(b.isEmpty() ? "" : "-").append(figureId);
        return b.toString().replaceAll("[^A-Za-z0-9._=+-]+", "-");
    }

    /** Adds one file; a stem and format already planned is an IllegalStateException (two figures, one file). */
    public ExportPlan add(Figure figure, String stem, ExportFormat format, int scale) {
        Item item = new Item(figure, stem, format, scale);
        if (!names.add(item.fileName())) {
            throw new IllegalStateException("two figures would both be written to " + item.fileName());
        }
        items.add(item);
        return this;
    }

    /** Adds the figure in each format (PNG at {@code scale}). */
    public ExportPlan add(Figure figure, String stem, List<ExportFormat> formats, int scale) {
        for (ExportFormat f : formats) {
            add(figure, stem, f, scale);
        }
        return this;
    }

    public Path dir() {
        return dir;
    }

    public List<Item> items() {
        return List.copyOf(items);
    }

    public List<Path> targets() {
        return items.stream().map(i -> dir.resolve(i.fileName())).toList();
    }

    /** The planned files that exist already and would be replaced. */
    public List<Path> existing() {
        return targets().stream().filter(Files::exists).toList();
    }

    /**
     * A one-line UserException naming the first file that exists (and how many more), unless
     * {@code force}: what the command line says instead of replacing files silently.
     */
    public void refuseOverwrite(boolean force) {
        List<Path> there = existing();
        if (!force && !there.isEmpty()) {
            throw new UserException(there.getFirst() + " exists" + (there.size() > 1 ? " (and " + (there.size() - 1)
                    + " more of the files to write)" : "") + "; add --force to replace them, or choose another --out");
        }
    }

    /**
     * Writes every planned file and returns them in plan order. Figures are independent objects, so they
     * are drawn and encoded in parallel (PNG encoding is most of an export's time); a figure planned in
     * several formats is written by one task, since a figure is not thread-safe. The caller must not touch
     * the figures until this returns.
     */
    public List<Path> write() {
        FigureExporter.ensureDirectory(dir);
        List<List<Item>> byFigure = new ArrayList<>();
        for (Item i : items) {
            List<Item> group = byFigure.stream().filter(g -> g.getFirst().figure() == i.figure()).findFirst().orElse(null);
            if (group == null) {
                byFigure.add(group = new ArrayList<>());
            }
            group.add(i);
        }
        int threads = Math.max(1, Math.min(byFigure.size(), Runtime.getRuntime().availableProcessors()));
        try (ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "figure-export");
            t.setDaemon(true);
            return t;
        })) {
            List<Future<List<Path>>> jobs = new ArrayList<>();
            for (List<Item> group : byFigure) {
                jobs.add(pool.submit(() -> group.stream()
                        .map(i -> FigureExporter.write(i.figure(), dir, i.stem(), i.format(), i.scale())).toList()));
            }
            List<Path> written = new ArrayList<>();
            for (Future<List<Path>> j : jobs) {
                written.addAll(j.get());
            }
            // plan order, whatever order the groups finished in
            List<Path> order = targets();
            written.sort(java.util.Comparator.comparingInt(order::indexOf));
            return written;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("figure export failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserException("figure export was interrupted; run it again");
        }
    }
}
