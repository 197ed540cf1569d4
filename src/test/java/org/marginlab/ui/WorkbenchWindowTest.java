package org.marginlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;

import javax.imageio.ImageIO;

import javafx.scene.control.Button;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Control;
import javafx.stage.Stage;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marginlab.devtools.ScreenshotMaker;
import org.marginlab.figures.export.ExportFormat;
import org.marginlab.loss.HeadKind;
import org.marginlab.run.RunState;

/** Drives the real window on the headless platform: settings, run control on the real engine, export, reopen. */
class WorkbenchWindowTest {

    @TempDir
    Path tmp;

    @BeforeAll
    static void toolkit() {
        ScreenshotMaker.startToolkit();
    }

    private WorkbenchWindow show(TrainingBackend backend) {
        return ScreenshotMaker.onFx(() -> {
            WorkbenchWindow w = WorkbenchApp.build(new WorkbenchPreferences(tmp.resolve("prefs.json")), backend,
                    BackgroundExecutor.fx());
            Stage stage = new Stage();
            stage.setScene(w.scene(1000, 720)); // the headless screen is 1000 × 1000
            stage.show();
            w.clock().start();
            return w;
        });
    }

    private static Button button(WorkbenchWindow w, String text) {
        return (Button) w.root().lookupAll(".button").stream()
                .filter(n -> n instanceof Button b && text.equals(b.getText())).findFirst().orElseThrow();
    }

