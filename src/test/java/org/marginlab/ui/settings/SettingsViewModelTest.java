package org.marginlab.ui.settings;

import org.marginlab.ui.viewmodel.SettingsViewModel;
import org.marginlab.config.ConfigField;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.marginlab.loss.HeadKind;
import org.marginlab.loss.HeadParams;
import org.marginlab.config.TrainConfig;

class SettingsViewModelTest {

    @Test
    void defaultsAreValidAndRoundTrip() {
        SettingsViewModel vm = new SettingsViewModel();
        assertTrue(vm.validProperty().get(), vm.firstErrorProperty().get());
        // the window's first run is watched: denser snapshots early (the CLI's default has none)
        assertEquals(TrainConfig.defaults(HeadKind.ARCFACE).toBuilder().earlySnapshots(TrainConfig.WATCHED_START).build(),
                vm.toConfig());
        TrainConfig c = TrainConfig.defaults(HeadKind.COSFACE);
        vm.load(c);
        assertEquals(c, vm.toConfig());
    }

    @Test
    void imageSizeZeroShowsBlankAndBlankIsTheDefault() {
        SettingsViewModel vm = new SettingsViewModel();
        assertEquals(0, TrainConfig.defaults(HeadKind.ARCFACE).imageSize(), "the catalogue's default: 0, the stand-in");
        assertEquals("", vm.textProperty(ConfigField.IMAGE_SIZE).get(), "not '0', which reads as a size");
        assertEquals("32 or the data's own size", ConfigField.IMAGE_SIZE.blankMeans());
        assertEquals(0, vm.toConfig().imageSize());
        assertTrue(vm.validProperty().get(), vm.firstErrorProperty().get());

        vm.textProperty(ConfigField.IMAGE_SIZE).set("48");
        TrainConfig c48 = vm.toConfig();
        assertEquals(48, c48.imageSize());
        vm.load(c48);
        assertEquals("48", vm.textProperty(ConfigField.IMAGE_SIZE).get());
        vm.textProperty(ConfigField.IMAGE_SIZE).set("  ");
        assertEquals(0, vm.toConfig().imageSize(), "blank is the default again");
        vm.textProperty(ConfigField.IMAGE_SIZE).set("0");
        vm.load(vm.toConfig());
        assertEquals("", vm.textProperty(ConfigField.IMAGE_SIZE).get(), "a typed 0 is the default, shown blank");
        // other fields keep their text: a blank dimension is still an error, and the CLI still writes 0
        vm.textProperty(ConfigField.DIM).set("");
        assertNotNull(vm.errorProperty(ConfigField.DIM).get());
        assertNull(ConfigField.DIM.blankMeans());
        assertEquals("0", ConfigField.IMAGE_SIZE.text(0));
    }

    @Test
    void aPsiInfiniteDuringTheWarmUpIsMarkedAsYouTypeAndClearsWithWarmUpOff() {
        SettingsViewModel vm = new SettingsViewModel();
        vm.selectHead(HeadKind.CUSTOM);
        vm.textProperty(ConfigField.M).set("0.3");
        vm.textProperty(ConfigField.MARGIN_WARMUP).set("200");
        vm.textProperty(ConfigField.PSI).set("cos(theta) - 1/(m - 0.1)");
        // a pole at m = 0.1, which the warm-up from 0 to 0.3 passes through
        String why = vm.errorProperty(ConfigField.PSI).get();
        assertNotNull(why);
        assertTrue(why.contains("m = 0.1") && why.contains("change ψ"), why);
        assertFalse(vm.validProperty().get());
        vm.textProperty(ConfigField.MARGIN_WARMUP).set("0");
        assertNull(vm.errorProperty(ConfigField.PSI).get());
        assertTrue(vm.validProperty().get(), vm.firstErrorProperty().get());
        assertEquals("cos(theta) - 1/(m - 0.1)", vm.toConfig().headParams().psi());
        // the CLI and config.json go through the same check; auto warm-up counts as on
        TrainConfig auto = vm.toConfig().toBuilder().marginWarmup(TrainConfig.AUTO_WARMUP).build();
        org.marginlab.config.ConfigException e = assertThrows(org.marginlab.config.ConfigException.class,
                () -> org.marginlab.config.ConfigCheck.validate(auto));
        assertTrue(e.withFlag().startsWith("--psi ψ = cos(theta) - 1/(m - 0.1) is not finite near"), e.withFlag());
        assertTrue(e.withFlag().contains("--margin-warmup"), e.withFlag());
    }

