package org.marginlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.marginlab.devtools.ScreenshotMaker;
import org.marginlab.ui.viewmodel.BackgroundExecutor;
import org.marginlab.ui.viewmodel.WorkbenchPreferences;

/**
 * Presentation mode folds the window's chrome and keeps it one move away: the menu bar hides and comes back with
 * F10 or Alt alone, the run buttons and the live knobs stay on the top line inside a 1024 px window, a hint says
 * so once, Esc leaves the mode and everything is back; Help → Keys lists the keys the hint names.
 */
class PresentationChromeTest {

    @TempDir
    Path tmp;

    @RegisterExtension
    final ShownWindows windows = new ShownWindows();

    @BeforeAll
    static void toolkit() {
        ScreenshotMaker.startToolkit();
    }

    private static void key(WorkbenchWindow w, javafx.event.EventType<KeyEvent> type, KeyCode code) {
        Event.fireEvent(w.root(), new KeyEvent(type, "", "", code, false, false, code == KeyCode.ALT, false));
    }

    private static void press(WorkbenchWindow w, KeyCode code) {
        key(w, KeyEvent.KEY_PRESSED, code);
        key(w, KeyEvent.KEY_RELEASED, code);
    }

    /** Whether {@code n} is shown and lies wholly inside the window. */
    private static boolean inWindow(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        var b = n.localToScene(n.getLayoutBounds());
        return n.getScene() != null && b.getWidth() > 0 && b.getMinX() >= 0 && b.getMinY() >= 0
                && b.getMaxX() <= n.getScene().getWidth() + 0.5 && b.getMaxY() <= n.getScene().getHeight() + 0.5;
    }

    @Test
    void theChromeFoldsAndComesBackByKey() throws InterruptedException {
        RecordingBackend backend = new RecordingBackend();
        WorkbenchWindow w = ScreenshotMaker.onFx(() -> windows.showStill(WorkbenchApp.build(
                new WorkbenchPreferences(tmp.resolve("prefs.json")), backend, BackgroundExecutor.fx()), 1024, 768));
        ScreenshotMaker.onFx(() -> {
            w.model().control().start();
            return null;
        });
        backend.awaitStarted(1);
        ScreenshotMaker.onFx(() -> {
            backend.listeners.getFirst().onIteration(PresentationSizeTest.sphereSnapshot(0));
            w.model().pull();
            w.setPresentation(true);
            w.paintNow();
            assertFalse(w.menusShown(), "the menu bar folds away");
            String hint = w.hintShowing();
            assertNotNull(hint, "a hint says where the menus and keys went");
            assertTrue(hint.contains("F10") && hint.contains("Esc") && hint.contains("F1"), hint);
            // the run buttons and every live knob of the run's head: on screen, inside 1024 px, one move away
            List<Node> start = w.root().lookupAll(".button").stream()
                    .filter(n -> n instanceof Button b && "Start".equals(b.getText())).toList();
            assertEquals(1, start.size());
            assertTrue(inWindow(start.getFirst()), "Start is on the top line");
            List<Node> knobs = w.root().lookupAll(".live-knobs .text-field").stream().filter(n -> n instanceof TextField).toList();
            assertTrue(knobs.size() >= 3, "s, m and lr at least: " + knobs.size());
            knobs.forEach(k -> assertTrue(inWindow(k), "a live knob lies inside the window"));

            press(w, KeyCode.SHIFT);
            assertNull(w.hintShowing(), "a key puts the hint away");
            press(w, KeyCode.F10);
            assertTrue(w.menusShown(), "F10 shows the menus");
            press(w, KeyCode.F10);
            assertFalse(w.menusShown(), "F10 again folds them");
            press(w, KeyCode.ALT);
            assertTrue(w.menusShown(), "Alt alone shows them");
            press(w, KeyCode.ALT);
            assertFalse(w.menusShown(), "Alt again folds them");
            press(w, KeyCode.F10);
            press(w, KeyCode.ESCAPE);
            assertFalse(w.menusShown(), "Esc folds the menus first");
            assertTrue(w.presentation());
            press(w, KeyCode.ESCAPE);
            assertFalse(w.presentation(), "then leaves presentation mode");
            assertTrue(w.menusShown(), "with the menu bar back");
            assertTrue(w.settingsView().getScene() != null, "and the settings");
            w.setPresentation(true);
            assertNull(w.hintShowing(), "the hint shows once");
            return null;
        });
    }

    @Test
    void theKeysListNamesEveryKeyTheHintNames() {
        String all = String.join("\n", WorkbenchAction.keyLines());
        for (String k : List.of("F10", "Esc", "F11", "F5", "F6", "F1")) {
            assertTrue(all.contains(k + " — "), k + " in the keys list:\n" + all);
            assertTrue(WorkbenchAction.presentationHint().contains(k), k + " in the hint");
        }
    }
}
