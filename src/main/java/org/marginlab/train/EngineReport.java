package org.marginlab.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.util.cuda.CudaUtils;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What {@code marginlab info} reports about the engine, as plain maps: DJL's versions and each device's trial. */
public final class EngineReport {

    private EngineReport() {
    }

    /** DJL's version, the engine's name and version, and whether DJL is offline. */
    public static Map<String, Object> engine() {
        Engine engine = Engine.getInstance();
        Map<String, Object> djl = new LinkedHashMap<>();
        djl.put("version", Engine.getDjlVersion());
        djl.put("engine", engine.getEngineName());
        djl.put("engine_version", engine.getVersion());
        djl.put("offline", Boolean.getBoolean("ai.djl.offline"));
        return djl;
    }

    /** Each device DJL sees (the CPU first), tried with one real training step: name, whether it trains, and the status line. */
    public static List<Map<String, Object>> devices() {
        Engine engine = Engine.getInstance();
        List<Map<String, Object>> devices = new ArrayList<>();
        devices.add(trial(Device.cpu(), "cpu"));
        int count = engine.getGpuCount();
        for (int i = 0; i < count; i++) {
            devices.add(trial(Device.gpu(i), "gpu:" + i + " (compute capability " + CudaUtils.getComputeCapability(i) + ")"));
        }
        return devices;
    }

    private static Map<String, Object> trial(Device device, String name) {
        String status = DeviceTrial.run(device);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("device", name);
        d.put("trains", DeviceTrial.TRAINS.equals(status));
        d.put("status", status);
        return d;
    }
}
