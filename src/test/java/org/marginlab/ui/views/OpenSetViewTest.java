package org.marginlab.ui.views;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.marginlab.data.FashionMnist;
import org.marginlab.devtools.ScreenshotMaker;
import org.marginlab.figures.export.ExportFormat;
import org.marginlab.metrics.openset.OpenSetMetrics;
import org.marginlab.config.ConfigJson;
import org.marginlab.train.EvaluationSet;
import org.marginlab.train.MarginTrainableHead;
import org.marginlab.train.TrainingData;
import org.marginlab.train.TrainingSession;
import org.marginlab.ui.BackgroundExecutor;
import org.marginlab.ui.EngineBackend;
import org.marginlab.ui.FxWait;
import org.marginlab.ui.ShownWindows;
import org.marginlab.ui.WorkbenchApp;
import org.marginlab.ui.WorkbenchPreferences;
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

    @BeforeAll
    static void toolkit() {
        ScreenshotMaker.startToolkit();
    }

    @Test
    void showsTheRocOfTheHeldOutClassesOfAnOpenedRun() throws Exception {
        Path dir = tmp.resolve("run");
        var config = ConfigJson.parse("{\"head\": \"softmax\", \"batch\": 64, \"iterations\": 30, \"snapshot_every\": 10, "
                + "\"probe_per_class\": 10, \"device\": \"cpu\", \"holdout_classes\": [8, 9]}", "test config");
        TrainingSession s = TrainingSession.create(config, TrainingData.from(FashionMnist.load(null)), MarginTrainableHead.FACTORY, dir);
        s.start();
        s.completion().get();
        // the same measurement made directly, to compare the view's curve with
        OpenSetMetrics direct;
        EvaluationSet set = EvaluationSet.embed(dir, null);
        direct = OpenSetMetrics.of(set.features(), set.labels());

        WorkbenchWindow w = ScreenshotMaker.onFx(() -> {
            WorkbenchWindow win = WorkbenchApp.build(new WorkbenchPreferences(tmp.resolve("prefs.json")),
                    new EngineBackend(tmp.resolve("runs"), EngineBackend.engineHeads()), BackgroundExecutor.fx());
            windows.show(win, 1000, 720);
            win.openRun(dir);
            return win;
        });
        FxWait.until("the open-set curve", Duration.ofSeconds(120), () -> w.model().control().runProperty().get() != null
                && w.selectTab("Open set") && w.view("Open set").liveFigure().csv().size() > 1);
        List<String[]> rows = ScreenshotMaker.onFx(() -> w.view("Open set").liveFigure().csv());
        OpenSetLiveTest.assertOnRoc(rows.subList(1, rows.size()), direct, "the opened run");
        Path png = ScreenshotMaker.onFx(() -> w.view("Open set").export(tmp.resolve("export"), ExportFormat.PNG, 1));
        assertTrue(Files.size(png) > 0);
        if (System.getProperty("openset.png") != null) {
            Files.copy(png, Path.of(System.getProperty("openset.png")), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
