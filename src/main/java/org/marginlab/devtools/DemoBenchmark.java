package org.marginlab.devtools;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javafx.beans.InvalidationListener;
import javafx.stage.Stage;

import org.marginlab.UserException;
import org.marginlab.config.DemoPreset;
import org.marginlab.figures.catalog.FigureKind;
import org.marginlab.run.IterationSnapshot;
import org.marginlab.run.RunState;
import org.marginlab.ui.viewmodel.BackgroundExecutor;
import org.marginlab.ui.EngineBackend;
import org.marginlab.ui.WorkbenchApp;
import org.marginlab.ui.viewmodel.WorkbenchPreferences;
import org.marginlab.ui.viewmodel.WorkbenchViewModel;
import org.marginlab.ui.WorkbenchWindow;
import org.marginlab.ui.viewmodel.RunModel;
import org.marginlab.ui.views.FigureCanvas;

/**
 * How soon the default demo shows something, as a teacher sees it: the real window (headless platform)
 * starts {@link DemoPreset#DEFAULT} and this watches the snapshots the window takes in. Measured from
 * Start (data loading and model building included): the first picture (the first pulse after the
 * Embedding tab painted the first snapshot, the iteration-0 one), and the first snapshot whose probe
 * set's nearest-W accuracy reaches {@value #CLUSTERED} (each probe's nearest class weight by angle is its
 * own class).
 */
public final class DemoBenchmark {

    /** Nearest-W accuracy at which the classes read as clusters on the sphere. */
    public static final double CLUSTERED = 0.6;

    private DemoBenchmark() {
    }

    /** What was measured; times in seconds from Start, NaN when it never happened. */
    public record Result(double firstPicture, double clusters, long clustersIteration, double accuracy) {
    }

    /** Fraction of the snapshot's probes whose nearest class weight by angle (max cosine) is their own. */
    public static double nearestWAccuracy(IterationSnapshot s) {
        float[][] w = s.weights();
        int hits = 0;
        for (int i = 0; i < s.embeddings().length; i++) {
            float[] x = s.embeddings()[i];
            int best = -1;
            double bestCos = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < w.length; j++) {
                double dot = 0;
                double nw = 0;
                for (int k = 0; k < x.length; k++) {
                    dot += x[k] * w[j][k];
                    nw += w[j][k] * w[j][k];
                }
                double cos = dot / Math.sqrt(nw); // ‖x‖ is the same for every j
                if (cos > bestCos) {
                    bestCos = cos;
                    best = j;
                }
            }
            if (best == s.probeLabels()[i]) {
                hits++;
            }
        }
        return s.embeddings().length == 0 ? 0 : (double) hits / s.embeddings().length;
    }

    public static Result run(Path runs, PrintWriter out) throws Exception {
        ScreenshotMaker.startToolkit();
        DemoPreset demo = DemoPreset.DEFAULT;
        Path prefs = Files.createTempDirectory("marginlab-demo-bench").resolve("prefs.json");
        // As the window does when it opens (WorkbenchApp), and a teacher takes longer to reach Start.
        EngineBackend backend = new EngineBackend(runs, EngineBackend.engineHeads());
        long p0 = System.nanoTime();
        backend.prepare(demo.config().dataDir());
        out.printf(Locale.ROOT, "data and engine loaded in %.1f s (as the window does when it opens)%n",
                (System.nanoTime() - p0) / 1e9);
        CompletableFuture<Result> done = new CompletableFuture<>();
        double[] first = {Double.NaN};
        long[] paintsBeforeFirst = {-1};
        double[] best = {0};
        long[] t0 = new long[1];
        WorkbenchWindow w = ScreenshotMaker.onFx(() -> {
            WorkbenchWindow win = WorkbenchApp.build(new WorkbenchPreferences(prefs),
                    backend, BackgroundExecutor.fx());
            Stage stage = new Stage();
            stage.setScene(win.scene(1000, 720));
            stage.show();
            win.clock().start();
            WorkbenchViewModel m = win.model();
            FigureCanvas embedding = win.view(FigureKind.EMBEDDING_CIRCLE.label()).canvas();
            // The window paints a pulled snapshot at once; it is on screen after the next pulse.
            stage.getScene().addPostLayoutPulseListener(() -> {
                if (paintsBeforeFirst[0] >= 0 && Double.isNaN(first[0]) && embedding.paints() > paintsBeforeFirst[0]) {
                    first[0] = (System.nanoTime() - t0[0]) / 1e9;
                }
            });
            InvalidationListener watch = o -> {
                RunModel r = m.control().runProperty().get();
                IterationSnapshot s = r == null ? null : r.latestProperty().get();
                double secs = (System.nanoTime() - t0[0]) / 1e9;
                if (s != null && paintsBeforeFirst[0] < 0) {
                    paintsBeforeFirst[0] = embedding.paints();
                }
                if (s != null) {
                    double acc = nearestWAccuracy(s);
                    best[0] = Math.max(best[0], acc);
                    if (acc >= CLUSTERED) {
                        done.complete(new Result(first[0], secs, s.iteration(), acc));
                    }
                }
                RunState st = m.control().stateProperty().get();
                if (st == RunState.FINISHED || st == RunState.FAILED || st == RunState.CANCELLED) {
                    done.complete(new Result(first[0], Double.NaN, -1, best[0]));
                }
            };
            m.revision().property().addListener(watch);
            m.control().stateProperty().addListener(watch);
            t0[0] = System.nanoTime();
            win.startDemo(demo);
            return win;
        });
        Result r;
        try {
            r = done.get(15, TimeUnit.MINUTES);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new UserException("ui-bench --demo: no clusters within 15 minutes");
        } finally {
            ScreenshotMaker.onFx(() -> {
                w.model().stop();
                w.clock().stop();
                return null;
            });
        }
        out.printf(Locale.ROOT, "demo \"%s\": nearest-W accuracy of the probes reached %.2f at iteration %d; "
                        + "load average %.1f%n", demo.title(), r.accuracy(), r.clustersIteration(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        out.printf(Locale.ROOT, "first_picture_s=%.2f%n", r.firstPicture());
        out.printf(Locale.ROOT, "time_to_clusters_s=%.1f%n", r.clusters());
        return r;
    }
}
