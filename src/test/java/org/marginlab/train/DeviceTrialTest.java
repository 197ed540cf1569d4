package org.marginlab.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeviceTrialTest {

    @Test
    void cpuTrainsAndAnUnusableDeviceSaysWhyInOneLine() {
        assertEquals(DeviceTrial.TRAINS, DeviceTrial.run(Device.cpu()));
        int missing = Engine.getInstance().getGpuCount(); // one past the last GPU DJL sees
        String why = DeviceTrial.run(Device.gpu(missing));
        assertFalse(why.contains("\n"), why);
        assertTrue(why.startsWith("Device names a GPU DJL does not see (it sees " + missing + " on this machine)"), why);
        assertTrue(why.endsWith("(got gpu:" + missing + ")"), why);
    }
}
