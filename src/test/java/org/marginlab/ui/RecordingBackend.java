package org.marginlab.ui;

import org.marginlab.ui.viewmodel.TrainingBackend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.marginlab.config.TrainConfig;
import org.marginlab.train.TrainingListener;

/**
 * A backend for view-model tests: records what the window asked and hands back the listeners to feed.
 * The window calls it on a worker thread; {@link #awaitStarted} waits for that without polling.
 */
public final class RecordingBackend implements TrainingBackend {
    final List<TrainConfig> started = new ArrayList<>();
    public final List<TrainingListener> listeners = new ArrayList<>();
    final List<String> calls = new ArrayList<>();
    RuntimeException failOnStart;
    StoredRun stored;

    @Override
    public synchronized Control start(TrainConfig config, TrainingListener listener) {
        if (failOnStart != null) {
            throw failOnStart;
        }
        started.add(config);
        listeners.add(listener);
        notifyAll();
        return control("run" + started.size());
    }

    @Override
    public synchronized List<Control> startCompare(List<TrainConfig> configs, List<TrainingListener> ls) {
        List<Control> out = new ArrayList<>();
        for (int i = 0; i < configs.size(); i++) {
            started.add(configs.get(i));
            listeners.add(ls.get(i));
            out.add(control("cmp" + i));
        }
        notifyAll();
        return out;
    }

    /** Returns once the window has started {@code n} runs in all; fails after two minutes. */
    synchronized void awaitStarted(int n) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (started.size() < n) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("the window started " + started.size() + " of " + n + " runs");
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    @Override
    public Control resume(Path runDirectory, TrainingListener listener) {
        calls.add("resume " + runDirectory);
        listeners.add(listener);
        return control("resumed");
    }

    @Override
    public void setThreads(int threads) {
        calls.add("threads " + threads);
    }

    @Override
    public boolean hasModel(Path runDirectory) {
        calls.add("has model " + runDirectory);
        return false;
    }

    @Override
    public OpenSetMeasurement measureOpenSet(Path runDirectory) {
        calls.add("measure open set " + runDirectory);
        throw new org.marginlab.UserException(runDirectory + ": no model to measure (this backend trains nothing)");
    }

    @Override
    public StoredRun open(Path runDirectory) {
        calls.add("open " + runDirectory);
        if (stored == null) {
            throw new org.marginlab.UserException(runDirectory + ": not a run directory (no config.json)");
        }
        return stored;
    }

    private Control control(String name) {
        return new Control() {
            @Override
            public void pause() {
                calls.add(name + " pause");
            }

            @Override
            public void resume() {
                calls.add(name + " resume");
            }

            @Override
            public void step() {
                calls.add(name + " step");
            }

            @Override
            public void cancel() {
                calls.add(name + " cancel");
            }

            @Override
            public void change(org.marginlab.config.LiveField field, double value) {
                calls.add(name + " change " + field.id() + "=" + value);
            }

            @Override
            public Path directory() {
                return Path.of("runs", name);
            }

            @Override
            public String device() {
                return "cpu()";
            }
        };
    }
}
