package org.marginlab.ui;

import java.util.List;
import java.util.function.Supplier;

import javafx.animation.AnimationTimer;

/**
 * The window's heartbeat on the FX thread. At most every {@code pullIntervalMillis} it takes the
 * newest snapshots out of the run models (never waiting on the training thread) and hands them to
 * the views; on every pulse it repaints the canvases that changed and are on screen, so dragging the
 * sphere stays smooth however slowly data arrive.
 */
public final class FrameClock extends AnimationTimer {
    private final WorkbenchViewModel model;
    private final Supplier<List<FigureView>> views;
    private final long pullIntervalNanos;
    private long lastPull;
    private long ticks;
    private long tickNanos;
    private long maxTickNanos;

    public FrameClock(WorkbenchViewModel model, Supplier<List<FigureView>> views, long pullIntervalMillis) {
        this.model = model;
        this.views = views;
        this.pullIntervalNanos = pullIntervalMillis * 1_000_000L;
    }

    @Override
    public void handle(long now) {
        long t0 = System.nanoTime();
        tick(now);
        long dt = System.nanoTime() - t0;
        ticks++;
        tickNanos += dt;
        maxTickNanos = Math.max(maxTickNanos, dt);
    }

    /** One heartbeat; public so tests can drive the window deterministically. */
    public void tick(long now) {
        if (now - lastPull >= pullIntervalNanos) {
            lastPull = now;
            if (model.pull()) {
                for (FigureView v : views.get()) {
                    v.refresh();
                }
            }
        }
        for (FigureView v : views.get()) {
            v.canvas().paintIfDirty();
        }
    }

    /** Heartbeats so far. */
    public long ticks() {
        return ticks;
    }

    /** Mean time of our own work per heartbeat (pull, refresh, paint), in milliseconds. */
    public double meanTickMillis() {
        return ticks == 0 ? 0 : tickNanos / 1e6 / ticks;
    }

    public double maxTickMillis() {
        return maxTickNanos / 1e6;
    }
}
