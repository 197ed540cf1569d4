package org.marginlab.ui.viewmodel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;

import org.marginlab.AtomicFiles;
import org.marginlab.config.TrainConfig;

/**
 * What the window remembers between launches, as plain JSON in {@code ~/.marginlab/workbench.json}
 * (or {@code $marginlab.home/workbench.json}): geometry, theme, tab, last settings, recent runs.
 * A missing or unreadable file means defaults; it never stops the window from opening.
 */
public final class WorkbenchPreferences {
    static final int RECENT_LIMIT = 8;
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();

    /** The stored form; plain fields only, read with Gson (never Java deserialization). */
    static final class Stored {
        double x = Double.NaN;
        double y = Double.NaN;
        double width = 1400;
        double height = 880;
        boolean maximized;
        double divider = 0.22;
        String theme = "light";
        String tab = "";
        List<String> tabOrder = new ArrayList<>();
        TrainConfig lastConfig;
        List<String> recentRuns = new ArrayList<>();
        String lastFolder;
    }

    private final Path file;
    private Stored stored;

    public WorkbenchPreferences(Path file) {
        this.file = file;
        this.stored = read(file);
    }

    /** The default location, honouring {@code -Dmarginlab.home}. */
    public static Path defaultFile() {
        String home = System.getProperty("marginlab.home");
        Path dir = home != null ? Path.of(home) : Path.of(System.getProperty("user.home"), ".marginlab");
        return dir.resolve("workbench.json");
    }

    private static Stored read(Path file) {
        if (!Files.isRegularFile(file)) {
            return new Stored();
        }
        try {
            Stored s = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), Stored.class);
            if (s == null) {
                return new Stored();
            }
            if (s.recentRuns == null) {
                s.recentRuns = new ArrayList<>();
            }
            if (s.lastConfig != null && (s.lastConfig.head() == null || s.lastConfig.headParams() == null)) {
                s.lastConfig = null;
            }
            return s;
        } catch (IOException | JsonParseException | IllegalStateException e) {
            System.getLogger(WorkbenchPreferences.class.getName())
                    .log(System.Logger.Level.WARNING, "ignoring unreadable " + file + ": " + e.getMessage());
            return new Stored();
        }
    }

    /** Writes via a temp file and an atomic rename, so a crash never leaves a half-written file. */
    public void save() throws IOException {
        Files.createDirectories(file.getParent());
        AtomicFiles.write(file, GSON.toJson(stored).getBytes(StandardCharsets.UTF_8));
    }

    public Path file() {
        return file;
    }

    public double x() {
        return stored.x;
    }

    public double y() {
        return stored.y;
    }

    public double width() {
        return stored.width;
    }

    public double height() {
        return stored.height;
    }

    public boolean maximized() {
        return stored.maximized;
    }

    public void setGeometry(double x, double y, double width, double height, boolean maximized) {
        stored.x = x;
        stored.y = y;
        stored.width = width;
        stored.height = height;
        stored.maximized = maximized;
    }

    public double divider() {
        return stored.divider;
    }

    public void setDivider(double d) {
        stored.divider = d;
    }

    public String theme() {
        return "dark".equals(stored.theme) ? "dark" : "light";
    }

    public void setTheme(String theme) {
        stored.theme = theme;
    }

    public String tab() {
        return stored.tab == null ? "" : stored.tab;
    }

    public void setTab(String tab) {
        stored.tab = tab;
    }

    /** Tab names in the order the user dragged them into; empty for the default order. */
    public List<String> tabOrder() {
        return stored.tabOrder == null ? List.of() : List.copyOf(stored.tabOrder);
    }

    public void setTabOrder(List<String> names) {
        stored.tabOrder = new ArrayList<>(names);
    }

    /** The settings of the last launch, or null. */
    public TrainConfig lastConfig() {
        return stored.lastConfig;
    }

    public void setLastConfig(TrainConfig c) {
        stored.lastConfig = c;
    }

    /** Recently opened or trained run directories, newest first, only those still on disk. */
    public List<Path> recentRuns() {
        return stored.recentRuns.stream().map(Path::of).filter(Files::isDirectory).toList();
    }

    public void addRecentRun(Path dir) {
        String s = dir.toAbsolutePath().normalize().toString();
        stored.recentRuns.remove(s);
        stored.recentRuns.add(0, s);
        while (stored.recentRuns.size() > RECENT_LIMIT) {
            stored.recentRuns.remove(stored.recentRuns.size() - 1);
        }
    }

    /** The folder a file dialog last opened or saved in, if it still exists; null otherwise. */
    public Path lastFolder() {
        return stored.lastFolder == null || !Files.isDirectory(Path.of(stored.lastFolder)) ? null : Path.of(stored.lastFolder);
    }

    public void setLastFolder(Path dir) {
        stored.lastFolder = dir.toAbsolutePath().normalize().toString();
    }
}
