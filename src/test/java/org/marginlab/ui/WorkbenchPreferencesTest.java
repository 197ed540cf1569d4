package org.marginlab.ui;

import org.marginlab.ui.viewmodel.WorkbenchPreferences;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marginlab.loss.HeadKind;
import org.marginlab.config.TrainConfig;

class WorkbenchPreferencesTest {
    @TempDir
    Path tmp;

    @Test
    void roundTripsLayoutSettingsAndRecentRuns() throws Exception {
        Path file = tmp.resolve("home/workbench.json");
        WorkbenchPreferences p = new WorkbenchPreferences(file);
        TrainConfig c = TrainConfig.defaults(HeadKind.CENTER);
        p.setLastConfig(c);
        p.setTheme("dark");
        p.setTab("Theory");
        p.setDivider(0.3);
        p.setGeometry(10, 20, 1200, 700, false);
        Path run1 = Files.createDirectories(tmp.resolve("runs/a"));
        Path run2 = Files.createDirectories(tmp.resolve("runs/b"));
        p.addRecentRun(run1);
        p.addRecentRun(run2);
        p.addRecentRun(run1);
        p.addRecentRun(tmp.resolve("runs/gone"));
        p.save();

        WorkbenchPreferences q = new WorkbenchPreferences(file);
        assertEquals(c, q.lastConfig());
        assertEquals("dark", q.theme());
        assertEquals("Theory", q.tab());
        assertEquals(0.3, q.divider());
        assertEquals(1200, q.width());
        // Newest first, no duplicates, vanished directories left out.
        assertEquals(List.of(run1.toAbsolutePath(), run2.toAbsolutePath()), q.recentRuns());
    }

    @Test
    void unreadableFileMeansDefaults() throws Exception {
        Path file = tmp.resolve("workbench.json");
        Files.writeString(file, "{ this is not json");
        WorkbenchPreferences p = new WorkbenchPreferences(file);
        assertNull(p.lastConfig());
        assertEquals("light", p.theme());
    }
}
