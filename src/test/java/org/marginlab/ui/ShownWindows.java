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
        Stage stage = new Stage();
        stage.setScene(w.scene(width, height));
        stage.show();
        w.clock().start();
        closers.add(() -> {
            w.clock().stop();
            stage.close();
        });
        return w;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        ScreenshotMaker.onFx(() -> {
            closers.forEach(Runnable::run);
            closers.clear();
            return null;
        });
    }
}
