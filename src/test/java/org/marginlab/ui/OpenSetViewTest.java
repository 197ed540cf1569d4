package org.marginlab.ui;

import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Open set tab on a reopened run with classes 8 and 9 held out: the ROC of those classes, measured off the FX thread. */
class OpenSetViewTest {

    @TempDir
    Path tmp;

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
            Stage stage = new Stage();
            stage.setScene(win.scene(1000, 720));
            stage.show();
            win.clock().start();
            win.openRun(dir);
            return win;
        });
        long end = System.nanoTime() + 120_000_000_000L;
        while (!ScreenshotMaker.onFx(() -> w.model().runProperty().get() != null && w.selectTab("Open set")
                && w.view("Open set").liveFigure().csv().size() > 1)) {
            assertTrue(System.nanoTime() < end, "timed out waiting for the open-set curve");
            Thread.sleep(100);
        }
        List<String[]> rows = ScreenshotMaker.onFx(() -> w.view("Open set").liveFigure().csv());
        // the curve's last point is accept-all: FAR 1, TAR 1; each point is one of the direct ROC's (FAR, TAR) pairs
        String[] last = rows.get(rows.size() - 1);
        assertEquals(1.0, Double.parseDouble(last[1]));
        assertEquals(1.0, Double.parseDouble(last[2]));
        double[] far = direct.verification().rocFar();
        double[] tar = direct.verification().rocTar();
        String[] mid = rows.get(rows.size() / 2);
        boolean found = false;
        for (int i = 0; i < far.length && !found; i++) {
            // the CSV prints 15 significant digits
            found = Math.abs(far[i] - Double.parseDouble(mid[1])) < 1e-14 && Math.abs(tar[i] - Double.parseDouble(mid[2])) < 1e-14;
        }
        assertTrue(found, "the plotted point " + String.join(",", mid) + " is on the directly measured ROC");
        Path png = ScreenshotMaker.onFx(() -> w.view("Open set").export(tmp.resolve("export"), ExportFormat.PNG, 1));
        assertTrue(Files.size(png) > 0);
        if (System.getProperty("openset.png") != null) {
            Files.copy(png, Path.of(System.getProperty("openset.png")), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