    @Test
    void invalidFieldIsMarkedAndBlocksTheConfig() {
        SettingsViewModel vm = new SettingsViewModel();
        vm.textProperty(ConfigField.DIM).set("1");
        assertFalse(vm.validProperty().get());
        assertEquals("must be an integer in [2, 512]", vm.errorProperty(ConfigField.DIM).get());
        assertTrue(vm.firstErrorProperty().get().startsWith("Embedding dimension d"));
        assertThrows(IllegalStateException.class, vm::toConfig);
        vm.textProperty(ConfigField.DIM).set("2");
        assertTrue(vm.validProperty().get());
        assertEquals(2, vm.toConfig().dim());

        vm.textProperty(ConfigField.LR).set("abc");
        assertNotNull(vm.errorProperty(ConfigField.LR).get());
        vm.textProperty(ConfigField.LR).set("0.01");
        assertEquals(0.01, vm.toConfig().learningRate());
    }

    @Test
    void headParamsFollowTheHeadAndAreRememberedPerHead() {
        SettingsViewModel vm = new SettingsViewModel();
        assertTrue(ConfigField.S.appliesTo(HeadKind.ARCFACE));
        vm.textProperty(ConfigField.S).set("30");
        vm.textProperty(ConfigField.M).set("0.4");
        vm.selectHead(HeadKind.SOFTMAX);
        assertEquals(HeadKind.SOFTMAX, vm.headProperty().get());
        assertFalse(vm.appliesBinding(ConfigField.S).get());
        assertFalse(vm.appliesBinding(ConfigField.M).get());
        // A field the head ignores is never invalid, so it cannot block Start.
        vm.textProperty(ConfigField.S).set("-5");
        assertNull(vm.errorProperty(ConfigField.S).get());
        assertTrue(vm.validProperty().get());
        assertEquals(HeadParams.defaults(HeadKind.SOFTMAX), vm.toConfig().headParams());

        vm.selectHead(HeadKind.ARCFACE);
        assertEquals("30", vm.textProperty(ConfigField.S).get());
        assertEquals(new HeadParams(30, 0.4, 0, false), vm.toConfig().headParams());
    }

    @Test
    void marginRangeDependsOnTheHead() {
        SettingsViewModel vm = new SettingsViewModel();
        vm.selectHead(HeadKind.SPHEREFACE);
        assertEquals("4", vm.textProperty(ConfigField.M).get());
        vm.textProperty(ConfigField.M).set("2.5");
        assertEquals("must be an integer in [1, 8]", vm.errorProperty(ConfigField.M).get());
        vm.textProperty(ConfigField.M).set("2");
        assertTrue(vm.validProperty().get());
        assertEquals(2, vm.toConfig().headParams().m());

        vm.selectHead(HeadKind.COSFACE);
        vm.textProperty(ConfigField.M).set("2.1");
        assertEquals("must be a number in [0, 2]", vm.errorProperty(ConfigField.M).get());
        vm.selectHead(HeadKind.ARCFACE);
        vm.textProperty(ConfigField.M).set("2.1");
        assertNull(vm.errorProperty(ConfigField.M).get(), "ArcFace takes any angle below π");
        vm.textProperty(ConfigField.M).set("3.2");
        assertEquals("must be a number in [0, π)", vm.errorProperty(ConfigField.M).get());
        assertTrue(ConfigField.M.explanation(HeadKind.ARCFACE).endsWith("; a number in [0, π)."));
        assertTrue(ConfigField.M.explanation(HeadKind.SPHEREFACE).endsWith("; an integer in [1, 8]."));
    }

    @Test
    void deviceAcceptsGpuIndexOnly() {
        SettingsViewModel vm = new SettingsViewModel();
        vm.textProperty(ConfigField.DEVICE).set("gpu:1");
        assertTrue(vm.validProperty().get());
        vm.textProperty(ConfigField.DEVICE).set("tpu");
        assertEquals("must be auto, cpu, gpu or gpu:<index>", vm.errorProperty(ConfigField.DEVICE).get());
    }

    @Test
    void theWarmUpFieldShowsForEveryHeadThatWarmsUp() {
        // Asked of the schedule itself: does a warm-up change the parameters at iteration 0?
        for (HeadKind h : HeadKind.values()) {
            HeadParams p = TrainConfig.defaults(h).headParams();
            boolean warms = !org.marginlab.loss.MarginSchedule.standard(h, p, 500).at(0)
                    .equals(org.marginlab.loss.MarginSchedule.standard(h, p, 0).at(0));
            assertEquals(warms, ConfigField.MARGIN_WARMUP.appliesTo(h), h.id());
        }
        assertTrue(ConfigField.MARGIN_WARMUP.explanation(HeadKind.ARC).endsWith("; an integer ≥ 0 or auto."));
    }
}
