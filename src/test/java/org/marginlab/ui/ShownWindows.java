package org.marginlab.ui;

import javafx.stage.Stage;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.marginlab.devtools.ScreenshotMaker;

import java.util.ArrayList;
import java.util.List;

/**
 * The workbench windows a test shows, each on its own stage with its frame clock running. After each test
 * (passed or failed) the clocks stop and the stages close: the test JVM runs every class, and a clock left
 * running would keep pulling on the FX thread through the classes after it. Register it with
 * {@code @RegisterExtension final ShownWindows windows = new ShownWindows();}.
 */
public final class ShownWindows implements AfterEachCallback {

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
