package org.marginlab.ui;

import org.marginlab.ui.viewmodel.WorkbenchViewModel;
import org.marginlab.ui.views.DialogLook;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

import org.marginlab.run.RunState;

/**
 * Closing the window while a run (or a comparison) trains asks first: Stop and keep (stop it, let it write
 * its summary, then close), Keep training (close the window; the run trains to its end and writes its
 * files, then the process exits), or Cancel (stay). Without a run the window closes at once.
 */
final class CloseGuard {

    enum Choice { STOP_AND_KEEP, KEEP_TRAINING, CANCEL }

    private final WorkbenchViewModel model;
    private final Supplier<Choice> ask;
    private final Runnable save;
    private final Runnable stopClock;
    private final Runnable hide;
    private final Runnable exit;
    private boolean stopping;

    /**
     * @param ask       asks the user (a dialog; tests answer directly)
     * @param save      saves the window's layout and settings
     * @param stopClock stops the frame clock, which until then takes in the runs' states
     * @param hide      closes the window
     * @param exit      ends the application, after the last run when the window closed with Keep training
     */
    CloseGuard(WorkbenchViewModel model, Supplier<Choice> ask, Runnable save, Runnable stopClock, Runnable hide,
               Runnable exit) {
        this.model = model;
        this.ask = ask;
        this.save = save;
        this.stopClock = stopClock;
        this.hide = hide;
        this.exit = exit;
    }

    /** Guards the stage's close button. */
    static void install(Stage stage, WorkbenchWindow window, Runnable saveLayout) {
        CloseGuard g = new CloseGuard(window.model(), () -> dialog(stage, comparing(window.model())), saveLayout, window.clock()::stop,
                stage::hide, Platform::exit);
        stage.setOnCloseRequest(g::onCloseRequest);
    }

    void onCloseRequest(WindowEvent e) {
        if (!busy()) {
            save.run();
            stopClock.run(); // and the window closes as usual
            return;
        }
        e.consume();
        switch (ask.get()) {
            case STOP_AND_KEEP -> {
                stopping = true;
                model.stop();
                model.compare().stopCompare();
                whenIdle(() -> {
                    save.run();
                    stopClock.run();
                    hide.run(); // the last window: the application ends
                });
            }
            case KEEP_TRAINING -> {
                save.run();
                Platform.setImplicitExit(false);
                hide.run();
                System.out.println("marginlab: the window is closed; " + stillTraining() + ", then MarginLab exits");
                whenIdle(() -> {
                    stopClock.run();
                    exit.run();
                });
            }
            case CANCEL -> { }
        }
    }

    /** "the run trains to its end in DIR", or the comparison's runs and where they write. */
    String stillTraining() {
        if (model.control().canStopProperty().get() || !model.compare().comparingProperty().get()) {
            return "the run trains to its end in " + model.control().runDirectoryProperty().get();
        }
        List<java.nio.file.Path> dirs = model.compare().compareDirectories();
        return "the comparison's " + model.compare().compareRuns().size() + " runs train to their end"
                + (dirs.isEmpty() ? "" : " in " + dirs.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", ")));
    }

    /** Whether a run or a comparison (still starting, or any of its runs) has not ended yet. */
    boolean busy() {
        return model.control().canStopProperty().get() || model.compare().comparingProperty().get()
                || model.compare().compareRuns().stream().anyMatch(r -> active(r.stateProperty().get()));
    }

    private static boolean active(RunState s) {
        return s == RunState.RUNNING || s == RunState.PAUSED;
    }

    private void whenIdle(Runnable then) {
        boolean[] ran = {false};
        InvalidationListener check = new InvalidationListener() {
            @Override
            public void invalidated(javafx.beans.Observable o) {
                if (stopping && o == model.control().startingProperty() && active(model.control().stateProperty().get())) {
                    model.stop(); // it was still starting when asked to stop, with nothing to stop yet
                }
                if (!busy() && !ran[0]) {
                    ran[0] = true;
                    then.run();
                }
            }
        };
        model.control().stateProperty().addListener(check);
        model.control().startingProperty().addListener(check);
        model.compare().comparingProperty().addListener(check);
        model.compare().compareRuns().forEach(r -> r.stateProperty().addListener(check));
        check.invalidated(null);
    }

    /** Whether what is still training is a comparison (its runs), not the single run. */
    static boolean comparing(WorkbenchViewModel model) {
        return model.compare().comparingProperty().get()
                || model.compare().compareRuns().stream().anyMatch(r -> active(r.stateProperty().get()));
    }

    /** The dialog's title, header and text: a comparison's runs or the single run, in the window's words. */
    static String[] words(boolean comparison) {
        String what = comparison ? "A comparison" : "A run";
        String runs = comparison ? "its runs keep" : "the run keeps";
        String train = comparison ? "they train" : "the run trains";
        return new String[] {what + " is training", what + " is still training. Close the window?",
            "Stop and keep: stop now; " + runs + " what " + (comparison ? "they" : "it") + " trained and "
                    + (comparison ? "their summaries" : "its summary") + ".\n"
                    + "Keep training: close the window; " + train + " to " + (comparison ? "their end" : "its end")
                    + ", then MarginLab exits."};
    }

    private static Choice dialog(Stage owner, boolean comparison) {
        ButtonType stop = new ButtonType("Stop and keep", ButtonBar.ButtonData.YES);
        ButtonType keep = new ButtonType("Keep training", ButtonBar.ButtonData.NO);
        String[] words = words(comparison);
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, words[2], stop, keep, ButtonType.CANCEL);
        a.initOwner(owner);
        DialogLook.follow(a, owner);
        a.setTitle(words[0]);
        a.setHeaderText(words[1]);
        Optional<ButtonType> b = a.showAndWait();
        return b.isEmpty() ? Choice.CANCEL : b.get() == stop ? Choice.STOP_AND_KEEP
                : b.get() == keep ? Choice.KEEP_TRAINING : Choice.CANCEL;
    }
}
