package org.marginlab.devtools;

import org.marginlab.ui.viewmodel.BackgroundExecutor;
import org.marginlab.ui.EngineBackend;
import org.marginlab.ui.WorkbenchApp;
import org.marginlab.ui.viewmodel.WorkbenchPreferences;
import org.marginlab.ui.WorkbenchWindow;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;

import org.marginlab.UserException;

/** A picture of the window showing a run directory, as File → Open run shows it, drawn headless. */
public final class RunPicture {

    private RunPicture() {
    }

    /**
     * Opens {@code runDir} in a window of {@code width} × {@code height} on the headless platform (select
     * it with {@link ScreenshotMaker#useHeadlessPlatform} before the toolkit starts) and writes a PNG.
     */
    public static void write(Path runDir, Path png, int width, int height) throws Exception {
        ScreenshotMaker.startToolkit();
        Path prefs = Files.createTempDirectory("marginlab-picture").resolve("prefs.json");
        Scene[] scene = new Scene[1];
        WorkbenchWindow w = ScreenshotMaker.onFx(() -> {
            WorkbenchWindow win = WorkbenchApp.build(new WorkbenchPreferences(prefs),
                    new EngineBackend(runDir.toAbsolutePath().getParent(), EngineBackend.engineHeads()),
                    BackgroundExecutor.fx());
            scene[0] = win.scene(width, height);
            win.openRun(runDir);
            return win;
        });
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (ScreenshotMaker.onFx(() -> w.model().control().runDirectoryProperty().get() == null
                && w.model().notificationProperty().get().isEmpty())) {
            if (System.nanoTime() > deadline) {
                throw new UserException(runDir + ": the window did not open the run within 2 minutes");
            }
            Thread.sleep(100);
        }
        ScreenshotMaker.onFx(() -> {
            w.paintNow();
            BufferedImage img = SwingFXUtils.fromFXImage(scene[0].snapshot(null), null);
            ScreenshotMaker.writePng(img, png);
            return null;
        });
    }
}
