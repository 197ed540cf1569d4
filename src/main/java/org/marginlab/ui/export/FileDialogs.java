package org.marginlab.ui.export;

import org.marginlab.ui.viewmodel.WorkbenchPreferences;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * The window's file dialogs: each starts in the folder the last one used (kept in the preferences), and
 * those that write offer a file name. The platform's save dialog asks before replacing a file.
 */
public final class FileDialogs {
    private final WorkbenchPreferences prefs;
    private final Supplier<Window> owner;

    public FileDialogs(WorkbenchPreferences prefs, Supplier<Window> owner) {
        this.prefs = prefs;
        this.owner = owner;
    }

    /** A file to write, offered as {@code initialName} in the last folder, e.g. ("SVG", "svg"). */
    public Optional<Path> saveFile(String title, String initialName, String kind, String extension) {
        FileChooser c = fileChooser(title);
        c.setInitialFileName(initialName);
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind + " (*." + extension + ")", "*." + extension));
        return remember(c.showSaveDialog(owner.get()));
    }

    /** A new directory to copy a run to, offered under the run's own name. */
    public Optional<Path> saveRun(String initialName) {
        FileChooser c = fileChooser("Save a copy of the run as");
        c.setInitialFileName(initialName);
        return remember(c.showSaveDialog(owner.get()));
    }

    /** A run directory, picked by one of the files every run has. */
    public Optional<Path> openRun() {
        FileChooser c = fileChooser("Open a run: pick its config.json");
        c.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("MarginLab run (config.json)", "config.json"),
                new FileChooser.ExtensionFilter("Any file in the run directory", "*"));
        Optional<Path> file = Optional.ofNullable(c.showOpenDialog(owner.get())).map(File::toPath);
        file.ifPresent(f -> prefs.setLastFolder(f.getParent().getParent() != null ? f.getParent().getParent() : f.getParent()));
        return file.map(Path::getParent);
    }

    /** A folder to write many files into (Export all). */
    public Optional<Path> folder(String title) {
        DirectoryChooser c = new DirectoryChooser();
        c.setTitle(title);
        Path last = prefs.lastFolder();
        if (last != null) {
            c.setInitialDirectory(last.toFile());
        }
        Optional<Path> dir = Optional.ofNullable(c.showDialog(owner.get())).map(File::toPath);
        dir.ifPresent(prefs::setLastFolder);
        return dir;
    }

    private FileChooser fileChooser(String title) {
        FileChooser c = new FileChooser();
        c.setTitle(title);
        Path last = prefs.lastFolder();
        c.setInitialDirectory((last != null ? last : Path.of("").toAbsolutePath()).toFile());
        return c;
    }

    private Optional<Path> remember(File chosen) {
        Optional<Path> p = Optional.ofNullable(chosen).map(File::toPath);
        p.map(Path::getParent).filter(Files::isDirectory).ifPresent(prefs::setLastFolder);
        return p;
    }
}
