package org.marginlab.ui.export;

import java.nio.file.Path;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

import org.marginlab.figures.Figure;
import org.marginlab.figures.RunData;
import org.marginlab.figures.web.WebPage;
import org.marginlab.figures.export.ExportFormat;
import org.marginlab.figures.export.ExportPlan;
import org.marginlab.figures.export.FigureExporter;
import org.marginlab.ui.viewmodel.BackgroundExecutor;
import org.marginlab.ui.viewmodel.WorkbenchViewModel;
import org.marginlab.ui.viewmodel.RunModel;
import org.marginlab.ui.views.DialogLook;
import org.marginlab.ui.views.FigureView;

/**
 * File → Export all, each view's Export and the timeline's replay GIF: every file named after the run, head and figure
 * ({@link FigureView#exportStem}), planned before anything is written so that no two figures share a
 * file, and a confirmation before files that exist are replaced. Figures are copied on the FX thread
 * and rendered on a worker.
 */
public final class ExportActions {
    /** Export all writes each figure in every format: PNG at the chosen scale, SVG and its plotted data. */
    static final List<ExportFormat> ALL_FORMATS = List.of(ExportFormat.PNG, ExportFormat.SVG, ExportFormat.CSV);

    /** What the exports take from the window: its figure views, its run tabs and the comparison's panels. */
    public interface Views {
        /** Every figure view: the run tabs, the Open set tab, the comparison's cells and the Theory cells. */
        List<FigureView> all();

        /** The run tabs, the embedding first (a replay shows the selected one, else the embedding). */
        List<FigureView> runViews();

        /** The selected tab's name. */
        String selectedTab();

        /** The compared runs' cells as one figure under its file stem, or null when nothing is compared. */
        Panels panels();
    }

    /** The comparison's cells drawn as one figure, and the stem of its file names. */
    public record Panels(Figure figure, String stem) {
    }

    private final Views window;
    private final WorkbenchViewModel model;
    private final BackgroundExecutor executor;
    private final FileDialogs dialogs;
    private final Supplier<Window> owner;
    private BiPredicate<Path, List<Path>> confirmReplace = this::askReplace;

    public ExportActions(Views window, WorkbenchViewModel model, BackgroundExecutor executor, FileDialogs dialogs,
                  Supplier<Window> owner) {
        this.window = window;
        this.model = model;
        this.executor = executor;
        this.dialogs = dialogs;
        this.owner = owner;
    }

    /** Replaces the confirmation dialog (tests answer it): gets the folder and the files that exist. */
    public void setConfirmReplace(BiPredicate<Path, List<Path>> confirm) {
        confirmReplace = confirm;
    }

    /** Every figure with data, plus the comparison's panels in one figure, in every format, into {@code dir}. */
    public ExportPlan planAll(Path dir, int scale) {
        ExportPlan plan = new ExportPlan(dir);
        for (FigureView v : window.all()) {
            Figure f = v.freshFigure();
            if (f.hasData()) {
                plan.add(f, v.exportStem(f), ALL_FORMATS, scale);
            }
        }
        Panels panels = window.panels();
        if (panels != null && panels.figure().hasData()) {
            plan.add(panels.figure(), panels.stem(), ALL_FORMATS, scale);
        }
        return plan;
    }

    /**
     * Writes {@link #planAll} after asking before replacing existing files; {@code done} (may be null) gets the
     * written files on the FX thread. The message counts the files written, which are all distinct.
     */
    public void exportAll(Path dir, int scale, Consumer<List<Path>> done) {
        ExportPlan plan = planAll(dir, scale);
        write(plan, written -> {
            model.notify("Exported " + written.size() + " files (" + plan.items().stream().map(i -> i.figure()).distinct().count()
                    + " figures as PNG, SVG and CSV) to " + dir);
            if (done != null) {
                done.accept(written);
            }
        });
    }

    /** File → Export all…: a folder, then {@link #exportAll} at 2×. */
    public void chooseAndExportAll() {
        dialogs.folder("Export all figures to").ifPresent(d -> exportAll(d, 2, null));
    }

    /** A view's Export: a file name in a save dialog (which asks before replacing), then one figure. */
    public void chooseAndExport(FigureView view, ExportFormat format, int scale) {
        Figure f = view.freshFigure();
        dialogs.saveFile("Export " + view.name(), view.exportStem(f) + "." + format.extension(), format.name(),
                format.extension()).ifPresent(file -> {
            String name = file.getFileName().toString();
            String ext = "." + format.extension();
            String stem = name.toLowerCase(java.util.Locale.ROOT).endsWith(ext) ? name.substring(0, name.length() - ext.length()) : name;
            executor.submit(() -> FigureExporter.write(f, file.getParent(), stem, format, scale),
                    path -> model.notify("Exported " + path.getFileName() + " to " + path.getParent()),
                    failure -> model.notify(WorkbenchViewModel.describe("Export failed", failure)));
        });
    }

    /** Timeline → Replay GIF → Export: a file name in a save dialog, then {@link #exportReplay}. */
    public void chooseAndExportReplay(double fps, double seconds) {
        String stem = replayView().name().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + "-replay";
        dialogs.saveFile("Write the replay GIF", FigureView.runStem(model, stem) + ".gif", "Animated GIF", "gif")
                .ifPresent(f -> exportReplay(f, fps, seconds, null));
    }

