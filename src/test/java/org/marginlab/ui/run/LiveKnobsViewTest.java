package org.marginlab.ui.run;

import org.marginlab.ui.viewmodel.RunModel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

import javafx.scene.control.Button;
import javafx.scene.control.TextField;

import org.marginlab.devtools.ScreenshotMaker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.marginlab.figures.catalog.FigureKind;
import org.marginlab.config.ConfigField;
import org.marginlab.figures.RunData;
import org.marginlab.loss.HeadKind;
import org.marginlab.run.IterationSnapshot;
import org.marginlab.run.LiveChange;
import org.marginlab.config.LiveField;
import org.marginlab.run.RunState;
import org.marginlab.ui.viewmodel.BackgroundExecutor;
import org.marginlab.ui.EngineBackend;
import org.marginlab.ui.FxWait;
import org.marginlab.ui.ShownWindows;
import org.marginlab.ui.WorkbenchApp;
import org.marginlab.ui.viewmodel.WorkbenchPreferences;
import org.marginlab.ui.WorkbenchWindow;
import org.marginlab.ui.viewmodel.SettingsViewModel;

/** The live-knobs row on the real engine: checked as typed, acts at the next iteration, marked and reopened. */
class LiveKnobsViewTest {

    @TempDir
    Path tmp;
    @RegisterExtension
    final ShownWindows windows = new ShownWindows();

    private static void await(String what, BooleanSupplier fx) throws InterruptedException {
        FxWait.until(what, Duration.ofSeconds(120), fx);
    }

    private static Button button(WorkbenchWindow w, String text) {
        return (Button) w.root().lookupAll(".button").stream()
                .filter(n -> n instanceof Button b && text.equals(b.getText())).findFirst().orElseThrow();
    }

    @Test
    void changingMWhilePausedActsAtTheNextStepAndIsMarked() throws Exception {
        Path runs = tmp.resolve("runs");
        WorkbenchWindow w = windows.open(tmp, new EngineBackend(runs, EngineBackend.engineHeads()), win -> {
            SettingsViewModel s = win.model().settings();
            s.selectHead(HeadKind.ARCFACE);
            s.textProperty(ConfigField.DIM).set("2");
            s.textProperty(ConfigField.BATCH).set("32");
            s.textProperty(ConfigField.ITERATIONS).set("400");
            s.textProperty(ConfigField.MARGIN_WARMUP).set("0");
            s.textProperty(ConfigField.SNAPSHOT_EVERY).set("4");
            s.textProperty(ConfigField.PROBE_PER_CLASS).set("10");
            s.textProperty(ConfigField.DEVICE).set("cpu");
            LiveKnobsView knobs = (LiveKnobsView) win.root().lookup(".live-knobs");
            assertTrue(knobs.isDisabled(), "no run, no live knobs");
            button(win, "Start").fire();
        });
        await("8 iterations", () -> w.model().control().runProperty().get() != null
                && w.model().control().runProperty().get().iterationProperty().get() >= 8);
        ScreenshotMaker.onFx(() -> {
            button(w, "Pause").fire();
            return null;
        });
        await("pause", () -> w.model().control().stateProperty().get() == RunState.PAUSED);
        long paused = ScreenshotMaker.onFx(() -> w.model().control().runProperty().get().iterationProperty().get());
        ScreenshotMaker.onFx(() -> {
            LiveKnobsView knobs = (LiveKnobsView) w.root().lookup(".live-knobs");
            assertFalse(knobs.isDisabled());
            assertNull(knobs.field(LiveField.LAMBDA), "ArcFace reads no λ");
            TextField m = knobs.field(LiveField.M);
            assertEquals("0.2", m.getText());
            Button apply = button(w, "Apply");
            assertTrue(apply.isDisabled(), "nothing edited");
            m.setText("4");
            assertTrue(m.getStyleClass().contains("invalid"));
            assertTrue(apply.isDisabled());
            assertTrue(knobs.getChildren().stream().anyMatch(n -> n instanceof javafx.scene.control.Label l
                    && l.getText().equals("Margin m must be a number in [0, π) (got 4)")));
            m.setText("0.5");
            assertFalse(m.getStyleClass().contains("invalid"));
            apply.fire();
            button(w, "Step").fire();
            return null;
        });
        // A step while paused takes a snapshot: the change acted at that step.
        await("the step's snapshot", () -> {
            IterationSnapshot last = w.model().control().runProperty().get().latestProperty().get();
            return last != null && last.iteration() == paused + 1;
        });
        ScreenshotMaker.onFx(() -> {
            RunModel r = w.model().control().runProperty().get();
            assertEquals(List.of(new LiveChange(paused, LiveField.M, 0.2, 0.5)), r.changes());
            assertEquals(0.5, r.latestProperty().get().headParams().m(), "the margin the wedges are drawn with");
            RunData data = w.model().control().runData();
            assertEquals("ArcFace s = 16, m = 0.5", data.paramsLabel(r.latestProperty().get()));
            var curves = FigureKind.TRAINING_CURVES.create();
            ((org.marginlab.figures.RunFigure) curves).setRun(data);
            assertTrue(curves.csv().stream().anyMatch(row -> row[1].equals("change:m") && row[2].equals(String.valueOf(paused))
                    && row[3].equals("0.5")), "the training curves mark the change");
            assertEquals(1, w.root().lookupAll(".timeline-marker").size(), "one marker on the timeline");
            button(w, "Stop").fire();
            return null;
        });
        await("stop", () -> w.model().control().stateProperty().get() == RunState.CANCELLED);
        Path dir = ScreenshotMaker.onFx(() -> w.model().control().runDirectoryProperty().get());
        assertEquals(List.of(LiveChange.HEADER, paused + ",m,0.2,0.5"), Files.readAllLines(dir.resolve("changes.csv")));
    }
}
