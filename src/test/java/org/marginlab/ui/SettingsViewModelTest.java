package org.marginlab.ui;

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
        assertEquals(TrainConfig.defaults(HeadKind.ARCFACE), vm.toConfig());
        TrainConfig c = TrainConfig.defaults(HeadKind.COSFACE);
        vm.load(c);
        assertEquals(c, vm.toConfig());
    }

    @Test
    void invalidFieldIsMarkedAndBlocksTheConfig() {
        SettingsViewModel vm = new SettingsViewModel();
        vm.textProperty(Setting.DIM).set("1");
        assertFalse(vm.validProperty().get());
        assertEquals("must be 2–512", vm.errorProperty(Setting.DIM).get());
        assertTrue(vm.firstErrorProperty().get().startsWith("Embedding dimension d"));
        assertThrows(IllegalStateException.class, vm::toConfig);
        vm.textProperty(Setting.DIM).set("2");
        assertTrue(vm.validProperty().get());
        assertEquals(2, vm.toConfig().dim());

        vm.textProperty(Setting.LEARNING_RATE).set("abc");
        assertNotNull(vm.errorProperty(Setting.LEARNING_RATE).get());
        vm.textProperty(Setting.LEARNING_RATE).set("0.01");
        assertEquals(0.01, vm.toConfig().learningRate());
    }

    @Test
    void headParamsFollowTheHeadAndAreRememberedPerHead() {
        SettingsViewModel vm = new SettingsViewModel();
        assertTrue(Setting.S.appliesTo(HeadKind.ARCFACE));
        vm.textProperty(Setting.S).set("30");
        vm.textProperty(Setting.M).set("0.4");
        vm.selectHead(HeadKind.SOFTMAX);
        assertEquals(HeadKind.SOFTMAX, vm.headProperty().get());
        assertFalse(vm.appliesBinding(Setting.S).get());
        assertFalse(vm.appliesBinding(Setting.M).get());
        // A field the head ignores is never invalid, so it cannot block Start.
        vm.textProperty(Setting.S).set("-5");
        assertNull(vm.errorProperty(Setting.S).get());
        assertTrue(vm.validProperty().get());
        assertEquals(HeadParams.defaults(HeadKind.SOFTMAX), vm.toConfig().headParams());

        vm.selectHead(HeadKind.ARCFACE);
        assertEquals("30", vm.textProperty(Setting.S).get());
        assertEquals(new HeadParams(30, 0.4, 0, false), vm.toConfig().headParams());
    }

    @Test
    void marginRangeDependsOnTheHead() {
        SettingsViewModel vm = new SettingsViewModel();
        vm.selectHead(HeadKind.SPHEREFACE);
        assertEquals("4", vm.textProperty(Setting.M).get());
        vm.textProperty(Setting.M).set("2.5");
        assertEquals("a whole number 1–6", vm.errorProperty(Setting.M).get());
        vm.textProperty(Setting.M).set("2");
        assertTrue(vm.validProperty().get());
        assertEquals(2, vm.toConfig().headParams().m());

        vm.selectHead(HeadKind.COSFACE);
        vm.textProperty(Setting.M).set("1.2");
        assertEquals("must be 0–1", vm.errorProperty(Setting.M).get());
        vm.selectHead(HeadKind.ARCFACE);
        vm.textProperty(Setting.M).set("1.2");
        assertNull(vm.errorProperty(Setting.M).get());
        assertTrue(Setting.M.explanation(HeadKind.ARCFACE).contains("radians"));
        assertTrue(Setting.M.explanation(HeadKind.SPHEREFACE).contains("Integer"));
    }

    @Test
    void deviceAcceptsGpuIndexOnly() {
        SettingsViewModel vm = new SettingsViewModel();
        vm.textProperty(Setting.DEVICE).set("gpu:1");
        assertTrue(vm.validProperty().get());
        vm.textProperty(Setting.DEVICE).set("tpu");
        assertEquals("use auto, cpu, gpu or gpu:i", vm.errorProperty(Setting.DEVICE).get());
    }

    @Test
    void theWarmUpFieldShowsForEveryHeadThatWarmsUp() {
        // Asked of the schedule itself: does a warm-up change the parameters at iteration 0?
        for (HeadKind h : HeadKind.values()) {
            HeadParams p = TrainConfig.defaults(h).headParams();
            boolean warms = !org.marginlab.loss.MarginSchedule.standard(h, p, 500).at(0)
                    .equals(org.marginlab.loss.MarginSchedule.standard(h, p, 0).at(0));
            assertEquals(warms, Setting.MARGIN_WARMUP.appliesTo(h), h.id());
        }
        assertTrue(Setting.MARGIN_WARMUP.explanation(HeadKind.ARC).startsWith("Iterations over which s grows from 1"));
    }
}
