package org.marginlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marginlab.config.ConfigJson;
import org.marginlab.config.TrainConfig;
import org.marginlab.loss.HeadKind;
import org.marginlab.reproduce.PlannedRun;
import org.marginlab.reproduce.Presets;
import org.marginlab.ui.viewmodel.SettingsViewModel;
import picocli.CommandLine;

/**
 * A config.json written by any path (a {@code train} command line, the window's form, every reproduce
 * preset) reads back to the same config and opens in the window's form valid, so Start is enabled, and
 * the form gives the same config back.
 */
class ConfigPathsTest {

    @Test
    void everyPathsConfigOpensValidInTheWindow(@TempDir Path tmp) throws Exception {
        List<TrainConfig> configs = new ArrayList<>();
        for (HeadKind h : HeadKind.values()) {
            configs.add(cli("--head", h.id()));
            configs.add(cli("--head=" + h.id(), "--dim=2", "--optimizer=sgd", "--lr=0.05", "--schedule=onecycle",
                    "--margin-warmup=0", "--augment", "--device=gpu:1", "--epochs=10000", "--lambda-min=0"));
            SettingsViewModel form = new SettingsViewModel();
            form.selectHead(h);
            configs.add(form.toConfig());
        }
        for (String id : Presets.IDS) {
            for (boolean quick : new boolean[] {true, false}) {
                for (PlannedRun r : Presets.plan(id, quick, null, null).runs()) {
                    configs.add(r.config());
                }
            }
        }
        assertTrue(configs.size() > 40, "configs: " + configs.size());
        Path file = tmp.resolve("config.json");
        for (TrainConfig c : configs) {
            Files.writeString(file, ConfigJson.toJson(c));
            TrainConfig read = ConfigJson.read(file);
            assertEquals(c, read);
            SettingsViewModel form = new SettingsViewModel();
            form.load(read);
            assertTrue(form.validProperty().get(), form.firstErrorProperty().get() + " in " + ConfigJson.toJson(c));
            assertEquals(read, form.toConfig());
        }
    }

    private static TrainConfig cli(String... args) {
        TrainCommand cmd = new TrainCommand();
        new CommandLine(cmd).parseArgs(args);
        return cmd.buildConfig();
    }
}
