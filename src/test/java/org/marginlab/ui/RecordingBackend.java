package org.marginlab.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.marginlab.config.TrainConfig;
import org.marginlab.train.TrainingListener;

/** A backend for view-model tests: records what the window asked and hands back the listeners to feed. */
final class RecordingBackend implements TrainingBackend {
    final List<TrainConfig> started = new ArrayList<>();
    final List<TrainingListener> listeners = new ArrayList<>();
    final List<String> calls = new ArrayList<>();
    RuntimeException failOnStart;
    StoredRun stored;

    @Override
    public Control start(TrainConfig config, TrainingListener listener) {
        if (failOnStart != null) {
            throw failOnStart;
        }
        started.add(config);
        listeners.add(listener);
        return control("run" + started.size());
    }

    @Override
    public List<Control> startCompare(List<TrainConfig> configs, List<TrainingListener> ls) {
        List<Control> out = new ArrayList<>();
        for (int i = 0; i < configs.size(); i++) {
            started.add(configs.get(i));
            listeners.add(ls.get(i));
            out.add(control("cmp" + i));
        }
        return out;
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
