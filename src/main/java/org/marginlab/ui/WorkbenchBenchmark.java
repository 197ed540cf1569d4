package org.marginlab.ui;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import javafx.animation.AnimationTimer;
import javafx.scene.Scene;
import javafx.stage.Stage;

import org.marginlab.UserException;
import org.marginlab.model.heads.HeadKind;
import org.marginlab.train.RunState;
import org.marginlab.train.TrainConfig;
import org.marginlab.train.TrainingListener;

/**
 * Measures the window's cost, on the headless platform with software rendering:
 * (1) the sphere view's redraws per second with a large probe (10 000 points at 1000 per class),
 * rotated every pulse; (2) the mean FX-thread time per pulse while a run trains with live views;
 * (3) training images/s with the window live versus the same run with no window, alternated.
 */
public final class WorkbenchBenchmark {
    private WorkbenchBenchmark() {
    }

    public record Options(int iterations, int batch, int probePerClass, int rounds, double sphereSeconds, Path runs) {
    }

    public static void run(Options o, PrintWriter out) throws Exception {
        ScreenshotMaker.startToolkit();
        EngineBackend backend = new EngineBackend(o.runs(), EngineBackend.engineHeads());
        TrainConfig base = config(o, o.iterations(), 10, 100);

        out.println("== sphere redraws with " + 10 * o.probePerClass() + " points");
        TrainConfig big = config(o, 20, 20, o.probePerClass());
        WorkbenchWindow w = window(backend);
        ScreenshotMaker.onFx(() -> {
            w.model().settings().load(big);
            w.selectTab("Embedding");
            w.model().start();
            return null;
        });
        waitDone(w);
        double[] sphere = sphereRate(w, o.sphereSeconds());
        out.printf(Locale.ROOT, "pulses %.0f, redraws %.0f in %.1f s: %.1f redraws/s; mean paint %.2f ms (max rate %.0f/s)%n",
                sphere[0], sphere[1], o.sphereSeconds(), sphere[1] / o.sphereSeconds(), sphere[2], 1000 / sphere[2]);
        // wall times swell with other jobs on a shared machine; CPU times say what a redraw costs
        out.printf(Locale.ROOT, "CPU per redraw: FX-thread paint %.2f ms, whole process %.2f ms (rendering, GC included); "
                + "load average %.1f%n", sphere[3], sphere[4],
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        if (o.rounds() == 0) {
            return;
        }

        out.println("== training with and without the live window (" + o.iterations() + " iterations, batch "
                + o.batch() + ", " + base.probePerClass() + " probes per class, snapshot every " + base.snapshotEvery() + ")");
        List<Double> live = new ArrayList<>();
        List<Double> headless = new ArrayList<>();
        double cpuHeadless = 0;
        double cpuLive = 0;
        double windowShare = 0;
        for (int r = 0; r < o.rounds(); r++) {
            double[] hr = headlessRun(backend, base);
            headless.add(hr[0]);
            double[] l = liveRun(backend, base);
            live.add(l[0]);
            cpuHeadless += hr[1] / o.rounds();
            cpuLive += l[4] / o.rounds();
            windowShare += l[5] / o.rounds();
            out.printf(Locale.ROOT, "round %d: headless %.1f images/s, live %.1f images/s; pulses %.0f, mean pulse %.2f ms, max %.1f ms; "
                    + "process CPU per 1000 images %.0f ms headless, %.0f ms live; window threads %.1f %% of the live run's CPU%n",
                    r + 1, headless.get(r), l[0], l[1], l[2], l[3], hr[1], l[4], 100 * l[5]);
        }
        double h = headless.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double l = live.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        out.printf(Locale.ROOT, "mean: headless %.1f, live %.1f images/s: live plotting costs %.1f %%%n", h, l, 100 * (1 - l / h));
        // With both cores busy, CPU the window uses is taken from training: a load-independent estimate
        out.printf(Locale.ROOT, "mean CPU per 1000 images: headless %.0f ms, live %.0f ms (%+.1f %%); FX and render threads used "
                + "%.1f %% of the live runs' CPU; load average %.1f%n", cpuHeadless, cpuLive, 100 * (cpuLive / cpuHeadless - 1),
                100 * windowShare, java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** CPU time so far of the JavaFX threads (application thread, renderer), in nanoseconds. */
    private static long windowCpuNanos() {
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (var info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info != null && (info.getThreadName().startsWith("JavaFX") || info.getThreadName().startsWith("QuantumRenderer")
                    || info.getThreadName().startsWith("Prism"))) {
                sum += Math.max(0, mx.getThreadCpuTime(info.getThreadId()));
            }
        }
        return sum;
    }

    private static TrainConfig config(Options o, int iterations, int snapshotEvery, int probePerClass) {
        TrainConfig d = TrainConfig.defaults(HeadKind.SOFTMAX);
        return new TrainConfig(d.dataDir(), "compact", 3, HeadKind.SOFTMAX, d.headParams(), d.lambdaMin(), d.lambdaGamma(),
                d.lambdaPower(), 0, d.centerAlpha(), "adam", 1e-3, "constant", 5e-4, 0.9, o.batch(), 1, iterations,
                42L, "cpu", false, probePerClass, Math.max(1, snapshotEvery));
    }

    private static WorkbenchWindow window(TrainingBackend backend) throws java.io.IOException {
        Path prefs = Files.createTempDirectory("marginlab-bench").resolve("prefs.json");
        return ScreenshotMaker.onFx(() -> {
            WorkbenchWindow w = WorkbenchApp.build(new WorkbenchPreferences(prefs), backend, BackgroundExecutor.fx());
            Stage stage = new Stage();
            Scene scene = w.scene(1000, 720);
            stage.setScene(scene);
            stage.show();
            w.clock().measurePulses(scene);
            w.clock().start();
            return w;
        });
    }

    private static void waitDone(WorkbenchWindow w) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(20);
        while (!ScreenshotMaker.onFx(() -> {
            w.model().pull();
            RunState s = w.model().stateProperty().get();
            return !w.model().startingProperty().get()
                    && (s == RunState.FINISHED || s == RunState.CANCELLED || s == RunState.FAILED);
        })) {
            if (System.nanoTime() > end) {
                throw new UserException("benchmark: the run did not finish in 20 minutes");
            }
            Thread.sleep(100);
        }
        String note = ScreenshotMaker.onFx(() -> w.model().stateProperty().get() == RunState.FAILED
                ? w.model().notificationProperty().get() : "");
        if (!note.isEmpty()) {
            throw new UserException("benchmark: the run failed: " + note);
        }
    }

    /** Rotates the sphere on every pulse for {@code seconds}; returns pulses, repaints, mean paint ms. */
    private static double[] sphereRate(WorkbenchWindow w, double seconds) throws Exception {
        EmbeddingView v = (EmbeddingView) w.view("Embedding");
        CompletableFuture<double[]> done = new CompletableFuture<>();
        AtomicReference<AnimationTimer> ref = new AtomicReference<>();
        ScreenshotMaker.onFx(() -> {
            long paints0 = v.canvas().paints();
            long nanos0 = v.canvas().paintNanos();
            long cpu0 = v.canvas().paintCpuNanos();
            long proc0 = processCpuNanos();
            long t0 = System.nanoTime();
            AnimationTimer t = new AnimationTimer() {
                long pulses;

                @Override
                public void handle(long now) {
                    pulses++;
                    v.rotateBy(3, 0);
                    if (System.nanoTime() - t0 > seconds * 1e9) {
                        stop();
                        long p = v.canvas().paints() - paints0;
                        double per = Math.max(1, p);
                        done.complete(new double[] {pulses, p, (v.canvas().paintNanos() - nanos0) / 1e6 / per,
                            (v.canvas().paintCpuNanos() - cpu0) / 1e6 / per, (processCpuNanos() - proc0) / 1e6 / per});
                    }
                }
            };
            ref.set(t);
            t.start();
            return null;
        });
        return done.get((long) seconds + 60, TimeUnit.SECONDS);
    }

    private static long processCpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : 0;
    }

