package org.marginlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import ai.djl.engine.Engine;
import org.junit.jupiter.api.Test;
import org.marginlab.config.ConfigException;
import org.marginlab.config.ConfigField;
import org.marginlab.config.DeviceSpec;

class DeviceChoiceTest {

    @Test
    void autoTakesTheFirstGpuWhenThereIsOne() {
        assertEquals(Device.cpu(), DeviceChoice.resolve(DeviceSpec.parse("auto"), 0));
        assertEquals(Device.gpu(0), DeviceChoice.resolve(DeviceSpec.parse("auto"), 2));
    }

    @Test
    void cpuAndANamedGpuAreTakenAsSaid() {
        assertEquals(Device.cpu(), DeviceChoice.resolve(DeviceSpec.parse("cpu"), 4));
        assertEquals(Device.gpu(0), DeviceChoice.resolve(DeviceSpec.parse("gpu"), 1));
        assertEquals(Device.gpu(3), DeviceChoice.resolve(DeviceSpec.parse("gpu:3"), 4));
    }

    @Test
    void aGpuDjlDoesNotSeeIsOneLineNamingTheField() {
        ConfigException e = assertThrows(ConfigException.class, () -> DeviceChoice.resolve(DeviceSpec.parse("gpu:1"), 1));
        assertEquals(ConfigField.DEVICE, e.configField());
        assertEquals("names a GPU DJL does not see (it sees 1 on this machine); use cpu or auto, or see docs/gpu.md",
                e.reason());
        assertThrows(ConfigException.class, () -> DeviceChoice.resolve(DeviceSpec.parse("gpu"), 0));
    }

    @Test
    void autoOnThisMachineFollowsWhatTheEngineSees() {
        int gpus = Engine.getInstance().getGpuCount();
        assertEquals(gpus > 0 ? Device.gpu(0) : Device.cpu(), DeviceChoice.resolve(DeviceSpec.parse("auto")));
    }

    @Test
    void namesAreWhatRunSummariesRecord() {
        assertEquals("cpu", DeviceChoice.name(Device.cpu()));
        assertEquals("gpu:0", DeviceChoice.name(Device.gpu(0)));
        assertEquals("gpu:3", DeviceChoice.name(Device.gpu(3)));
    }
}
