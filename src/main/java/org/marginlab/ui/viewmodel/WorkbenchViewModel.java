package org.marginlab.ui.viewmodel;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;

import org.marginlab.UserException;
import org.marginlab.figures.FigureStyle;

/**
 * The window's view-model, composed of one view-model per feature: the settings, the current run and
 * its control, the comparison, the timeline, the status line and the run files. It owns what they
 * share: the one {@link DataRevision}, the pull that feeds them all, the look and the one notification
 * shown to the user. Lives on the FX thread; talks to the engine only through {@link TrainingBackend}.
 */
public final class WorkbenchViewModel {
    private static final System.Logger LOG = System.getLogger(WorkbenchViewModel.class.getName());

    private final SettingsViewModel settings;
    private final DataRevision revision = new DataRevision();
    private final ReadOnlyStringWrapper notification = new ReadOnlyStringWrapper("");
    /** Theme and presentation mode the window's figures are drawn in (set by the window). */
    private final ObjectProperty<FigureStyle.Look> look = new SimpleObjectProperty<>(FigureStyle.PAPER);
    private final CompareViewModel compare;
    private final RunControlViewModel control;
    private final TimelineViewModel timeline;
    private final RunStatusViewModel status;
    private final RunFilesViewModel files;
    private final TrainingBackend backend;

    public WorkbenchViewModel(SettingsViewModel settings, TrainingBackend backend, BackgroundExecutor executor) {
        this.settings = settings;
        this.backend = backend;
        compare = new CompareViewModel(settings, backend, executor, this::notify);
        control = new RunControlViewModel(settings, backend, executor, revision, this::notify,
                compare.comparingProperty(), this::pull);
        timeline = new TimelineViewModel(control.runProperty(), revision);
        status = new RunStatusViewModel(control, compare);
        files = new RunFilesViewModel(control, status, backend, executor, this::notify);
    }

    /** The engine, for the views that measure a run's model themselves (the Open set tab). */
    public TrainingBackend backend() {
        return backend;
    }

    public SettingsViewModel settings() {
        return settings;
    }

    /** The current run and its commands. */
    public RunControlViewModel control() {
        return control;
    }

    public CompareViewModel compare() {
        return compare;
    }

    public TimelineViewModel timeline() {
        return timeline;
    }

    public RunStatusViewModel status() {
        return status;
    }

    public RunFilesViewModel files() {
        return files;
    }

    /** Moves whenever new data arrived or the current run changed; views watch it to redraw. */
    public DataRevision revision() {
        return revision;
    }

    public ObjectProperty<FigureStyle.Look> lookProperty() {
        return look;
    }

    /**
     * Copies new snapshots of the current and the compared runs into their properties; the frame clock
     * calls this. The data revision moves once if any of them brought data.
     *
     * @return whether snapshots or a state change arrived (figures redraw only then; progress alone
     *         updates just the status line)
     */
    public boolean pull() {
        RunModel.Pulled pulled = control.pull().and(compare.pull());
        if (pulled == RunModel.Pulled.DATA) {
            revision.bump();
        }
        status.afterPull(pulled != RunModel.Pulled.NOTHING);
        return pulled == RunModel.Pulled.DATA;
    }

    /** Brings the status line up to date now, skipping the 4-per-second limit (e.g. before a snapshot). */
    public void refreshStatus() {
        pull();
        status.refresh();
    }

    /** The Stop command: the current run and any comparison. */
    public void stop() {
        control.stop();
        compare.stopCompare();
    }

    /** The message the window shows in its notification bar; empty when there is none. */
    public ReadOnlyStringProperty notificationProperty() {
        return notification.getReadOnlyProperty();
    }

    public void notify(String message) {
        notification.set(message);
    }

    public void dismissNotification() {
        notification.set("");
    }

    /** Reports a failure in one line: a user-fixable message as is, anything else with its type. */
    public static String describe(String what, Throwable t) {
        Throwable cause = t;
        while (!(cause instanceof UserException) && cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        if (cause instanceof UserException) {
            return cause.getMessage();
        }
        LOG.log(System.Logger.Level.DEBUG, what, t);
        Throwable io = t;
        while (!(io instanceof java.io.IOException) && io.getCause() != null && io.getCause() != io) {
            io = io.getCause();
        }
        if (io instanceof java.io.IOException e) {
            // an I/O failure in words; a file-system one names its file (its own message is often just the path)
            String file = e instanceof java.nio.file.FileSystemException fs && fs.getFile() != null ? fs.getFile() + ": " : "";
            return what + ": " + file + org.marginlab.IoErrors.describe(e);
        }
        // the innermost cause: a wrapper's message starts with its cause's class name
        String msg = cause.getMessage() == null ? "an internal error (details in the log)" : cause.getMessage();
        return what + ": " + msg.lines().findFirst().orElse(msg);
    }
}
