package org.marginlab.ui.views;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.marginlab.data.FashionMnist;
import org.marginlab.devtools.ScreenshotMaker;
import org.marginlab.figures.export.ExportFormat;
import org.marginlab.metrics.openset.OpenSetMetrics;
import org.marginlab.config.ConfigJson;
import org.marginlab.figures.RunData;
import org.marginlab.run.RunReader;
import org.marginlab.train.EvaluationSet;
import org.marginlab.train.MarginTrainableHead;
import org.marginlab.train.TrainingData;
import org.marginlab.train.TrainingSession;
import org.marginlab.ui.viewmodel.BackgroundExecutor;
import org.marginlab.ui.EngineBackend;
import org.marginlab.ui.FxWait;
import org.marginlab.ui.ShownWindows;
import org.marginlab.ui.WorkbenchApp;
import org.marginlab.ui.viewmodel.WorkbenchPreferences;
import org.marginlab.ui.WorkbenchWindow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Open set tab on a reopened run with classes 8 and 9 held out: the ROC of those classes, measured off the FX thread. */
class OpenSetViewTest {

    @TempDir
    Path tmp;
    @RegisterExtension
    final ShownWindows windows = new ShownWindows();

    /** A 30-iteration run of {@code head} with classes 8 and 9 held out, in {@code tmp/name}. */
    private Path train(String name, String head) throws Exception {
        Path dir = tmp.resolve(name);
        var config = ConfigJson.parse("{\"head\": \"" + head + "\", \"batch\": 64, \"iterations\": 30, \"snapshot_every\": 10, "
                + "\"probe_per_class\": 10, \"device\": \"cpu\", \"holdout_classes\": [8, 9]}", "test config");
        TrainingSession s = TrainingSession.create(config, TrainingData.from(FashionMnist.load(null)), MarginTrainableHead.FACTORY, dir);
        s.start();
        s.completion().get();
        return dir;
    }

    /** The same measurement made directly, to compare the view's curves with. */
    private static OpenSetMetrics direct(Path dir) {
        EvaluationSet set = EvaluationSet.embed(dir, null);
        return OpenSetMetrics.of(set.features(), set.labels());
    }

    private WorkbenchWindow windowWith(Path dir) throws Exception {
        return windows.open(tmp, new EngineBackend(tmp.resolve("runs"), EngineBackend.engineHeads()), win -> win.openRun(dir));
    }

    private static void await(String what, java.util.function.BooleanSupplier done) throws InterruptedException {
        FxWait.until(what, Duration.ofSeconds(120), done);
    }

    @Test
    void showsTheRocOfTheHeldOutClassesOfAnOpenedRun() throws Exception {
        Path dir = train("run", "softmax");
        OpenSetMetrics direct = direct(dir);
        WorkbenchWindow w = windowWith(dir);
        await("the open-set curve", () -> w.model().control().runProperty().get() != null && w.selectTab("Open set")
                && w.view("Open set").liveFigure().csv().size() > 1);
        List<String[]> rows = ScreenshotMaker.onFx(() -> w.view("Open set").liveFigure().csv());
        OpenSetLiveTest.assertOnRoc(rows.subList(1, rows.size()), direct, "the opened run");
        Path png = ScreenshotMaker.onFx(() -> w.view("Open set").export(tmp.resolve("export"), ExportFormat.PNG, 1));
        assertTrue(Files.size(png) > 0);
        if (System.getProperty("openset.png") != null) {
            Files.copy(png, Path.of(System.getProperty("openset.png")), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    void overlaidRunsAreMeasuredAndDrawnBesideTheRun() throws Exception {
        Path dir = train("run", "softmax");
        Path other = train("other", "cosface");
        WorkbenchWindow w = windowWith(dir);
        OpenSetView view = (OpenSetView) ScreenshotMaker.onFx(() -> w.view("Open set"));
        // a copy of the other run without its model: named in the notification, left out of the figure
        Path bare = Files.createDirectories(tmp.resolve("bare"));
        try (var files = Files.list(other)) {
            for (Path f : files.filter(f -> !f.getFileName().toString().startsWith("checkpoint")).toList()) {
                Files.copy(f, bare.resolve(f.getFileName()));
            }
        }
        String otherLabel = RunData.defaultLabel(RunReader.read(other).config()) + " (other)";
        await("the run's curve", () -> w.model().control().runProperty().get() != null && w.selectTab("Open set")
                && labels(view).size() == 1);
        String runLabel = ScreenshotMaker.onFx(() -> labels(view).getFirst());
        ScreenshotMaker.onFx(() -> {
            view.overlays().load(List.of(other, bare));
            return null;
        });
        await("the overlaid run's curve", () -> labels(view).equals(List.of(runLabel, otherLabel)));
        assertEquals("Open set: left out of the ROC: bare has no model file",
                ScreenshotMaker.onFx(() -> w.model().notificationProperty().get()));
        List<String[]> rows = ScreenshotMaker.onFx(() -> view.liveFigure().csv());
        OpenSetLiveTest.assertOnRoc(rows.stream().filter(r -> r[0].equals(runLabel)).toList(), direct(dir), runLabel);
        OpenSetLiveTest.assertOnRoc(rows.stream().filter(r -> r[0].equals(otherLabel)).toList(), direct(other), otherLabel);
        String text = ScreenshotMaker.onFx(() -> ((javafx.scene.control.Label) view.lookup(".open-set-metrics")).getText());
        // the run's metrics in the tool row; the overlaid run's are in the legend, beside its curve
        assertTrue(text.startsWith("P@1 ") && !text.contains(otherLabel) && !text.contains("\n"), text);
        // the tool row's buttons stay whole whatever the text beside them
        for (String button : List.of("Overlay runs…", "Clear overlay")) {
            javafx.scene.control.Button b = ScreenshotMaker.onFx(() -> view.lookupAll(".button").stream()
                    .map(n -> (javafx.scene.control.Button) n).filter(n -> button.equals(n.getText())).findFirst().orElseThrow());
            assertTrue(ScreenshotMaker.onFx(() -> b.getWidth() >= b.prefWidth(-1) - 0.5), button + " is cut short");
        }
        if (System.getProperty("openset.overlay.png") != null) { // to look at: -Dopenset.overlay.png=FILE
            Path png = ScreenshotMaker.onFx(() -> view.export(tmp.resolve("export"), ExportFormat.PNG, 1));
            Files.copy(png, Path.of(System.getProperty("openset.overlay.png")), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        ScreenshotMaker.onFx(() -> {
            view.overlays().load(List.of());
            return null;
        });
        await("the overlay cleared", () -> labels(view).equals(List.of(runLabel)));
    }

    /** The runs the view's figure draws, in order. */
    private static List<String> labels(OpenSetView view) {
        return view.liveFigure().csv().stream().skip(1).map(r -> r[0]).distinct().toList();
    }
}
