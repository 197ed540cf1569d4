package org.marginlab.ui;

import org.marginlab.ui.viewmodel.TrainingBackend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.marginlab.data.DataOptions;
import org.marginlab.data.DataSet;
import org.marginlab.data.DataSets;
import org.marginlab.run.RunReader;
import org.marginlab.run.RunState;
import org.marginlab.run.RunWriter;
import org.marginlab.train.DeviceChoice;
import org.marginlab.train.HeadFactory;
import org.marginlab.run.LiveChange;
import org.marginlab.config.LiveField;
import org.marginlab.train.MarginTrainableHead;
import org.marginlab.train.OpenSetEvaluation;
import org.marginlab.config.TrainConfig;
import org.marginlab.train.TrainingData;
import org.marginlab.train.TrainingListener;
import org.marginlab.train.TrainingSession;
import org.marginlab.train.TrainingThread;

/**
 * The window's one adapter to the training engine: runs become {@link TrainingSession}s writing to
 * {@code <runsRoot>/<time>-<head>/}, and run directories are read back with {@link RunReader}.
 * The data set is loaded once per folder and shared by every run.
 */
public final class EngineBackend implements TrainingBackend {
    private final Path runsRoot;
    private final HeadFactory heads;
    private TrainingData data;
    private String dataKey;
    private String dataSummary;

    public EngineBackend(Path runsRoot, HeadFactory heads) {
        this.runsRoot = runsRoot;
        this.heads = heads;
    }

    /** All eight heads, as the engine trains them. */
    public static HeadFactory engineHeads() {
        return MarginTrainableHead.FACTORY;
    }

    private synchronized TrainingData data(String dir, DataOptions options) {
        String key = Objects.toString(dir, "") + "|" + options;
        if (data == null || !key.equals(dataKey)) {
            data = null; // the old set's memory is free for the new one
            DataSet set = DataSets.load(dir == null ? null : Path.of(dir), options);
            data = TrainingData.from(set);
            dataSummary = set.summary();
            dataKey = key;
        }
        return data;
    }

    private TrainingData data(TrainConfig config) {
        return data(config.dataDir(), config.dataOptions());
    }

    /** The one line saying what the last data set read was ("CIFAR-10 binary: 50 000 train / …"), or null. */
    @Override
    public synchronized String dataSummary() {
        return dataSummary;
    }

    @Override
    public void prepare(String dataDir) {
        var engine = TrainingThread.warmUp(); // on its own thread, while the data loads here
        try {
            data(dataDir, DataOptions.DEFAULTS);
        } catch (org.marginlab.UserException e) {
            // Start says what is wrong with the folder, in the window's words
        }
        try {
            engine.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            // Start reports an engine that does not work
        }
    }

    @Override
    public void setThreads(int threads) {
        TrainingThread.setThreads(threads);
    }

    @Override
    public Control start(TrainConfig config, TrainingListener listener) {
        TrainingSession s = create(config, listener);
        s.start();
        return new SessionControl(s, device(config));
    }

    @Override
    public Control resume(Path runDirectory, TrainingListener listener) {
        TrainConfig config = org.marginlab.config.ConfigJson.read(runDirectory.resolve(org.marginlab.run.RunFiles.CONFIG));
        TrainingSession s = TrainingSession.resumeRun(runDirectory, data(config), heads);
        s.addListener(listener);
        s.start();
        return new SessionControl(s, device(config));
    }

    @Override
    public List<Control> startCompare(List<TrainConfig> configs, List<TrainingListener> listeners) {
        // Create every session before starting any, so a bad config starts none of them.
        List<TrainingSession> sessions = new ArrayList<>();
        try {
            for (int i = 0; i < configs.size(); i++) {
                sessions.add(create(configs.get(i), listeners.get(i)));
            }
        } catch (RuntimeException e) {
            // The ones made before it are let go: their locks, and the folders holding only what creation wrote.
            List<String> removed = new ArrayList<>();
            List<String> kept = new ArrayList<>();
            for (TrainingSession s : sessions) {
                (s.discardUnstarted() ? removed : kept).add(s.runDirectory().toString());
            }
            if (sessions.isEmpty() || !(e instanceof org.marginlab.UserException u)) {
                throw e;
            }
            String what = configs.get(sessions.size()).head().id() + " (run " + (sessions.size() + 1) + " of "
                    + configs.size() + ")";
            StringBuilder line = new StringBuilder(what + ": " + u.getMessage() + "; no run was started");
            if (!removed.isEmpty()) {
                line.append(", and the new empty run folder").append(removed.size() > 1 ? "s " : " ")
                        .append(String.join(", ", removed)).append(removed.size() > 1 ? " were" : " was").append(" removed");
            }
            if (!kept.isEmpty()) {
                line.append(", and ").append(String.join(", ", kept)).append(" kept as found");
            }
            throw new org.marginlab.UserException(u.field(), line.toString());
        }
        List<Control> controls = new ArrayList<>();
        for (TrainingSession s : sessions) {
            controls.add(new SessionControl(s, device(s.config())));
        }
        sessions.forEach(TrainingSession::start);
        return controls;
    }

    private TrainingSession create(TrainConfig config, TrainingListener listener) {
        TrainingData d = data(config);
        Path dir = RunWriter.defaultDirectory(runsRoot, config.head().id());
        TrainingSession s = TrainingSession.create(config, d, heads, dir);
        s.addListener(listener);
        return s;
    }

    /**
     * The device as configured. Resolving "auto" would start DJL's engine on this thread; PyTorch's
     * grad mode is per thread and DJL sets it where the engine starts, so the engine must start on
     * the training thread (else the first optimizer step fails with "a leaf Variable that requires
     * grad is being used in an in-place operation"). The run's summary records the resolved device.
     */
    private static String device(TrainConfig config) {
        return config.device().id();
    }

    @Override
    public boolean hasModel(Path runDirectory) {
        return OpenSetEvaluation.hasModel(runDirectory);
    }

    @Override
    public OpenSetMeasurement measureOpenSet(Path runDirectory) {
        OpenSetEvaluation e = OpenSetEvaluation.of(runDirectory, null);
        return new OpenSetMeasurement(e.set().iteration(), e.metrics());
    }

    @Override
    public StoredRun open(Path runDirectory) {
        RunReader.Run run = RunReader.read(runDirectory);
        RunState state = RunState.CANCELLED;
        String device = "";
        if (run.summary() != null) {
            device = Objects.toString(run.summary().device(), "");
            try {
                state = RunState.valueOf(run.summary().state().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException | NullPointerException e) {
                state = RunState.FINISHED;
            }
        }
        List<String> skipped = new ArrayList<>(run.skipped());
        List<LiveChange> changes;
        try {
            changes = LiveChange.ofRun(runDirectory);
        } catch (org.marginlab.UserException e) {
            changes = List.of(); // the figures then draw no change markers; said below
            skipped.add(e.getMessage() + "; its change markers are left out");
        }
        return new StoredRun(run.directory(), run.config(), run.iterations(), run.epochs(), state, device, changes,
                List.copyOf(skipped));
    }

    private record SessionControl(TrainingSession session, String device) implements Control {
        @Override
        public org.marginlab.data.DataRecord dataset() {
            return session.config().dataset();
        }

        @Override
        public void pause() {
            session.pause();
        }

        @Override
        public void resume() {
            session.resume();
        }

        @Override
        public void step() {
            session.step();
        }

        @Override
        public void cancel() {
            session.cancel();
        }

        @Override
        public void change(LiveField field, double value) {
            session.change(field, value);
        }

        @Override
        public Path directory() {
            return session.runDirectory();
        }
    }
}
