package org.marginlab.ui;

import org.marginlab.ui.viewmodel.WorkbenchViewModel;
import org.marginlab.ui.viewmodel.WorkbenchPreferences;
import org.marginlab.ui.viewmodel.BackgroundExecutor;
import org.marginlab.ui.viewmodel.TrainingBackend;
import org.marginlab.config.ConfigField;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import java.util.stream.LongStream;
import javax.imageio.ImageIO;

import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Button;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Control;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.marginlab.config.TrainConfig;
import org.marginlab.devtools.ScreenshotMaker;
import org.marginlab.figures.RunData;
import org.marginlab.figures.angles.AngleStatsFigure;
import org.marginlab.figures.export.ExportFormat;
import org.marginlab.loss.HeadKind;
import org.marginlab.run.RunState;
import org.marginlab.ui.compare.CompareCellView;
import org.marginlab.ui.viewmodel.RunModel;
import org.marginlab.ui.viewmodel.SettingsViewModel;
import org.marginlab.ui.views.AngleStatsView;
import org.marginlab.ui.views.EmbeddingView;
import org.marginlab.ui.views.FigureView;
import org.marginlab.ui.views.OverlayRuns;
import org.marginlab.ui.views.TrainingCurvesView;

/** Drives the real window on the headless platform: settings, run control on the real engine, export, reopen. */
class WorkbenchWindowTest {

    @TempDir
    Path tmp;
    @RegisterExtension
    final ShownWindows windows = new ShownWindows();

    private WorkbenchWindow show(TrainingBackend backend) {
        return windows.open(tmp, backend);
    }

    private static Button button(WorkbenchWindow w, String text) {
        return (Button) w.root().lookupAll(".button").stream()
                .filter(n -> n instanceof Button b && text.equals(b.getText())).findFirst().orElseThrow();
    }

    /**
     * Returns once {@code fx} holds, checked on the FX thread now and at every change of the window's
     * state, run, progress, data, notification or starting flag (no polling); fails after two minutes.
     */
    private static void await(WorkbenchWindow w, String what, BooleanSupplier fx) throws Exception {
        CompletableFuture<Void> holds = new CompletableFuture<>();
        List<ObservableValue<?>> changes = ScreenshotMaker.onFx(() -> List.of(w.model().control().stateProperty(),
                w.model().control().runProperty(), w.model().status().progressProperty(), w.model().revision().property(),
                w.model().notificationProperty(), w.model().control().startingProperty()));
        ChangeListener<Object> check = new ChangeListener<>() {
            @Override
            public void changed(ObservableValue<?> o, Object was, Object now) {
                if (!holds.isDone() && fx.getAsBoolean()) {
                    changes.forEach(c -> c.removeListener(this));
                    holds.complete(null);
                }
            }
        };
        ScreenshotMaker.onFx(() -> {
            changes.forEach(c -> c.addListener(check));
            check.changed(null, null, null);
            return null;
        });
        try {
            holds.get(2, TimeUnit.MINUTES);
        } catch (TimeoutException e) {
            ScreenshotMaker.onFx(() -> {
                changes.forEach(c -> c.removeListener(check));
                return null;
            });
            throw new AssertionError("timed out waiting for " + what);
        }
    }

    @Test
    void invalidSettingIsMarkedAndDisablesStart() {
        WorkbenchWindow w = show(new RecordingBackend());
        ScreenshotMaker.onFx(() -> {
            Control dim = w.settingsView().editor(ConfigField.DIM);
            assertFalse(button(w, "Start").isDisabled());
            w.model().settings().textProperty(ConfigField.DIM).set("0");
            assertTrue(button(w, "Start").isDisabled());
            assertTrue(dim.getStyleClass().contains("invalid"));
            w.model().settings().textProperty(ConfigField.DIM).set("2");
            assertFalse(dim.getStyleClass().contains("invalid"));
            assertFalse(button(w, "Start").isDisabled());

            // Switching head shows only the parameters that head reads.
            w.model().settings().selectHead(HeadKind.SOFTMAX);
            w.root().applyCss();
            w.root().layout();
            assertFalse(w.settingsView().editor(ConfigField.S).getParent().isVisible());
            w.model().settings().selectHead(HeadKind.CENTER);
            assertTrue(w.settingsView().editor(ConfigField.LAMBDA).getParent().isVisible());
            assertFalse(w.settingsView().editor(ConfigField.M).getParent().isVisible());
            return null;
        });
    }

