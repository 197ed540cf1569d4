package org.marginlab.ui.views;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.marginlab.config.ConfigField;
import org.marginlab.config.TrainConfig;
import org.marginlab.data.FashionMnistSubset;
import org.marginlab.devtools.ScreenshotMaker;
import org.marginlab.loss.HeadKind;
import org.marginlab.metrics.openset.OpenSetMetrics;
import org.marginlab.run.EpochSnapshot;
import org.marginlab.run.RunState;
import org.marginlab.train.EvaluationSet;
import org.marginlab.train.TrainingListener;
import org.marginlab.ui.viewmodel.BackgroundExecutor;
import org.marginlab.ui.EngineBackend;
import org.marginlab.ui.FxWait;
import org.marginlab.ui.ShownWindows;
import org.marginlab.ui.viewmodel.TrainingBackend;
import org.marginlab.ui.WorkbenchApp;
import org.marginlab.ui.viewmodel.WorkbenchPreferences;
import org.marginlab.ui.WorkbenchWindow;
import org.marginlab.ui.viewmodel.RunModel;
import org.marginlab.ui.viewmodel.SettingsViewModel;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Open set tab during training with classes 8 and 9 held out, on a 640-image slice of Fashion-MNIST so
 * that whole epochs take seconds: it measures the model of every epoch of a live run, and shows the heads
 * of a comparison side by side.
 */
class OpenSetLiveTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(180);

    @TempDir
    Path tmp;
    @RegisterExtension
    final ShownWindows windows = new ShownWindows();

    /** The window on {@code backend}, settings for a 2-epoch run on the slice, the Open set tab showing. */
    private WorkbenchWindow window(TrainingBackend backend) throws Exception {
        Path data = FashionMnistSubset.write(tmp.resolve("data"), 640, 500);
        return windows.open(tmp, backend, win -> {
            SettingsViewModel s = win.model().settings();
            s.selectHead(HeadKind.SOFTMAX);
            s.textProperty(ConfigField.DATA).set(data.toString());
            s.textProperty(ConfigField.BATCH).set("32");
            s.textProperty(ConfigField.EPOCHS).set("2");
            s.textProperty(ConfigField.ITERATIONS).set("0");
            s.textProperty(ConfigField.SNAPSHOT_EVERY).set("10");
            s.textProperty(ConfigField.PROBE_PER_CLASS).set("5");
            s.textProperty(ConfigField.DEVICE).set("cpu");
            s.textProperty(ConfigField.HOLDOUT_CLASSES).set("8,9");
            assertTrue(s.validProperty().get(), s.firstErrorProperty().get());
            win.selectTab("Open set");
        });
    }

    private static void await(String what, BooleanSupplier done) throws Exception {
        FxWait.until(what, TIMEOUT, done);
    }

    @Test
    void measuresTheModelOfEveryEpochOfALiveRun() throws Exception {
        OpenSetView[] view = new OpenSetView[1];
        List<Long> epochEnds = Collections.synchronizedList(new ArrayList<>());
        List<Long> measured = Collections.synchronizedList(new ArrayList<>());
        // Training waits at each epoch end until the tab has measured that epoch's model: the checkpoint
        // it reads is then exactly the epoch's, and no epoch can slip past between two measurements.
        EngineBackend engine = new EngineBackend(tmp.resolve("runs"), EngineBackend.engineHeads());
        TrainingBackend waiting = new TrainingBackend() {
            @Override
            public Control start(TrainConfig config, TrainingListener listener) {
                return engine.start(config, new TrainingListener() {
                    @Override
                    public void onIteration(org.marginlab.run.IterationSnapshot s) {
                        listener.onIteration(s);
                    }

                    @Override
                    public void onProgress(long iteration, long total, int epoch) {
                        listener.onProgress(iteration, total, epoch);
                    }

                    @Override
                    public void onChange(org.marginlab.run.LiveChange c) {
                        listener.onChange(c);
                    }

                    @Override
                    public void onStateChanged(RunState state, String message) {
                        listener.onStateChanged(state, message);
                    }

                    @Override
                    public void onEpoch(EpochSnapshot e) {
                        listener.onEpoch(e);
                        epochEnds.add(e.iteration());
                        try {
                            await("the Open set tab to measure iteration " + e.iteration(),
                                    () -> view[0].measuredIteration() == e.iteration());
                            measured.add(ScreenshotMaker.onFx(view[0]::measuredIteration));
                        } catch (Exception ex) {
                            throw new IllegalStateException(ex);
                        }
                    }
                });
            }

            @Override
            public Control resume(Path runDirectory, TrainingListener listener) {
                return engine.resume(runDirectory, listener);
            }

            @Override
            public boolean hasModel(Path runDirectory) {
                return engine.hasModel(runDirectory);
            }

            @Override
            public OpenSetMeasurement measureOpenSet(Path runDirectory) {
                return engine.measureOpenSet(runDirectory);
            }

            @Override
            public List<Control> startCompare(List<TrainConfig> configs, List<TrainingListener> listeners) {
                return engine.startCompare(configs, listeners);
            }

            @Override
            public StoredRun open(Path runDirectory) {
                return engine.open(runDirectory);
            }
        };
        WorkbenchWindow w = window(waiting);
        view[0] = (OpenSetView) ScreenshotMaker.onFx(() -> w.view("Open set"));
        ScreenshotMaker.onFx(() -> {
            w.model().control().start();
            return null;
        });
        await("the run to end", () -> !w.model().control().startingProperty().get()
                && (w.model().control().stateProperty().get() == RunState.FINISHED || w.model().control().stateProperty().get() == RunState.FAILED));
        assertEquals(RunState.FINISHED, ScreenshotMaker.onFx(() -> w.model().control().stateProperty().get()));
        // the first 640 training images hold 517 of classes 0–7: 16 whole batches of 32 per epoch
        assertEquals(List.of(16L, 32L), epochEnds);
        assertEquals(epochEnds, measured);
        // the shown curve is the final model's, measured independently here
        Path dir = ScreenshotMaker.onFx(() -> w.model().control().runDirectoryProperty().get());
        EvaluationSet set = EvaluationSet.embed(dir, null);
        assertEquals(32, set.iteration());
        OpenSetMetrics direct = OpenSetMetrics.of(set.features(), set.labels());
        List<String[]> rows = ScreenshotMaker.onFx(() -> view[0].liveFigure().csv());
        assertOnRoc(rows.subList(1, rows.size()), direct, "the run");
        // the θ_y histograms offer the trained classes only
        List<String> choices = ScreenshotMaker.onFx(() -> {
            w.selectTab(w.view(org.marginlab.figures.catalog.FigureKind.ANGLE_HISTOGRAMS.label()).name());
            w.view(org.marginlab.figures.catalog.FigureKind.ANGLE_HISTOGRAMS.label()).refresh();
            return ((AngleHistogramView) w.view(org.marginlab.figures.catalog.FigureKind.ANGLE_HISTOGRAMS.label())).classChoices();
        });
        assertEquals(List.of("all classes", "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker"),
                choices);
    }

    /**
     * Every plotted point (run, FAR, TAR) is a point of the directly measured ROC, to the CSV's printed
     * digits, and the curve ends at accept-all (1, 1); the figure may thin the curve's points.
     */
    static void assertOnRoc(List<String[]> curve, OpenSetMetrics direct, String what) {
        double[] far = direct.verification().rocFar();
        double[] tar = direct.verification().rocTar();
        assertTrue(curve.size() > 10, what + ": " + curve.size() + " points");
        for (String[] row : curve) {
            double x = Double.parseDouble(row[1]);
            double y = Double.parseDouble(row[2]);
            boolean on = false;
            for (int i = 0; i < far.length && !on; i++) {
                on = Math.abs(far[i] - x) <= 1e-6 && Math.abs(tar[i] - y) <= 1e-6;
            }
            assertTrue(on, what + ": plotted point " + String.join(",", row) + " is on the directly measured ROC");
        }
        String[] last = curve.get(curve.size() - 1);
        assertEquals(1.0, Double.parseDouble(last[1]));
        assertEquals(1.0, Double.parseDouble(last[2]));
    }

    @Test
    void showsComparedHeadsSideBySide() throws Exception {
        WorkbenchWindow w = window(new EngineBackend(tmp.resolve("runs"), EngineBackend.engineHeads()));
        OpenSetView view = (OpenSetView) ScreenshotMaker.onFx(() -> w.view("Open set"));
        List<HeadKind> heads = List.of(HeadKind.SOFTMAX, HeadKind.COSFACE);
        ScreenshotMaker.onFx(() -> {
            w.model().compare().startCompare(heads);
            return null;
        });
        List<String> labels = ScreenshotMaker.onFx(() -> w.model().compare().compareRuns().stream().map(RunModel::title).toList());
        await("both heads measured at their final model", () -> w.model().compare().compareRuns().size() == 2
                && w.model().compare().compareRuns().stream().allMatch(r -> r.stateProperty().get() == RunState.FINISHED)
                && view.comparedIterations().equals(Map.of(labels.get(0), 32L, labels.get(1), 32L)));
        List<String[]> rows = ScreenshotMaker.onFx(() -> view.liveFigure().csv());
        List<Path> dirs = ScreenshotMaker.onFx(() -> List.copyOf(w.model().compare().compareDirectories()));
        for (int k = 0; k < 2; k++) {
            EvaluationSet set = EvaluationSet.embed(dirs.get(k), null);
            OpenSetMetrics direct = OpenSetMetrics.of(set.features(), set.labels());
            String label = labels.get(k);
            assertOnRoc(rows.stream().filter(r -> r[0].equals(label)).toList(), direct, label);
        }
        String text = ScreenshotMaker.onFx(() -> ((javafx.scene.control.Label) view.lookup(".open-set-metrics")).getText());
        assertTrue(text.contains(labels.get(0) + ": P@1") && text.contains(labels.get(1) + ": P@1"), text);
        // the Compare tab's class key names the trained classes only, by their Fashion-MNIST ids
        assertEquals(List.of("0 T-shirt/top", "1 Trouser", "2 Pullover", "3 Dress", "4 Coat", "5 Sandal", "6 Shirt", "7 Sneaker"),
                ScreenshotMaker.onFx(() -> ((ClassLegendBar) view.getScene().lookup(".class-legend-bar")).classEntries()));
        if (System.getProperty("openset.compare.png") != null) { // to look at: -Dopenset.compare.png=FILE
            Path png = ScreenshotMaker.onFx(() -> view.export(tmp.resolve("export"), org.marginlab.figures.export.ExportFormat.PNG, 1));
            java.nio.file.Files.copy(png, Path.of(System.getProperty("openset.compare.png")),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
