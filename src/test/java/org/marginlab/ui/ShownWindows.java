package org.marginlab.ui;

import javafx.stage.Stage;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.marginlab.devtools.ScreenshotMaker;
import org.marginlab.ui.viewmodel.BackgroundExecutor;
import org.marginlab.ui.viewmodel.TrainingBackend;
import org.marginlab.ui.viewmodel.WorkbenchPreferences;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The window fixture: starts the FX toolkit before each test, opens workbench windows
 * ({@link #open(Path, TrainingBackend, Consumer)}), each on its own stage with its frame clock running, and
 * after each test (passed or failed) stops the clocks and closes the stages: the test JVM runs every class,
 * and a clock left running would keep pulling on the FX thread through the classes after it. Register it
 * with {@code @RegisterExtension final ShownWindows windows = new ShownWindows();}.
 */
public final class ShownWindows implements BeforeEachCallback, AfterEachCallback {

    /** The size tests show a window at: the headless platform's screen is 1000 × 1000. */
    public static final double WIDTH = 1000;
    public static final double HEIGHT = 720;

    @Override
    public void beforeEach(ExtensionContext context) {
        ScreenshotMaker.startToolkit();
    }

    /** {@link #open(Path, TrainingBackend, Consumer)} with nothing more to set up. */
    public WorkbenchWindow open(Path dir, TrainingBackend backend) {
        return open(dir, backend, w -> { });
    }

    /**
     * A new window over {@code backend}, its preferences in {@code dir/prefs.json} and its background work on
     * the FX executor, shown at {@link #WIDTH} × {@link #HEIGHT} with its clock running; {@code setUp} then
     * runs on the FX thread (settings, a tab, a run to open). Call it from the test thread.
     */
    public WorkbenchWindow open(Path dir, TrainingBackend backend, Consumer<WorkbenchWindow> setUp) {
        return ScreenshotMaker.onFx(() -> {
            WorkbenchWindow w = WorkbenchApp.build(new WorkbenchPreferences(dir.resolve("prefs.json")), backend,
                    BackgroundExecutor.fx());
            show(w, WIDTH, HEIGHT);
            setUp.accept(w);
            return w;
        });
    }

    private final List<Runnable> closers = new ArrayList<>(); // used on the FX thread only

    /** Shows {@code w} on a new stage at width × height and starts its clock; call on the FX thread. */
    public WorkbenchWindow show(WorkbenchWindow w, double width, double height) {
        showStill(w, width, height);
        w.clock().start();
        return w;
    }

    /** Shows {@code w} with its clock stopped, for a test that ticks the clock itself; call on the FX thread. */
    public WorkbenchWindow showStill(WorkbenchWindow w, double width, double height) {
        Stage stage = new Stage();
        stage.setScene(w.scene(width, height));
        stage.show();
        closers.add(() -> {
            w.clock().stop();
            stage.close();
        });
        return w;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (closers.isEmpty()) { // nothing shown (the FX toolkit may not even be started); read after the FX call that showed
            return;
        }
        ScreenshotMaker.onFx(() -> {
            closers.forEach(Runnable::run);
            closers.clear();
            return null;
        });
    }
}
