package org.marginlab.devtools;

import org.marginlab.config.ConfigField;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;

import javax.imageio.ImageIO;

import org.marginlab.UserException;
import org.marginlab.figures.export.FigureExporter;
import org.marginlab.loss.HeadKind;
import org.marginlab.run.RunState;
import org.marginlab.ui.viewmodel.BackgroundExecutor;
import org.marginlab.ui.viewmodel.TrainingBackend;
import org.marginlab.ui.WorkbenchApp;
import org.marginlab.ui.viewmodel.WorkbenchPreferences;
import org.marginlab.ui.viewmodel.WorkbenchViewModel;
import org.marginlab.ui.WorkbenchWindow;
import org.marginlab.ui.viewmodel.SettingsViewModel;

/**
 * Opens the real workbench window on JavaFX's headless platform, trains a short run live (or a
 * comparison of heads), and writes a PNG of the whole window: for the README, the docs and tests.
 */
public final class ScreenshotMaker {

    /** What to show; {@code compare} non-empty trains those heads side by side instead of one run. */
    public record Request(Path out, HeadKind head, int dim, long iterations, String tab, List<HeadKind> compare,
                          int width, int height, String theme, String dataDir, int snapshotEvery,
                          long timeoutSeconds) {
    }

    /** What happened, for the command's one-line report. */
    public record Result(Path file, int width, int height, RunState state, String status, String message) {
    }

    private ScreenshotMaker() {
    }

    /** Selects the headless glass platform and software rendering; must run before the toolkit starts. */
    public static void useHeadlessPlatform() {
        System.setProperty("glass.platform", "Headless");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        System.setProperty("java.awt.headless", "true");
    }

    /** Starts the FX toolkit once per JVM; later calls return at once. */
    public static void startToolkit() {
        CountDownLatch ready = new CountDownLatch(1);
        try {
            Platform.startup(ready::countDown);
        } catch (IllegalStateException alreadyRunning) {
            ready.countDown();
        }
        Platform.setImplicitExit(false);
        try {
            ready.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static Result take(Request r, TrainingBackend backend) {
        startToolkit();
        Path prefsFile = r.out().toAbsolutePath().getParent().resolve(".marginlab-screenshot-unused.json");
        AtomicReference<WorkbenchWindow> windowRef = new AtomicReference<>();
        AtomicReference<Scene> sceneRef = new AtomicReference<>();
        onFx(() -> {
            WorkbenchWindow w = WorkbenchApp.build(new WorkbenchPreferences(prefsFile), backend, BackgroundExecutor.fx());
            w.setTheme(r.theme());
            SettingsViewModel s = w.model().settings();
            s.selectHead(r.head());
            s.textProperty(ConfigField.DIM).set(Integer.toString(r.dim()));
            s.textProperty(ConfigField.ITERATIONS).set(Long.toString(r.iterations()));
            s.textProperty(ConfigField.SNAPSHOT_EVERY).set(Integer.toString(r.snapshotEvery()));
            s.textProperty(ConfigField.DEVICE).set("cpu");
            if (r.dataDir() != null) {
                s.textProperty(ConfigField.DATA).set(r.dataDir());
            }
            if (!s.validProperty().get()) {
                throw new UserException("screenshot: invalid setting — " + s.firstErrorProperty().get());
            }
            String tab = r.tab() != null ? r.tab() : (r.compare().isEmpty() ? "Embedding" : "Compare");
            if (!w.selectTab(tab)) {
                throw new UserException("--tab " + tab + ": no such tab; use one of " + String.join(", ", w.tabNames()));
            }
            // The headless platform's screen is 1000 × 1000, too small for a README-sized window, so
            // the scene is laid out and pulsed without a native window; what it draws is the same.
            Scene scene = w.scene(r.width(), r.height());
            w.clock().start();
            if (r.compare().isEmpty()) {
                w.model().control().start();
            } else {
                w.compareView().select(r.compare());
                w.model().compare().startCompare(r.compare());
            }
            windowRef.set(w);
            sceneRef.set(scene);
            return null;
        });
        WorkbenchWindow w = windowRef.get();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(r.timeoutSeconds());
        while (!onFx(() -> done(w, r))) {
            if (System.nanoTime() > deadline) {
                onFx(() -> {
                    w.model().stop();
                    w.model().compare().stopCompare();
                    return null;
                });
                throw new UserException("screenshot: the run did not finish within " + r.timeoutSeconds()
                        + " s; use fewer --iterations or a larger --timeout");
            }
            sleep(100);
        }
        // Let the frame clock take the last snapshots and the layout settle before the picture.
        sleep(300);
        Result result = onFx(() -> {
            w.paintNow();
            WritableImage img = sceneRef.get().snapshot(null);
            BufferedImage bi = SwingFXUtils.fromFXImage(img, null);
            writePng(bi, r.out());
            RunState state = w.model().control().stateProperty().get();
            Result res = new Result(r.out(), bi.getWidth(), bi.getHeight(), state,
                    w.model().status().statusTextProperty().get(), w.model().notificationProperty().get());
            w.clock().stop();
            return res;
        });
        return result;
    }

    private static boolean done(WorkbenchWindow w, Request r) {
        WorkbenchViewModel m = w.model();
        m.pull();
        if (m.control().startingProperty().get()) {
            return false;
        }
        if (r.compare().isEmpty()) {
            RunState s = m.control().stateProperty().get();
            return s == RunState.FINISHED || s == RunState.CANCELLED || s == RunState.FAILED;
        }
        if (!m.notificationProperty().get().isEmpty() && m.compare().compareRuns().stream()
                .allMatch(x -> x.stateProperty().get() == RunState.READY)) {
            return true; // the comparison could not start; the notification says why
        }
        return !m.compare().compareRuns().isEmpty() && m.compare().compareRuns().stream().allMatch(x -> {
            RunState s = x.stateProperty().get();
            return s == RunState.FINISHED || s == RunState.CANCELLED || s == RunState.FAILED;
        });
    }

    public static void writePng(BufferedImage img, Path out) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ImageIO.write(img, "png", bytes);
            Path parent = out.toAbsolutePath().getParent();
            FigureExporter.ensureDirectory(parent);
            FigureExporter.writeAtomically(out.toAbsolutePath(), bytes.toByteArray());
        } catch (IOException e) {
            throw new UserException("--out " + out + ": cannot write the PNG (" + e.getMessage() + ")");
        }
    }

    /** Runs {@code work} on the FX thread and returns its result; rethrows what it threw. */
    public static <T> T onFx(Supplier<T> work) {
        if (Platform.isFxApplicationThread()) {
            return work.get();
        }
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(work.get());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        try {
            return f.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the FX thread did not answer within 60 s", e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
