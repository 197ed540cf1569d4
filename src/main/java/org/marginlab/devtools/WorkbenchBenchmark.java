package org.marginlab.devtools;

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
import org.marginlab.loss.HeadKind;
import org.marginlab.run.RunState;
import org.marginlab.config.TrainConfig;
import org.marginlab.config.DeviceSpec;
import org.marginlab.train.TrainingListener;
import org.marginlab.ui.viewmodel.BackgroundExecutor;
import org.marginlab.ui.EngineBackend;
import org.marginlab.ui.viewmodel.TrainingBackend;
import org.marginlab.ui.WorkbenchApp;
import org.marginlab.ui.viewmodel.WorkbenchPreferences;
import org.marginlab.ui.WorkbenchWindow;
import org.marginlab.ui.views.EmbeddingView;

/**
 * Measures the window's cost, on the headless platform with software rendering:
 * (1) the sphere view's redraws per second with a large probe (10 000 points at 1000 per class),
 * rotated every pulse; (2) the mean FX-thread time per pulse while a run trains with live views;
 * (3) training images/s of runs started from one open window showing the sphere versus the same runs
 * started straight on the engine, alternated after a warm-up pair: over the whole run, and over the
 * training steps alone as the engine times them (summary.json).
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
        ScreenshotMaker.onFx(() -> w.selectTab("Embedding"));
        trainInWindow(w, big);
        double[] sphere = sphereRate(w, o.sphereSeconds());
        ScreenshotMaker.onFx(() -> {
            close(w);
            return null;
        });
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
        // One window for every live run, as a user keeps one open; a first pair of runs warms up the JIT.
        WorkbenchWindow shown = window(backend);
        ScreenshotMaker.onFx(() -> shown.selectTab("Embedding"));
        Thread.sleep(1500);
        headlessRun(backend, base);
        liveRun(shown, base);
        List<Double> live = new ArrayList<>();
        List<Double> headless = new ArrayList<>();
        List<Double> stepCost = new ArrayList<>();
        double stepHeadless = 0;
        double stepLive = 0;
        double[] cpuHeadless = new double[6];
        double[] cpuLive = new double[6];
        for (int r = 0; r < o.rounds(); r++) {
            Measured hr = headlessRun(backend, base);
            Measured lr = liveRun(shown, base);
            headless.add(hr.imagesPerSecond());
            live.add(lr.imagesPerSecond());
            stepCost.add(1 - lr.stepImagesPerSecond() / hr.stepImagesPerSecond());
            stepHeadless += hr.stepImagesPerSecond() / o.rounds();
            stepLive += lr.stepImagesPerSecond() / o.rounds();
            for (int i = 0; i < 6; i++) {
                cpuHeadless[i] += hr.cpu()[i] / o.rounds();
                cpuLive[i] += lr.cpu()[i] / o.rounds();
            }
            out.printf(Locale.ROOT, "round %d: headless %.1f images/s (training steps %.1f), live %.1f images/s (training steps %.1f); "
                    + "pulses %.0f, mean pulse %.2f ms, max %.1f ms%n", r + 1, hr.imagesPerSecond(), hr.stepImagesPerSecond(),
                    lr.imagesPerSecond(), lr.stepImagesPerSecond(), lr.pulses()[0], lr.pulses()[1], lr.pulses()[2]);
            out.printf(Locale.ROOT, "  pulls %.0f taking %.1f ms on the FX thread in all; pulses %.0f taking %.1f ms%n",
                    lr.pulses()[3], lr.pulses()[4], lr.pulses()[0], lr.pulses()[0] * lr.pulses()[1]);
            out.println("  CPU ms per 1000 images, headless: " + breakdown(hr.cpu()));
            out.println("  CPU ms per 1000 images, live:     " + breakdown(lr.cpu()));
        }
        ScreenshotMaker.onFx(() -> {
            close(shown);
            return null;
        });
        double h = headless.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double l = live.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        out.printf(Locale.ROOT, "mean: headless %.1f, live %.1f images/s: live plotting costs %.1f %% (whole run, start-up and "
                + "evaluations included)%n", h, l, 100 * (1 - l / h));
        List<Double> sorted = stepCost.stream().sorted().toList();
        double median = sorted.isEmpty() ? Double.NaN : sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
        out.printf(Locale.ROOT, "mean of the engine's training-step images/s: headless %.1f, live %.1f: live plotting costs %.1f %% "
                + "(median of the rounds %.1f %%)%n", stepHeadless, stepLive, 100 * (1 - stepLive / stepHeadless), 100 * median);
        // With both cores busy, CPU the window uses is taken from training: a load-independent estimate
        out.printf(Locale.ROOT, "mean CPU per 1000 images: headless %.0f ms, live %.0f ms (%+.1f %%); FX and render threads "
                + "%.1f %% of the live runs' CPU; load average %.1f%n", cpuHeadless[0], cpuLive[0],
                100 * (cpuLive[0] / cpuHeadless[0] - 1), 100 * (cpuLive[2] + cpuLive[3]) / cpuLive[0],
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /**
     * One timed run: images/s over the whole run (start-up and evaluations included), the engine's
     * images/s over its training steps alone (summary.json), CPU ms per 1000 images ({@link #cpuPer1000}),
     * and pulses (count, mean, max ms).
     */
    private record Measured(double imagesPerSecond, double stepImagesPerSecond, double[] cpu, double[] pulses) {
    }

    private static double stepImagesPerSecond(Path runDirectory) {
        // summary.json alone: the snapshots and checkpoint are not needed here
        var summary = org.marginlab.run.RunReader.summary(runDirectory);
        if (summary == null) {
            throw new UserException("benchmark: " + runDirectory + " has no summary.json; the run did not end");
        }
        return summary.imagesPerSecond();
    }

    /**
     * CPU time so far, in nanoseconds, of: the training thread, the FX application thread, JavaFX's
     * renderer, the other Java threads, and the whole process (its rest is PyTorch's native workers,
     * GC and JIT).
     */
    private static long[] cpuNanos() {
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long[] sum = new long[5];
        for (var info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            String n = info.getThreadName();
            long t = Math.max(0, mx.getThreadCpuTime(info.getThreadId()));
            int group = n.equals("marginlab-training") ? 0 : n.startsWith("JavaFX Application") ? 1
                    : n.startsWith("QuantumRenderer") || n.startsWith("Prism") ? 2 : 3;
            sum[group] += t;
        }
        sum[4] = processCpuNanos();
        return sum;
    }

    /** CPU ms per 1000 images of each {@link #cpuNanos()} group between two readings: all first, native rest last. */
    private static double[] cpuPer1000(long[] a, long[] b, double images) {
        double k = 1000 / images / 1e6;
        double[] c = new double[6];
        c[0] = (b[4] - a[4]) * k;
        c[5] = c[0];
        for (int i = 0; i < 4; i++) {
            c[i + 1] = (b[i] - a[i]) * k;
            c[5] -= c[i + 1];
        }
        return c;
    }

    private static String breakdown(double[] c) {
        return String.format(Locale.ROOT, "process %.0f = training thread %.0f + FX thread %.0f + renderer %.0f + other Java %.0f "
                + "+ native/GC/JIT %.0f", c[0], c[1], c[2], c[3], c[4], c[5]);
    }

    private static TrainConfig config(Options o, int iterations, int snapshotEvery, int probePerClass) {
        return TrainConfig.defaults(HeadKind.SOFTMAX).toBuilder().marginWarmup(0).learningRate(1e-3)
                .batchSize(o.batch()).iterations(iterations).device(DeviceSpec.parse("cpu"))
                .probePerClass(probePerClass).snapshotEvery(Math.max(1, snapshotEvery)).build();
    }

    private static WorkbenchWindow window(TrainingBackend backend) throws java.io.IOException {
        Path prefs = Files.createTempDirectory("marginlab-bench").resolve("prefs.json");
        return ScreenshotMaker.onFx(() -> {
            WorkbenchWindow w = WorkbenchApp.build(new WorkbenchPreferences(prefs), backend, BackgroundExecutor.fx());
            Stage stage = new Stage();
            Scene scene = w.scene(1000, 720);
            stage.setScene(scene);
            stage.show();
            w.clock().start();
            return w;
        });
    }

    /**
     * Starts a run from the window with config {@code c} and waits for it to end. It waits on the state
     * property rather than polling: waking the FX thread 50 times a second would itself cost training.
     */
    private static void trainInWindow(WorkbenchWindow w, TrainConfig c) throws Exception {
        CompletableFuture<RunState> end = new CompletableFuture<>();
        javafx.beans.value.ChangeListener<RunState> l = (o, was, now) -> {
            if (now == RunState.FINISHED || now == RunState.CANCELLED || now == RunState.FAILED) {
                end.complete(now);
            }
        };
        ScreenshotMaker.onFx(() -> {
            w.model().settings().load(c);
            w.model().control().stateProperty().addListener(l);
            w.model().control().start();
            return null;
        });
        RunState state;
        try {
            state = end.get(20, TimeUnit.MINUTES);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new UserException("benchmark: the run did not finish in 20 minutes");
        } finally {
            ScreenshotMaker.onFx(() -> {
                w.model().control().stateProperty().removeListener(l);
                return null;
            });
        }
        if (state != RunState.FINISHED) {
            throw new UserException("benchmark: the run ended " + state + ": " + ScreenshotMaker.onFx(() -> w.model().notificationProperty().get()));
        }
        while (ScreenshotMaker.onFx(() -> w.model().control().startingProperty().get() || w.model().control().runDirectoryProperty().get() == null)) {
            Thread.sleep(100);
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

    /** A run started straight on the engine, with no listener but the end. */
    private static Measured headlessRun(EngineBackend backend, TrainConfig c) throws Exception {
        CompletableFuture<RunState> end = new CompletableFuture<>();
        long[] cpu0 = cpuNanos();
        long t0 = System.nanoTime();
        var control = backend.start(c, new TrainingListener() {
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
        double ips = images / ((System.nanoTime() - t0) / 1e9);
        return new Measured(ips, stepImagesPerSecond(control.directory()), cpuPer1000(cpu0, cpuNanos(), images), new double[3]);
    }

    /** A run started from the window, which shows the sphere. */
    private static Measured liveRun(WorkbenchWindow w, TrainConfig c) throws Exception {
        ScreenshotMaker.onFx(() -> {
            w.clock().resetPulseStats();
            return null;
        });
        long pulls0 = ScreenshotMaker.onFx(() -> w.clock().pulls());
        double pullMs0 = ScreenshotMaker.onFx(() -> w.clock().pullMillis());
        long[] cpu0 = cpuNanos();
        long t0 = System.nanoTime();
        trainInWindow(w, c);
        double images = c.iterations() * (double) c.batchSize();
        double ips = images / ((System.nanoTime() - t0) / 1e9);
        double[] cpu = cpuPer1000(cpu0, cpuNanos(), images);
        Path dir = ScreenshotMaker.onFx(() -> w.model().control().runDirectoryProperty().get());
        double[] p = ScreenshotMaker.onFx(() -> {
            double[] stats = w.clock().pulseStats();
            return new double[] {stats[0], stats[1], stats[2], w.clock().pulls() - pulls0, w.clock().pullMillis() - pullMs0};
        });
        return new Measured(ips, stepImagesPerSecond(dir), cpu, p);
    }

    /** Stops the window's clock and closes its stage, so it costs nothing in the runs that follow. */
    private static void close(WorkbenchWindow w) {
        w.clock().stop();
        if (w.root().getScene() != null && w.root().getScene().getWindow() instanceof Stage s) {
            s.close();
        }
    }
}
