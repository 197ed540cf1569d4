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

    private long pulseStart;
    private long pulses;
    private long pulseNanos;
    private long maxPulseNanos;

    /**
     * Measures each pulse's FX-thread work, from this timer (animations run first in a pulse) to the
     * end of CSS and layout; install once the window's scene exists.
     */
    public void measurePulses(javafx.scene.Scene scene) {
        scene.addPostLayoutPulseListener(() -> {
            if (pulseStart != 0) {
                long dt = System.nanoTime() - pulseStart;
                pulses++;
                pulseNanos += dt;
                maxPulseNanos = Math.max(maxPulseNanos, dt);
                pulseStart = 0;
            }
        });
    }

    /** Pulses measured since {@link #resetPulseStats()}, mean and max FX-thread time per pulse in ms. */
    public double[] pulseStats() {
        return new double[] {pulses, pulses == 0 ? 0 : pulseNanos / 1e6 / pulses, maxPulseNanos / 1e6};
    }

    public void resetPulseStats() {
        pulses = 0;
        pulseNanos = 0;
        maxPulseNanos = 0;
    }

    @Override
    public void handle(long now) {
        long t0 = System.nanoTime();
        pulseStart = t0;
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
                    v.dataChanged();
                }
            }
        }
        for (FigureView v : views.get()) {
            v.paintIfNeeded();
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
