package org.marginlab.ui;

import org.marginlab.ui.viewmodel.WorkbenchViewModel;
import javafx.scene.control.Menu;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.ToggleGroup;

/**
 * Run → PyTorch threads: 1, 2, … up to the machine's cores. One thread is best on a machine whose cores are
 * busy elsewhere (docs/performance.md); the choice acts from the next iteration on. It starts at {@code --threads}'
 * system property when given, else at all cores, PyTorch's own default.
 */
final class ThreadsMenu extends Menu {

    ThreadsMenu(WorkbenchViewModel model) {
        super("PyTorch threads");
        int cores = Runtime.getRuntime().availableProcessors();
        int now = current(cores);
        ToggleGroup group = new ToggleGroup();
        java.util.TreeSet<Integer> choices = new java.util.TreeSet<>();
        for (int n = 1; n < cores; n *= 2) {
            choices.add(n);
        }
        choices.add(cores);
        for (int threads : choices) {
            RadioMenuItem i = new RadioMenuItem(threads == cores ? threads + " (all cores)"
                    : threads == 1 ? "1 (busy machine)" : Integer.toString(threads));
            i.setToggleGroup(group);
            i.setSelected(threads == now);
            i.setOnAction(e -> model.control().setThreads(threads));
            getItems().add(i);
        }
    }

    private static int current(int cores) {
        try {
            return Integer.parseInt(System.getProperty("ai.djl.pytorch.num_threads", String.valueOf(cores)));
        } catch (NumberFormatException e) {
            return cores;
        }
    }
}
