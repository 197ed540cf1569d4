package org.marginlab.ui;

import org.marginlab.ui.viewmodel.WorkbenchPreferences;
import org.marginlab.config.ConfigField;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import javafx.stage.Stage;
import javafx.stage.WindowEvent;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marginlab.devtools.ScreenshotMaker;
import org.marginlab.loss.HeadKind;

/** The desktop entry point restores the last session and saves it when the window closes. */
class WorkbenchAppTest {
    @TempDir
    Path home;

    @BeforeAll
    static void toolkit() {
        ScreenshotMaker.startToolkit();
    }

    @Test
    void settingsThemeAndTabSurviveARestart() throws Exception {
        String old = System.getProperty("marginlab.home");
        System.setProperty("marginlab.home", home.toString());
        try {
            WorkbenchPreferences seed = new WorkbenchPreferences(WorkbenchPreferences.defaultFile());
            seed.setGeometry(0, 0, 960, 700, false); // fits the headless platform's 1000 × 1000 screen
            seed.save();

            Stage first = ScreenshotMaker.onFx(() -> {
                Stage s = new Stage();
                new WorkbenchApp().start(s);
                WorkbenchWindow w = window(s);
                w.model().settings().selectHead(HeadKind.CENTER);
                w.model().settings().textProperty(ConfigField.DIM).set("2");
                w.setTheme("dark");
                w.selectTab("Theory");
                s.fireEvent(new WindowEvent(s, WindowEvent.WINDOW_CLOSE_REQUEST));
                return s;
            });
            assertTrue(Files.isRegularFile(home.resolve("workbench.json")));

            ScreenshotMaker.onFx(() -> {
                Stage s = new Stage();
                new WorkbenchApp().start(s);
                WorkbenchWindow w = window(s);
                assertEquals(HeadKind.CENTER, w.model().settings().toConfig().head());
                assertEquals(2, w.model().settings().toConfig().dim());
                assertEquals("dark", w.theme());
                assertEquals("Theory", w.selectedTab());
                assertEquals(960, s.getWidth(), 1);
                s.close();
                return null;
            });
            assertFalse(ScreenshotMaker.onFx(first::isShowing), "the close request closed the first window");
        } finally {
            if (old == null) {
                System.clearProperty("marginlab.home");
            } else {
                System.setProperty("marginlab.home", old);
            }
        }
    }

    private static WorkbenchWindow window(Stage s) {
        return (WorkbenchWindow) s.getScene().getRoot().getProperties().get(WorkbenchWindow.class);
    }
}