    /**
     * Writes the replay of the selected run tab (the embedding when a tab shows no run) as an animated GIF
     * of {@code seconds} at {@code fps} frames a second to {@code file}; {@code done} (may be null) gets it.
     */
    public void exportReplay(Path file, double fps, double seconds, Consumer<Path> done) {
        RunModel r = model.control().runProperty().get();
        if (r == null || r.history().isEmpty()) {
            model.notify("Nothing to replay yet: start or open a run first.");
            return;
        }
        org.marginlab.figures.RunData data = r.toRunData();
        FigureView view = replayView();
        List<ReplayGif.Frame> plan = ReplayGif.plan(data.iterations().size(), fps, seconds);
        List<Figure> frames = new java.util.ArrayList<>();
        for (ReplayGif.Frame f : plan) {
            frames.add(view.replayFrame(data.upTo(data.iterations().get(f.snapshot()).iteration())));
        }
        int[] delays = plan.stream().mapToInt(ReplayGif.Frame::centiseconds).toArray();
        executor.submit(() -> ReplayGif.write(frames, delays, file, 1),
                path -> {
                    model.notify("Wrote the replay (" + frames.size() + " pictures, "
                            + org.marginlab.figures.Fmt.num(seconds) + " s) to " + path);
                    if (done != null) {
                        done.accept(path);
                    }
                },
                failure -> model.notify(WorkbenchViewModel.describe("GIF export failed", failure)));
    }

    /**
     * File → Export web page…: the run shown (the comparison's runs side by side when the Compare tab shows
     * one) as one self-contained HTML file; see {@link #exportWebPage}.
     */
    public void chooseAndExportWebPage() {
        boolean compared = "Compare".equals(window.selectedTab()) && !model.compare().compareRuns().isEmpty();
        String stem = compared ? "compare-" + model.compare().compareRuns().size() + "-heads" : FigureView.runStem(model, "web");
        dialogs.saveFile("Export web page", stem + ".html", "Web page", "html").ifPresent(f -> exportWebPage(f, compared, null));
    }

    /**
     * Writes the web page of the current run, or of the comparison's runs with {@code compared}, to
     * {@code file} on a worker; the notification bar shows its progress, then the file, its size and any
     * thinning notice. {@code done} (may be null) gets the file on the FX thread.
     */
    public void exportWebPage(Path file, boolean compared, Consumer<Path> done) {
        List<RunData> runs = new java.util.ArrayList<>();
        List<String> names = new java.util.ArrayList<>();
        if (compared) {
            List<RunModel> models = model.compare().compareRuns();
            List<Path> dirs = model.compare().compareDirectories();
            for (int i = 0; i < models.size(); i++) {
                if (!models.get(i).history().isEmpty()) {
                    runs.add(models.get(i).toRunData());
                    names.add(i < dirs.size() ? dirs.get(i).getFileName().toString() : models.get(i).title());
                }
            }
        } else {
            RunModel r = model.control().runProperty().get();
            if (r != null && !r.history().isEmpty()) {
                Path dir = model.control().runDirectoryProperty().get();
                runs.add(r.toRunData());
                names.add(dir == null ? r.title() : dir.getFileName().toString());
            }
        }
        if (runs.isEmpty()) {
            model.notify("Nothing to put on a web page yet: start or open a run first.");
            return;
        }
        List<RunData> labelled = RunData.labelledApart(runs, names);
        model.notify("Writing the web page… 0 %");
        int[] shown = {0};
        executor.submit(() -> WebPage.write(file, labelled, names, f -> {
                    int pct = (int) Math.floor(f * 100);
                    if (pct >= shown[0] + 5) { // a step every 5 % is enough for a task of seconds
                        shown[0] = pct;
                        onFx(() -> model.notify("Writing the web page… " + pct + " %"));
                    }
                }),
                w -> {
                    model.notify("Wrote the web page (" + String.format(java.util.Locale.ROOT, "%.1f MB", w.bytes() / 1e6) + ") to " + w.file()
                            + (w.notices().isEmpty() ? "" : ". " + String.join(" ", w.notices())));
                    if (done != null) {
                        done.accept(w.file());
                    }
                },
                failure -> model.notify(WorkbenchViewModel.describe("Web page export failed", failure)));
    }

    private static void onFx(Runnable r) {
        if (javafx.application.Platform.isFxApplicationThread()) {
            r.run();
        } else {
            javafx.application.Platform.runLater(r);
        }
    }

    /** The run view a replay GIF shows: the selected tab's, else the embedding. */
    private FigureView replayView() {
        List<FigureView> runViews = window.runViews();
        return runViews.stream().filter(v -> v.getParent() != null && v.isVisible()
                && v.name().equals(window.selectedTab())).findFirst().orElse(runViews.get(0));
    }

    /** Writes the plan on a worker, once replacing the files that exist is confirmed. */
    private void write(ExportPlan plan, Consumer<List<Path>> written) {
        List<Path> existing = plan.existing();
        if (!existing.isEmpty() && !confirmReplace.test(plan.dir(), existing)) {
            model.notify("Export cancelled: nothing was written to " + plan.dir());
            return;
        }
        executor.submit(plan::write, written,
                failure -> model.notify(WorkbenchViewModel.describe("Export failed", failure)));
    }

    private boolean askReplace(Path dir, List<Path> existing) {
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, existing.size() + " of the files to write exist in " + dir
                + ", e.g. " + existing.getFirst().getFileName() + ". Replace them?", ButtonType.CANCEL, ButtonType.OK);
        a.setHeaderText("Replace existing files?");
        a.initOwner(owner.get());
        DialogLook.follow(a, owner.get());
        return a.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
    }
}