    /** Images/s of a run with no window, and process CPU ms per 1000 images. */
    private static double[] headlessRun(EngineBackend backend, TrainConfig c) throws Exception {
        CompletableFuture<RunState> end = new CompletableFuture<>();
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        backend.start(c, new TrainingListener() {
            @Override
            public void onStateChanged(RunState s, String m) {
                if (s == RunState.FINISHED || s == RunState.FAILED || s == RunState.CANCELLED) {
                    end.complete(s);
                }
            }
        });
        if (end.get(20, TimeUnit.MINUTES) != RunState.FINISHED) {
            throw new UserException("benchmark: the headless run did not finish");
        }
        double images = c.iterations() * (double) c.batchSize();
        return new double[] {images / ((System.nanoTime() - t0) / 1e9), (processCpuNanos() - cpu0) / 1e6 / images * 1000};
    }

    /**
     * Images/s of a run with the window live, the pulse statistics during it, process CPU ms per 1000
     * images, and the JavaFX threads' share of that CPU.
     */
    private static double[] liveRun(EngineBackend backend, TrainConfig c) throws Exception {
        WorkbenchWindow w = window(backend);
        long cpu0 = processCpuNanos();
        long win0 = windowCpuNanos();
        long t0 = System.nanoTime();
        ScreenshotMaker.onFx(() -> {
            w.model().settings().load(c);
            w.selectTab("Embedding");
            w.clock().resetPulseStats();
            w.model().start();
            return null;
        });
        waitDone(w);
        double images = c.iterations() * (double) c.batchSize();
        double ips = images / ((System.nanoTime() - t0) / 1e9);
        double cpu = processCpuNanos() - cpu0;
        double win = windowCpuNanos() - win0;
        double[] p = ScreenshotMaker.onFx(() -> {
            w.clock().stop();
            return w.clock().pulseStats();
        });
        return new double[] {ips, p[0], p[1], p[2], cpu / 1e6 / images * 1000, win / Math.max(1, cpu)};
    }
}
