package org.marginlab.ui;

import org.marginlab.ui.viewmodel.WorkbenchViewModel;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.scene.Parent;
import javafx.scene.Scene;

import org.marginlab.ui.views.FigureView;

/**
 * The window's heartbeat. A daemon timer asks the FX thread every {@code pullIntervalMillis} to take
 * the newest snapshots out of the run models (never waiting on the training thread) and hand them to
 * the views; the canvases that changed and are on screen repaint at the end of the next pulse's
 * layout, and a canvas marked dirty (a drag, a slider) asks for that pulse itself.
 *
 * <p>No animation runs, so the FX and render threads sleep while nothing changes. An
 * {@code AnimationTimer} would pulse the scene 60 times a second for the whole session; measured with
 * {@code marginlab ui-bench}, those wake-ups alone took several per cent of training's images/s on a
 * 2-core machine, because each one pre-empts one of PyTorch's two worker threads.
 */
public final class FrameClock {
    private final WorkbenchViewModel model;
    private final Supplier<List<FigureView>> views;
    private final Parent root;
    private final long pullIntervalMillis;
    private final AtomicBoolean pullQueued = new AtomicBoolean();
    private final Runnable pulseStarted = () -> pulseStart = System.nanoTime();
    private final Runnable pulseLaidOut = this::paintPulse;
    private final ChangeListener<Scene> sceneChanged = (o, old, now) -> {
        detach(old);
        attach(now);
    };
    private ScheduledExecutorService timer;
    private long lastPull = Long.MIN_VALUE;
    private long revisionSeen;

    private long pulseStart;
    private long pulses;
    private long pulseNanos;
    private long maxPulseNanos;
    private long pulls;
    private long pullNanos;

    public FrameClock(WorkbenchViewModel model, Supplier<List<FigureView>> views, Parent root, long pullIntervalMillis) {
        this.model = model;
        this.views = views;
        this.root = root;
        this.pullIntervalMillis = pullIntervalMillis;
    }

    /** Starts pulling data and painting in the pulses of the root's scene (now or once it has one). */
    public void start() {
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "marginlab-frame-clock");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(() -> {
            // At most one pull waits on the FX thread: a busy FX thread skips beats rather than queueing them.
            if (pullQueued.compareAndSet(false, true)) {
                Platform.runLater(() -> {
                    pullQueued.set(false);
                    if (timer != null) {
                        pullNow(System.nanoTime());
                    }
                });
            }
        }, pullIntervalMillis, pullIntervalMillis, TimeUnit.MILLISECONDS);
        root.sceneProperty().addListener(sceneChanged);
        attach(root.getScene());
    }

    /** Stops the timer and leaves the scene's pulses alone. */
    public void stop() {
        if (timer == null) {
            return;
        }
        timer.shutdownNow();
        timer = null;
        root.sceneProperty().removeListener(sceneChanged);
        detach(root.getScene());
    }

    private void attach(Scene s) {
        if (s != null) {
            s.addPreLayoutPulseListener(pulseStarted);
            s.addPostLayoutPulseListener(pulseLaidOut);
        }
    }

    private void detach(Scene s) {
        if (s != null) {
            s.removePreLayoutPulseListener(pulseStarted);
            s.removePostLayoutPulseListener(pulseLaidOut);
        }
    }

    private void paintPulse() {
        paint();
        if (pulseStart != 0) {
            long dt = System.nanoTime() - pulseStart;
            pulses++;
            pulseNanos += dt;
            maxPulseNanos = Math.max(maxPulseNanos, dt);
            pulseStart = 0;
        }
    }

    /**
     * Takes new data into the views if {@code pullIntervalMillis} passed since the last pull, then
     * paints what changed; public so tests can drive the window deterministically.
     */
    public void tick(long now) {
        if (lastPull == Long.MIN_VALUE || now - lastPull >= pullIntervalMillis * 1_000_000L || now < lastPull) {
            pullNow(now);
        } else {
            paint();
        }
    }

    private void pullNow(long now) {
        long t0 = System.nanoTime();
        lastPull = now;
        pulls++;
        model.pull();
        if (model.revision().get() != revisionSeen) {
            revisionSeen = model.revision().get();
            for (FigureView v : views.get()) {
                v.dataChanged();
            }
        }
        paint();
        pullNanos += System.nanoTime() - t0;
    }

    private void paint() {
        for (FigureView v : views.get()) {
            v.paintIfNeeded();
        }
    }

    /** Data pulls so far. */
    public long pulls() {
        return pulls;
    }

    /** FX-thread time of all pulls so far (taking data, refreshing and painting views), in ms. */
    public double pullMillis() {
        return pullNanos / 1e6;
    }

    /**
     * Pulses of the scene since {@link #resetPulseStats()}: count, and the mean and max FX-thread time
     * in ms from the start of a pulse's layout phase to the end of its painting.
     */
    public double[] pulseStats() {
        return new double[] {pulses, pulses == 0 ? 0 : pulseNanos / 1e6 / pulses, maxPulseNanos / 1e6};
    }

    public void resetPulseStats() {
        pulses = 0;
        pulseNanos = 0;
        maxPulseNanos = 0;
    }
}
