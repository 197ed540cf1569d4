package org.marginlab.ui.views;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import org.marginlab.figures.RunData;
import org.marginlab.run.RunReader;
import org.marginlab.ui.viewmodel.BackgroundExecutor;
import org.marginlab.ui.viewmodel.WorkbenchViewModel;

/**
 * Runs from disk that the training-curves, angle-statistics and open-set views draw over the current run,
 * one colour per run with its label in the legend: picked from the recent runs, read off the FX thread.
 */
public final class OverlayRuns {
    private final ObservableList<RunData> runs = FXCollections.observableArrayList();
    /** The directory of each of {@link #runs}, in the same order. */
    private List<Path> directories = List.of();
    private final Supplier<List<Path>> candidates;
    private final Function<Path, RunData> reader;
    private final WorkbenchViewModel model;
    private final BackgroundExecutor executor;

    public OverlayRuns(Supplier<List<Path>> candidates, Function<Path, RunData> reader, WorkbenchViewModel model,
                BackgroundExecutor executor) {
        this.candidates = candidates;
        this.reader = reader;
        this.model = model;
        this.executor = executor;
    }

    /** A run directory as an overlay, under its head's label. */
    public static RunData read(Path dir) {
        RunReader.Run r = RunReader.read(dir);
        return RunData.of(null, r.config(), r.iterations(), r.epochs());
    }

    /** The overlaid runs, labelled apart; views listen to it. */
    public ObservableList<RunData> runs() {
        return runs;
    }

    /** Where each overlaid run was read from, in the order of {@link #runs()}. */
    public List<Path> directories() {
        return runs.isEmpty() ? List.of() : directories; // cleared runs leave no directories
    }

    /** Reads the runs off the FX thread and overlays them instead of the present ones. */
    public void load(List<Path> dirs) {
        executor.submit(() -> {
            List<RunData> read = new ArrayList<>();
            for (Path d : dirs) {
                read.add(reader.apply(d));
            }
            return RunData.labelledApart(read, dirs.stream().map(d -> d.getFileName().toString()).toList());
        }, loaded -> {
            directories = List.copyOf(dirs);
            runs.setAll(loaded);
            model.notify(loaded.isEmpty() ? "No runs overlaid." : "Overlaid " + loaded.size() + " run"
                    + (loaded.size() == 1 ? "" : "s") + " on the training curves, angle statistics and open-set ROC.");
        }, failure -> model.notify(WorkbenchViewModel.describe("Could not overlay the runs", failure)));
    }

    /** "Overlay runs…" and "Clear overlay" for a view's tool row; the view redraws when the overlay changes. */
    javafx.scene.Node[] tools(FigureView view) {
        javafx.scene.control.Button pick = new javafx.scene.control.Button("Overlay runs…");
        pick.setOnAction(e -> choose(view.getScene() == null ? null : view.getScene().getWindow()));
        javafx.scene.control.Button clear = new javafx.scene.control.Button("Clear overlay");
        clear.setOnAction(e -> {
            runs.clear();
            // "Overlaid 3 runs …" would now say what is no longer so
            if (model.notificationProperty().get().startsWith("Overlaid ")) {
                model.dismissNotification();
            }
        });
        clear.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(runs));
        // a hidden tab takes the overlay (and measures it, on the Open set tab) only when it is shown
        runs.addListener((javafx.collections.ListChangeListener<RunData>) c -> view.dataChanged());
        return new javafx.scene.Node[] {pick, clear};
    }

    /** The "Overlay runs…" dialog: the recent runs, several selectable; OK overlays the selection. */
    void choose(Window owner) {
        Path current = model.control().runDirectoryProperty().get();
        List<Path> offered = candidates.get().stream()
                .filter(p -> current == null || !p.toAbsolutePath().normalize().equals(current.toAbsolutePath().normalize()))
                .toList();
        if (offered.isEmpty()) {
            model.notify("No other recent runs to overlay: open or train some first (File → Open run…).");
            return;
        }
        ListView<Path> list = new ListView<>(FXCollections.observableArrayList(offered));
        list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Path p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? null : p.getFileName() + "  —  " + p.getParent());
            }
        });
        list.setPrefSize(560, 300);
        Dialog<List<Path>> d = new Dialog<>();
        d.initOwner(owner);
        DialogLook.follow(d, owner);
        d.setTitle("Overlay runs");
        d.getDialogPane().setContent(new VBox(8, new Label("Runs to draw over the current one (Ctrl/Shift-click for several):"), list));
        d.getDialogPane().getButtonTypes().addAll(ButtonType.CANCEL, ButtonType.OK);
        d.setResultConverter(b -> b == ButtonType.OK ? List.copyOf(list.getSelectionModel().getSelectedItems()) : null);
        d.showAndWait().ifPresent(this::load);
    }
}
