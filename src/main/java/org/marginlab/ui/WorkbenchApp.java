package org.marginlab.ui;

import org.marginlab.ui.viewmodel.WorkbenchViewModel;
import org.marginlab.ui.viewmodel.WorkbenchPreferences;
import org.marginlab.ui.viewmodel.BackgroundExecutor;
import org.marginlab.ui.viewmodel.TrainingBackend;
import java.io.IOException;
import java.nio.file.Path;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;

import org.marginlab.config.TrainConfig;
import org.marginlab.ui.viewmodel.SettingsViewModel;
import org.marginlab.ui.theory.TheoryViewModel;

/** The desktop entry point: builds the workbench, restores the last layout and settings, saves them on close. */
public final class WorkbenchApp extends Application {

    /** Opens the window and returns when it closes. Call from {@code main}, never from the FX thread. */
    public static void launch(String... args) {
        Application.launch(WorkbenchApp.class, args);
    }

    /**
     * Builds the window's content on the FX thread from the saved preferences: last settings when
     * they are still valid, theme, tab and divider.
     */
    public static WorkbenchWindow build(WorkbenchPreferences prefs, TrainingBackend backend, BackgroundExecutor executor) {
        SettingsViewModel settings = new SettingsViewModel();
        TrainConfig last = prefs.lastConfig();
        if (last != null) {
            settings.load(last);
        }
        WorkbenchViewModel model = new WorkbenchViewModel(settings, backend, executor);
        return new WorkbenchWindow(model, new TheoryViewModel(), executor, prefs);
    }

    /** Runs go under ./runs, as with {@code marginlab train}. */
    public static TrainingBackend defaultBackend() {
        return new EngineBackend(Path.of("runs"), EngineBackend.engineHeads());
    }

    @Override
    public void start(Stage stage) {
        WorkbenchPreferences prefs = new WorkbenchPreferences(WorkbenchPreferences.defaultFile());
        TrainingBackend backend = defaultBackend();
        WorkbenchWindow window = build(prefs, backend, BackgroundExecutor.fx());
        String dataDir = window.model().settings().validProperty().get() ? window.model().settings().toConfig().dataDir() : null;
        BackgroundExecutor.fx().submit(() -> {
            backend.prepare(dataDir);
            return null;
        }, ok -> { }, failed -> { });
        // A projector's 1024 × 768 must show the whole window, whatever size it had on the last screen.
        Rectangle2D screen = screenAt(prefs.x(), prefs.y());
        double width = Math.min(prefs.width(), screen.getWidth());
        double height = Math.min(prefs.height(), screen.getHeight());
        Scene scene = window.scene(width, height);
        stage.setScene(scene);
        stage.setTitle("MarginLab");
        for (int size : new int[] {16, 32, 48, 64, 128, 256}) {
            var url = WorkbenchApp.class.getResource(WorkbenchWindow.ASSETS + "icons/marginlab-" + size + ".png");
            if (url != null) {
                stage.getIcons().add(new javafx.scene.image.Image(url.toExternalForm()));
            }
        }
        boolean saved = Double.isFinite(prefs.x()) && Double.isFinite(prefs.y()) && screen.contains(prefs.x() + 20, prefs.y() + 20);
        stage.setX(clamp(saved ? prefs.x() : screen.getMinX() + (screen.getWidth() - width) / 2,
                screen.getMinX(), screen.getMaxX() - width));
        stage.setY(clamp(saved ? prefs.y() : screen.getMinY() + (screen.getHeight() - height) / 2,
                screen.getMinY(), screen.getMaxY() - height));
        stage.setMaximized(prefs.maximized());
        CloseGuard.install(stage, window, () -> {
            window.rememberLayout();
            prefs.setGeometry(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), stage.isMaximized());
            try {
                prefs.save();
            } catch (IOException ex) {
                System.err.println("marginlab: could not save window settings to " + prefs.file() + ": " + ex.getMessage());
            }
        });
        window.clock().start();
        stage.setOnShown(e -> reportStartup());
        stage.show();
    }

    /**
     * With -Dmarginlab.startup=print (or =exit, which then quits) prints how long the JVM took to show
     * the window: the start-up time docs/performance.md states is measured this way.
     */
    private static void reportStartup() {
        String mode = System.getProperty("marginlab.startup");
        if (mode == null) {
            return;
        }
        long ms = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
        System.out.println("marginlab: window shown " + ms + " ms after the JVM started");
        if ("exit".equals(mode)) {
            javafx.application.Platform.exit();
        }
    }

    /** The visual bounds of the screen holding the saved position, else the primary screen's. */
    static Rectangle2D screenAt(double x, double y) {
        for (Screen s : Screen.getScreens()) {
            Rectangle2D b = s.getVisualBounds();
            if (Double.isFinite(x) && Double.isFinite(y) && b.contains(x + 20, y + 20)) {
                return b;
            }
        }
        return Screen.getPrimary().getVisualBounds();
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(v, Math.max(lo, hi)));
    }
}