    private static void await(String what, BooleanSupplier fx) throws InterruptedException {
        long end = System.nanoTime() + 120_000_000_000L;
        while (!ScreenshotMaker.onFx(fx::getAsBoolean)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    @Test
    void invalidSettingIsMarkedAndDisablesStart() {
        WorkbenchWindow w = show(new RecordingBackend());
        ScreenshotMaker.onFx(() -> {
            Control dim = w.settingsView().editor(Setting.DIM);
            assertFalse(button(w, "Start").isDisabled());
            w.model().settings().textProperty(Setting.DIM).set("0");
            assertTrue(button(w, "Start").isDisabled());
            assertTrue(dim.getStyleClass().contains("invalid"));
            w.model().settings().textProperty(Setting.DIM).set("2");
            assertFalse(dim.getStyleClass().contains("invalid"));
            assertFalse(button(w, "Start").isDisabled());

            // Switching head shows only the parameters that head reads.
            w.model().settings().selectHead(HeadKind.SOFTMAX);
            w.root().applyCss();
            w.root().layout();
            assertFalse(w.settingsView().editor(Setting.S).getParent().isVisible());
            w.model().settings().selectHead(HeadKind.CENTER);
            assertTrue(w.settingsView().editor(Setting.LAMBDA).getParent().isVisible());
            assertFalse(w.settingsView().editor(Setting.M).getParent().isVisible());
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
            s.textProperty(Setting.DIM).set("2");
            s.textProperty(Setting.BATCH).set("32");
            s.textProperty(Setting.ITERATIONS).set("400");
            s.textProperty(Setting.SNAPSHOT_EVERY).set("4");
            s.textProperty(Setting.PROBE_PER_CLASS).set("10");
            s.textProperty(Setting.DEVICE).set("cpu");
            button(w, "Start").fire();
            return null;
        });
        await("8 iterations", () -> w.model().runProperty().get() != null
                && w.model().runProperty().get().iterationProperty().get() >= 8);
        ScreenshotMaker.onFx(() -> {
            button(w, "Pause").fire();
            return null;
        });
        await("pause", () -> w.model().stateProperty().get() == RunState.PAUSED);
        long paused = ScreenshotMaker.onFx(() -> w.model().runProperty().get().iterationProperty().get());
        Thread.sleep(500);
        assertEquals(paused, (long) ScreenshotMaker.onFx(() -> {
            w.model().pull();
            return w.model().runProperty().get().iterationProperty().get();
        }), "no iterations while paused");
        ScreenshotMaker.onFx(() -> {
            assertEquals("Resume", button(w, "Resume").getText());
            button(w, "Step").fire();
            return null;
        });
        await("one step", () -> w.model().runProperty().get().iterationProperty().get() == paused + 1);
        ScreenshotMaker.onFx(() -> {
            button(w, "Resume").fire();
            return null;
        });
        await("resume", () -> w.model().stateProperty().get() == RunState.RUNNING);
        await("more iterations", () -> w.model().runProperty().get().iterationProperty().get() >= paused + 6);
        ScreenshotMaker.onFx(() -> {
            button(w, "Stop").fire();
            return null;
        });
        await("stop", () -> w.model().stateProperty().get() == RunState.CANCELLED);

        Path dir = ScreenshotMaker.onFx(() -> w.model().runDirectoryProperty().get());
        assertTrue(Files.isRegularFile(dir.resolve("config.json")));
        assertTrue(Files.readAllLines(dir.resolve("metrics.csv")).size() > 2, "metrics rows were written");
        assertTrue(Files.readString(dir.resolve("summary.json")).contains("cancelled"));

        // The embedding view shows the live data and exports it at 2×.
        int snapshots = ScreenshotMaker.onFx(() -> w.model().runProperty().get().history().size());
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
        float[] e0 = ScreenshotMaker.onFx(() -> w.model().runProperty().get().latestProperty().get().embeddings()[0]);
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
        await("open", () -> w2.model().runProperty().get() != null);
        ScreenshotMaker.onFx(() -> {
            RunModel r = w2.model().runProperty().get();
            assertEquals(RunState.CANCELLED, r.stateProperty().get());
            assertEquals(HeadKind.SOFTMAX, w2.model().settings().toConfig().head());
            assertEquals(2, r.config().dim());
            assertTrue(r.history().size() >= snapshots - 1, "reopened " + r.history().size() + " of " + snapshots);
            assertEquals(dir, w2.model().runDirectoryProperty().get());
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
            w.model().settings().textProperty(Setting.DIM).set("2");
            w.model().startCompare(w.compareView().selectedHeads());
            return null;
        });
        await("compare started", () -> backend.started.size() == 4);
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

    @Test
    void exportAllAndReplayGif() throws Exception {
        RecordingBackend backend = new RecordingBackend();
        WorkbenchWindow w = show(backend);
        ScreenshotMaker.onFx(() -> {
            w.model().settings().textProperty(Setting.DIM).set("2");
            w.model().start();
            return null;
        });
        await("started", () -> backend.listeners.size() == 1);
        ScreenshotMaker.onFx(() -> {
            var l = backend.listeners.get(0);
            for (int i = 1; i <= 5; i++) {
                l.onIteration(Snapshots.iteration(10L * i, 10, 4));
            }
            l.onEpoch(Snapshots.epoch(0, 50, 10));
            l.onProgress(50, 100, 0);
            w.clock().tick(Long.MAX_VALUE / 2);
            return null;
        });
        Path dir = tmp.resolve("all");
        java.util.concurrent.CompletableFuture<List<Path>> written = new java.util.concurrent.CompletableFuture<>();
        ScreenshotMaker.onFx(() -> {
            w.exportAll(dir, ExportFormat.PNG, 1, written::complete);
            return null;
        });
        List<Path> files = written.get(60, java.util.concurrent.TimeUnit.SECONDS);
        List<String> names = files.stream().map(p -> p.getFileName().toString()).toList();
        for (String id : List.of("embedding-circle", "angle-histograms", "angle-stats", "gradient-check",
                "similarity-matrix", "training-curves", "confusion-matrix", "dz-dtheta", "psi-curves", "s-tradeoff",
                "decision-boundary")) {
            assertTrue(names.contains(id + ".png"), id + ".png in " + names);
            assertTrue(names.contains(id + ".csv"), id + ".csv in " + names);
        }
        for (Path f : files) {
            assertTrue(Files.size(f) > 0, f + " is empty");
        }

        ScreenshotMaker.onFx(() -> {
            w.exportReplay(tmp.resolve("gif"));
            return null;
        });
        Path gif = tmp.resolve("gif/embedding-replay.gif");
        await("gif", () -> Files.exists(gif));
        try (var in = ImageIO.createImageInputStream(gif.toFile())) {
            var reader = ImageIO.getImageReadersByFormatName("gif").next();
            reader.setInput(in);
            assertEquals(5, reader.getNumImages(true), "one frame per stored snapshot");
        }
    }

    @Test
    void draggingTheSphereRotatesItWhileARunIsLive() throws Exception {
        RecordingBackend backend = new RecordingBackend();
        WorkbenchWindow w = show(backend);
        ScreenshotMaker.onFx(() -> {
            w.model().settings().textProperty(Setting.DIM).set("3");
            w.selectTab("Embedding");
            w.model().start();
            return null;
        });
        await("started", () -> backend.listeners.size() == 1);
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
            assertEquals(RunState.RUNNING, w.model().stateProperty().get());
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
            w.settingsView().editor(Setting.LEARNING_RATE).requestFocus();
            assertTrue(w.root().getScene().getFocusOwner() instanceof TextInputControl,
                    "the settings field has focus before the run starts");
            w.model().start();
            return null;
        });
        await("the run to start", () -> !backend.listeners.isEmpty());
        backend.listeners.get(0).onStateChanged(RunState.RUNNING, "running");
        await("the running state", () -> w.model().stateProperty().get() == RunState.RUNNING
                && !w.model().startingProperty().get());
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
            Stage stage = new Stage();
            stage.setScene(w.scene(1000, 720));
            stage.show();

            backend.stored = stored(HeadKind.ARCFACE, 4, 6);
            w.openRun(Path.of("arc-run"));
            assertShows(w, HeadKind.ARCFACE, 4);
            assertTrue(w.model().statusTextProperty().get().contains("iteration 60 / 60"),
                    w.model().statusTextProperty().get());

            backend.stored = stored(HeadKind.SOFTMAX, 3, 5);
            w.openRun(Path.of("softmax-run"));
            assertShows(w, HeadKind.SOFTMAX, 3);
            assertTrue(w.model().statusTextProperty().get().contains("iteration 50 / 50"),
                    w.model().statusTextProperty().get());

            // A new run: the opened one leaves every tab at once; the new head arrives with its data.
            w.model().settings().selectHead(HeadKind.COSFACE);
            w.model().settings().textProperty(Setting.DIM).set("2");
            w.model().start();
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
            // A shown window with a focused settings field would pulse the scene for later tests.
            stage.close();
            return null;
        });
    }

    private static TrainingBackend.StoredRun stored(HeadKind head, int perClass, int snapshots) {
        SettingsViewModel s = new SettingsViewModel();
        s.selectHead(head);
        s.textProperty(Setting.DIM).set("2");
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
            org.marginlab.figures.Figure fresh = v.createFigure();
            v.configure(fresh);
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
        org.marginlab.loss.HeadParams p = w.model().runData().iterations().getLast().headParams();
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

    private static List<String> rows(List<String[]> csv) {
        return csv.stream().map(r -> String.join(",", r)).toList();
    }

    private static javafx.scene.input.MouseEvent mouse(javafx.event.EventType<javafx.scene.input.MouseEvent> type,
                                                       javafx.scene.Node n, double x, double y) {
        return new javafx.scene.input.MouseEvent(type, x, y, x, y, javafx.scene.input.MouseButton.PRIMARY, 1,
                false, false, false, false, true, false, false, false, false, false, null);
    }
}