    @Test
    void trainPauseStepResumeStopExportAndReopen() throws Exception {
        Path runs = tmp.resolve("runs");
        WorkbenchWindow w = show(new EngineBackend(runs, EngineBackend.engineHeads()));
        ScreenshotMaker.onFx(() -> {
            SettingsViewModel s = w.model().settings();
            s.selectHead(HeadKind.SOFTMAX);
            s.textProperty(ConfigField.DIM).set("2");
            s.textProperty(ConfigField.BATCH).set("32");
            s.textProperty(ConfigField.ITERATIONS).set("400");
            s.textProperty(ConfigField.SNAPSHOT_EVERY).set("4");
            s.textProperty(ConfigField.PROBE_PER_CLASS).set("10");
            s.textProperty(ConfigField.DEVICE).set("cpu");
            button(w, "Start").fire();
            return null;
        });
        await(w, "8 iterations", () -> w.model().control().runProperty().get() != null
                && w.model().control().runProperty().get().iterationProperty().get() >= 8);
        ScreenshotMaker.onFx(() -> {
            button(w, "Pause").fire();
            return null;
        });
        await(w, "pause", () -> w.model().control().stateProperty().get() == RunState.PAUSED);
        long paused = ScreenshotMaker.onFx(() -> w.model().control().runProperty().get().iterationProperty().get());
        ScreenshotMaker.onFx(() -> {
            assertEquals("Resume", button(w, "Resume").getText());
            button(w, "Step").fire();
            return null;
        });
        await(w, "one step", () -> w.model().control().runProperty().get().iterationProperty().get() > paused);
        // a paused session stays put after the step: any iteration run while paused would show here
        assertEquals(paused + 1, (long) ScreenshotMaker.onFx(() -> {
            w.model().pull();
            return w.model().control().runProperty().get().iterationProperty().get();
        }), "no iterations while paused, exactly one per Step");
        ScreenshotMaker.onFx(() -> {
            button(w, "Resume").fire();
            return null;
        });
        await(w, "resume", () -> w.model().control().stateProperty().get() == RunState.RUNNING);
        await(w, "more iterations", () -> w.model().control().runProperty().get().iterationProperty().get() >= paused + 6);
        ScreenshotMaker.onFx(() -> {
            button(w, "Stop").fire();
            return null;
        });
        await(w, "stop", () -> w.model().control().stateProperty().get() == RunState.CANCELLED);

        Path dir = ScreenshotMaker.onFx(() -> w.model().control().runDirectoryProperty().get());
        assertTrue(Files.isRegularFile(dir.resolve("config.json")));
        assertTrue(Files.readAllLines(dir.resolve("metrics.csv")).size() > 2, "metrics rows were written");
        assertTrue(Files.readString(dir.resolve("summary.json")).contains("cancelled"));
        // the tool bar names the run by its folder, the whole path in the tooltip
        javafx.scene.control.Label caption = ScreenshotMaker.onFx(() ->
                (javafx.scene.control.Label) w.root().lookup(".tool-caption"));
        assertEquals("run: " + dir.getFileName(), ScreenshotMaker.onFx(caption::getText));
        assertEquals(dir.toAbsolutePath().toString(), ScreenshotMaker.onFx(() -> caption.getTooltip().getText()));

        // The embedding view shows the live data and exports it at 2×.
        int snapshots = ScreenshotMaker.onFx(() -> w.model().control().runProperty().get().history().size());
        assertTrue(snapshots >= 3, "snapshots arrived: " + snapshots);
        FigureView embedding = ScreenshotMaker.onFx(() -> w.view("Embedding"));
        assertTrue(ScreenshotMaker.onFx(() -> embedding.liveFigure().hasData()));
        Path png = ScreenshotMaker.onFx(() -> embedding.export(tmp.resolve("export"), ExportFormat.PNG, 2));
        BufferedImage img = ImageIO.read(png.toFile());
        var pref = ScreenshotMaker.onFx(() -> embedding.liveFigure().preferredSize());
        assertEquals(2 * pref.width, img.getWidth());
        assertEquals(2 * pref.height, img.getHeight());
        assertTrue(colouredPixels(img) > 500, "the export shows coloured points, not a blank page");
        Path csv = ScreenshotMaker.onFx(() -> embedding.export(tmp.resolve("export"), ExportFormat.CSV, 1));
        // One "point" row per probe sample (10 per class) of the last snapshot, on the unit circle.
        List<String> points = Files.readAllLines(csv).stream().filter(l -> l.startsWith("point,")).toList();
        assertEquals(100, points.size());
        float[] e0 = ScreenshotMaker.onFx(() -> w.model().control().runProperty().get().latestProperty().get().embeddings()[0]);
        double norm = Math.hypot(e0[0], e0[1]);
        String[] first = points.get(0).split(",");
        assertEquals(e0[0] / norm, Double.parseDouble(first[3]), 1e-4);
        assertEquals(e0[1] / norm, Double.parseDouble(first[4]), 1e-4);

        // Reopen the saved run in a fresh window: same snapshots, same config.
        WorkbenchWindow w2 = show(new EngineBackend(runs, EngineBackend.engineHeads()));
        ScreenshotMaker.onFx(() -> {
            w2.openRun(dir);
            return null;
        });
        await(w2, "open", () -> w2.model().control().runProperty().get() != null);
        ScreenshotMaker.onFx(() -> {
            RunModel r = w2.model().control().runProperty().get();
            assertEquals(RunState.CANCELLED, r.stateProperty().get());
            assertEquals(HeadKind.SOFTMAX, w2.model().settings().toConfig().head());
            assertEquals(2, r.config().dim());
            assertTrue(r.history().size() >= snapshots - 1, "reopened " + r.history().size() + " of " + snapshots);
            assertEquals(dir, w2.model().control().runDirectoryProperty().get());
            return null;
        });
    }

    /** Pixels that are clearly coloured (not white, grey or black). */
    static int colouredPixels(BufferedImage img) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                int rgb = img.getRGB(x, y);
                int r = (rgb >> 16) & 255;
                int g = (rgb >> 8) & 255;
                int b = rgb & 255;
                if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 60) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void compareGridHasACellPerHead() throws InterruptedException {
        RecordingBackend backend = new RecordingBackend();
        WorkbenchWindow w = show(backend);
        ScreenshotMaker.onFx(() -> {
            w.selectTab("Compare");
            w.compareView().select(List.of(HeadKind.SOFTMAX, HeadKind.COSFACE, HeadKind.ARCFACE, HeadKind.ARC));
            w.model().settings().textProperty(ConfigField.DIM).set("2");
            w.model().compare().startCompare(w.compareView().selectedHeads());
            return null;
        });
        backend.awaitStarted(4);
        ScreenshotMaker.onFx(() -> {
            for (int i = 0; i < 4; i++) {
                backend.listeners.get(i).onIteration(Snapshots.iteration(10, 10, 5));
            }
            w.paintNow();
            List<FigureView> views = w.compareView().figureViews();
            assertEquals(5, views.size(), "four cells and the statistics strip");
            for (int i = 0; i < 4; i++) {
                CompareCellView cell = (CompareCellView) views.get(i);
                assertEquals(backend.started.get(i).head(), cell.run().config().head());
                assertTrue(cell.liveFigure().hasData());
            }
            return null;
        });
    }

    /** A demo comparison ticks exactly its heads, whatever was ticked before. */
    @Test
    void aDemoComparisonTicksItsHeads() throws InterruptedException {
        RecordingBackend backend = new RecordingBackend();
        WorkbenchWindow w = show(backend);
        org.marginlab.config.DemoPreset demo = java.util.Arrays.stream(org.marginlab.config.DemoPreset.values())
                .filter(p -> p.compares() && p.heads().size() == 2).findFirst().orElseThrow();
        ScreenshotMaker.onFx(() -> {
            w.compareView().select(List.of(HeadKind.NORMFACE, HeadKind.CENTER, HeadKind.ARC));
            w.startDemo(demo);
            return null;
        });
        backend.awaitStarted(2);
        assertEquals(demo.heads(), ScreenshotMaker.onFx(() -> w.compareView().selectedHeads()));
    }

    @Test
    void exportAllAfterAComparisonWritesEveryFileItCountsAndAsksBeforeReplacing() throws Exception {
        RecordingBackend backend = new RecordingBackend();
        WorkbenchWindow w = show(backend);
        ScreenshotMaker.onFx(() -> {
            w.model().settings().textProperty(ConfigField.DIM).set("2");
            w.model().control().start();
            return null;
        });
        backend.awaitStarted(1);
        ScreenshotMaker.onFx(() -> {
            w.model().compare().startCompare(List.of(HeadKind.SOFTMAX, HeadKind.ARCFACE));
            return null;
        });
        backend.awaitStarted(3);
        ScreenshotMaker.onFx(() -> {
            for (var l : backend.listeners) {
                for (int i = 1; i <= 5; i++) {
                    l.onIteration(Snapshots.iteration(10L * i, 10, 4));
                }
                l.onEpoch(Snapshots.epoch(0, 50, 10));
                l.onProgress(50, 100, 0);
            }
            w.clock().tick(Long.MAX_VALUE / 2);
            return null;
        });
        Path dir = tmp.resolve("all");
        List<Path> files = exportAll(w, dir);
        String reported = ScreenshotMaker.onFx(() -> w.model().notificationProperty().get());
        assertTrue(reported.startsWith("Exported " + files.size() + " files"), reported);
        try (var listing = Files.list(dir)) {
            assertEquals(files.size(), listing.count(), "every file counted is on disk, none overwritten by another");
        }
        assertEquals(files.size(), new java.util.HashSet<>(files).size(), "distinct files");
        List<String> names = files.stream().map(p -> p.getFileName().toString()).toList();
        String head = w.model().control().runData().config().head().id();
        for (String stem : List.of("run1-" + head + "-embedding-circle", "run1-" + head + "-angle-histograms",
                "run1-" + head + "-angle-stats", "run1-" + head + "-gradient-check", "run1-" + head + "-similarity-matrix",
                "run1-" + head + "-training-curves", "run1-" + head + "-confusion-matrix",
                "compare-softmax-embedding-circle", "compare-arcface-embedding-circle", "compare-angle-stats-table",
                "compare-softmax-arcface-embeddings", "theory-cosface-dz-dtheta", "theory-cosface-psi-curves",
                "theory-cosface-p-target", "theory-cosface-s-tradeoff", "theory-cosface-decision-boundary")) {
            for (String ext : List.of(".png", ".svg", ".csv")) {
                assertTrue(names.contains(stem + ext), stem + ext + " in " + names);
            }
        }
        for (Path f : files) {
            assertTrue(Files.size(f) > 0, f + " is empty");
        }
        assertTrue(Files.readString(dir.resolve("compare-softmax-arcface-embeddings.svg")).contains("<svg"));
        // the two compared embeddings side by side in one image
        assertEquals(2 * 720, ImageIO.read(dir.resolve("compare-softmax-arcface-embeddings.png").toFile()).getWidth());

        // a second export asks first; declined, nothing is written
        Path marked = dir.resolve("compare-softmax-embedding-circle.csv");
        Files.writeString(marked, "mine");
        List<List<Path>> asked = new java.util.ArrayList<>();
        ScreenshotMaker.onFx(() -> {
            w.exports().setConfirmReplace((d, existing) -> {
                asked.add(existing);
                return false;
            });
            w.exports().exportAll(dir, 1, written -> fail("declined, yet written"));
            return null;
        });
        assertEquals(List.of(files), asked, "asked once, naming every file that exists");
        assertEquals("mine", Files.readString(marked));
        assertTrue(ScreenshotMaker.onFx(() -> w.model().notificationProperty().get()).startsWith("Export cancelled"));
        // accepted, the files are replaced
        ScreenshotMaker.onFx(() -> {
            w.exports().setConfirmReplace((d, existing) -> true);
            return null;
        });
        assertEquals(files, exportAll(w, dir));
        assertTrue(Files.readString(marked).startsWith("kind,class,class_name,x,y"));

        Path gif = tmp.resolve("gif/replay.gif");
        ScreenshotMaker.onFx(() -> {
            w.selectTab("Embedding");
            w.exports().exportReplay(gif, 10, 0.5, null); // 5 ticks over 5 snapshots
            return null;
        });
        await(w, "gif", () -> Files.exists(gif));
        try (var in = ImageIO.createImageInputStream(gif.toFile())) {
            var reader = ImageIO.getImageReadersByFormatName("gif").next();
            reader.setInput(in);
            assertEquals(5, reader.getNumImages(true), "one frame per stored snapshot");
        }

        // File → Export web page on the Compare tab: both compared runs side by side in one self-contained file
        Path web = tmp.resolve("web/compare.html");
        java.util.concurrent.CompletableFuture<Path> page = new java.util.concurrent.CompletableFuture<>();
        ScreenshotMaker.onFx(() -> {
            w.exports().exportWebPage(web, true, page::complete);
            return null;
        });
        assertEquals(web, page.get(120, java.util.concurrent.TimeUnit.SECONDS));
        String html = Files.readString(web);
        int at = html.indexOf("id=\"marginlab-data\">") + "id=\"marginlab-data\">".length();
        com.google.gson.JsonArray runs = com.google.gson.JsonParser.parseString(html.substring(at, html.indexOf("</script>", at)))
                .getAsJsonObject().getAsJsonArray("runs");
        assertEquals(2, runs.size());
        for (var r : runs) {
            assertEquals(5, r.getAsJsonObject().getAsJsonArray("snapshots").size(), "every snapshot of " + r.getAsJsonObject().get("label"));
        }
        String said = ScreenshotMaker.onFx(() -> w.model().notificationProperty().get());
        assertTrue(said.startsWith("Wrote the web page (") && said.contains(web.toString()), said);
    }

    @Test
    void draggingTheSphereRotatesItWhileARunIsLive() throws Exception {
        RecordingBackend backend = new RecordingBackend();
        WorkbenchWindow w = show(backend);
        ScreenshotMaker.onFx(() -> {
            w.model().settings().textProperty(ConfigField.DIM).set("3");
            w.selectTab("Embedding");
            w.model().control().start();
            return null;
        });
        backend.awaitStarted(1);
        ScreenshotMaker.onFx(() -> {
            int n = 30;
            float[][] e = new float[n][];
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = i % 10;
                e[i] = new float[] {(float) Math.cos(i), (float) Math.sin(i), 0.3f * (i % 3)};
            }
            float[][] wts = new float[10][];
            for (int j = 0; j < 10; j++) {
                wts[j] = new float[] {(float) Math.cos(j), (float) Math.sin(j), 0.1f};
            }
            backend.listeners.get(0).onStateChanged(RunState.RUNNING, "running");
            backend.listeners.get(0).onIteration(new org.marginlab.run.IterationSnapshot(5, 0, e, labels, wts, null,
                    new float[n], new float[n], 1, 0.5, 1e-3, 100, null, null));
            w.paintNow();
            EmbeddingView v = (EmbeddingView) w.view("Embedding");
            var sphere = (org.marginlab.figures.embedding.EmbeddingSphereFigure) v.liveFigure();
            double yaw = sphere.yaw();
            long paints = v.canvas().paints();
            var c = v.canvas();
            c.fireEvent(mouse(javafx.scene.input.MouseEvent.MOUSE_PRESSED, c, 100, 100));
            c.fireEvent(mouse(javafx.scene.input.MouseEvent.MOUSE_DRAGGED, c, 150, 100));
            assertEquals(yaw - 50 * org.marginlab.figures.embedding.EmbeddingSphereFigure.DEGREES_PER_PIXEL,
                    sphere.yaw(), 1e-9);
            w.clock().tick(0);
            assertEquals(paints + 1, v.canvas().paints(), "the drag repaints on the next pulse");
            assertEquals(RunState.RUNNING, w.model().control().stateProperty().get());
            return null;
        });
    }

    @Test
    void aStartedRunTakesFocusOffTheSettings() throws Exception {
        RecordingBackend backend = new RecordingBackend();
        WorkbenchWindow w = show(backend);
        // F5 pressed while typing in a settings field: focus must not stay there (its caret's blinking
        // animation would pulse the scene 60 times a second for the whole run).
        ScreenshotMaker.onFx(() -> {
            w.settingsView().editor(ConfigField.LR).requestFocus();
            assertTrue(w.root().getScene().getFocusOwner() instanceof TextInputControl,
                    "the settings field has focus before the run starts");
            w.model().control().start();
            return null;
        });
        backend.awaitStarted(1);
        backend.listeners.get(0).onStateChanged(RunState.RUNNING, "running");
        await(w, "the running state", () -> w.model().control().stateProperty().get() == RunState.RUNNING
                && !w.model().control().startingProperty().get());
        ScreenshotMaker.onFx(() -> {
            assertEquals("Pause", ((Button) w.root().getScene().getFocusOwner()).getText());
            return null;
        });
    }

    /**
     * Switching runs (Open run twice, then a new run) redraws every run tab at once, without a data
     * pull, each with the head of the run it shows. The clock is never started, so nothing else redraws.
     */
    @Test
    void switchingRunsRedrawsEveryTabWithThatRunsHead() {
        RecordingBackend backend = new RecordingBackend();
        ScreenshotMaker.onFx(() -> {
            WorkbenchWindow w = WorkbenchApp.build(new WorkbenchPreferences(tmp.resolve("prefs.json")), backend,
                    BackgroundExecutor.synchronous());
            windows.showStill(w, 1000, 720);

            backend.stored = stored(HeadKind.ARCFACE, 4, 6);
            w.openRun(Path.of("arc-run"));
            assertShows(w, HeadKind.ARCFACE, 4);
            assertTrue(w.model().status().statusTextProperty().get().contains("iteration 60 / 60"),
                    w.model().status().statusTextProperty().get());

            backend.stored = stored(HeadKind.SOFTMAX, 3, 5);
            w.openRun(Path.of("softmax-run"));
            assertShows(w, HeadKind.SOFTMAX, 3);
            assertTrue(w.model().status().statusTextProperty().get().contains("iteration 50 / 50"),
                    w.model().status().statusTextProperty().get());

            // A new run: the opened one leaves every tab at once; the new head arrives with its data.
            w.model().settings().selectHead(HeadKind.COSFACE);
            w.model().settings().textProperty(ConfigField.DIM).set("2");
            w.model().control().start();
            for (FigureView v : w.runViews()) {
                assertFalse(v.liveFigure().hasData(), v.name() + " still shows the opened run");
            }
            backend.listeners.get(0).onIteration(Snapshots.iteration(10, 10, 5));
            backend.listeners.get(0).onEpoch(Snapshots.epoch(0, 10, 10));
            w.clock().tick(0);
            for (FigureView v : w.runViews()) {
                // Hidden tabs catch up when shown.
                w.selectTab(v.name());
                w.root().applyCss();
                w.root().layout();
                v.paintIfNeeded();
            }
            assertShows(w, HeadKind.COSFACE, 5);
            return null;
        });
    }

    private static TrainingBackend.StoredRun stored(HeadKind head, int perClass, int snapshots) {
        SettingsViewModel s = new SettingsViewModel();
        s.selectHead(head);
        s.textProperty(ConfigField.DIM).set("2");
        List<org.marginlab.run.IterationSnapshot> its = new java.util.ArrayList<>();
        for (int i = 1; i <= snapshots; i++) {
            its.add(Snapshots.iteration(10L * i, 10, perClass));
        }
        return new TrainingBackend.StoredRun(Path.of(head.name()), s.toConfig(), its,
                List.of(Snapshots.epoch(0, 10L * snapshots, 10)), RunState.FINISHED, "cpu()");
    }

    /** Every run tab draws the current run, as a figure built afresh for it would, with its head. */
    private static void assertShows(WorkbenchWindow w, HeadKind head, int perClass) {
        for (FigureView v : w.runViews()) {
            assertTrue(v.liveFigure().hasData(), v.name() + " draws nothing");
            org.marginlab.figures.Figure fresh = v.freshFigure();
            assertTrue(rows(fresh.csv()).equals(rows(v.liveFigure().csv())), v.name() + " draws another run");
        }
        // The embedding shows the last snapshot: one point per probe, 10 classes.
        long points = w.view("Embedding").liveFigure().csv().stream().filter(r -> "point".equals(r[0])).count();
        assertEquals(10L * perClass, points);

        var grad = (org.marginlab.figures.ChartFigure) w.view("Gradient vs θ").liveFigure();
        String subtitle = ((org.jfree.chart.title.TextTitle) grad.chart().getSubtitle(0)).getText();
        assertTrue(subtitle.contains(head.displayName() + (head == HeadKind.SOFTMAX ? ";" : " ")), subtitle);
        // The analytic curve's far end (θ_j = π/2 for the nine other classes, ‖x‖ = 3, ‖W‖ = 1 in
        // Snapshots), worked out by hand from the head's logits.
        String[] end = grad.csv().stream().filter(r -> "closed_form_curve_theta_j_pi_2".equals(r[0])).reduce((a, b) -> b).orElseThrow();
        double theta = Math.toRadians(Double.parseDouble(end[1]));
        // at the head parameters the snapshots record as in force (Snapshots: s = 1, m = 0)
        org.marginlab.loss.HeadParams p = w.model().control().runData().iterations().getLast().headParams();
        double zy;
        double zj;
        double slope;
        switch (head) {
            case SOFTMAX -> {
                zy = 3 * Math.cos(theta);
                zj = 0;
                slope = -3 * Math.sin(theta);
            }
            case ARCFACE -> {
                zy = p.s() * Math.cos(theta + p.m());
                zj = 0;
                slope = -p.s() * Math.sin(theta + p.m());
            }
            case COSFACE -> {
                zy = p.s() * (Math.cos(theta) - p.m());
                zj = 0;
                slope = -p.s() * Math.sin(theta);
            }
            default -> throw new AssertionError(head);
        }
        double py = 1 / (1 + 9 * Math.exp(zj - zy));
        double expected = (py - 1) * slope;
        assertEquals(expected, Double.parseDouble(end[2]), 1e-9 + 1e-6 * Math.abs(expected), head + " at θ = " + end[1]);
    }

    @Test
    void pickedRunsAreOverlaidUnderLabelsThatTellThemApart() {
        ScreenshotMaker.onFx(() -> {
            BackgroundExecutor now = BackgroundExecutor.synchronous();
            WorkbenchViewModel vm = new WorkbenchViewModel(new SettingsViewModel(), new RecordingBackend(), now);
            // each "directory" reads as a run of the head its name ends with, with five snapshots and one epoch
            OverlayRuns overlays = new OverlayRuns(List::of, dir -> RunData.of(null,
                    TrainConfig.defaults(HeadKind.fromId(dir.getFileName().toString().substring(2))),
                    LongStream.rangeClosed(1, 5).mapToObj(i -> Snapshots.iteration(10 * i, 10, 4)).toList(),
                    List.of(Snapshots.epoch(0, 50, 10))), vm, now);
            TrainingCurvesView curves = new TrainingCurvesView(vm, now, overlays);
            AngleStatsView stats = new AngleStatsView(vm, now, overlays);
            overlays.load(List.of(Path.of("runs/1-arc"), Path.of("runs/2-arc"), Path.of("runs/3-cosface")));
            String arc = RunData.defaultLabel(TrainConfig.defaults(HeadKind.ARC));
            String cos = RunData.defaultLabel(TrainConfig.defaults(HeadKind.COSFACE));
            List<String> expected = List.of(arc + " (1-arc)", arc + " (2-arc)", cos);
            List<String[]> rows = curves.liveFigure().csv();
            for (String label : expected) {
                // the synthetic running losses 1/(it + 1) at iterations 10…50, and the epoch's test accuracy 80 %
                List<Double> losses = rows.stream().filter(r -> r[0].equals(label) && r[1].equals("loss"))
                        .map(r -> Double.parseDouble(r[3])).toList();
                assertEquals(5, losses.size(), label);
                for (int i = 0; i < 5; i++) {
                    assertEquals(1 / (10 * (i + 1) + 1.0), losses.get(i), 1e-15, label);
                }
                assertEquals(List.of("80"), rows.stream().filter(r -> r[0].equals(label) && r[1].equals("test_accuracy_percent"))
                        .map(r -> r[3]).toList(), label);
            }
            assertEquals(expected, ((AngleStatsFigure) stats.liveFigure()).runs().stream().map(RunData::label).toList());
            overlays.runs().clear();
            curves.refresh(); // (not on screen here: a hidden view takes the overlay when it is shown)
            assertFalse(curves.liveFigure().hasData(), "cleared: no run to draw");
            return null;
        });
    }

    private static List<Path> exportAll(WorkbenchWindow w, Path dir) throws Exception {
        java.util.concurrent.CompletableFuture<List<Path>> written = new java.util.concurrent.CompletableFuture<>();
        ScreenshotMaker.onFx(() -> {
            w.exports().exportAll(dir, 1, written::complete);
            return null;
        });
        return written.get(120, java.util.concurrent.TimeUnit.SECONDS);
    }

    private static List<String> rows(List<String[]> csv) {
        return csv.stream().map(r -> String.join(",", r)).toList();
    }

    private static javafx.scene.input.MouseEvent mouse(javafx.event.EventType<javafx.scene.input.MouseEvent> type,
                                                       javafx.scene.Node n, double x, double y) {
        return new javafx.scene.input.MouseEvent(type, x, y, x, y, javafx.scene.input.MouseButton.PRIMARY, 1,
                false, false, false, false, true, false, false, false, false, false, null);
    }
}
