package org.marginlab.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import org.marginlab.config.ConfigException;
import org.marginlab.config.ConfigField;
import org.marginlab.config.DeviceSpec;

/** Resolves a {@link DeviceSpec} to a DJL device on this machine. */
public final class DeviceChoice {

    private DeviceChoice() {
    }

    /** The device to train on; a GPU that DJL does not see is a one-line error. */
    public static Device resolve(DeviceSpec spec) {
        return resolve(spec, Engine.getInstance().getGpuCount());
    }

    /** {@link #resolve(DeviceSpec)} on a machine where DJL sees {@code gpus} GPUs. */
    static Device resolve(DeviceSpec spec, int gpus) {
        int idx = spec.gpuIndex();
        if (idx == DeviceSpec.AUTO) {
            return gpus > 0 ? Device.gpu(0) : Device.cpu();
        }
        if (idx == DeviceSpec.CPU) {
            return Device.cpu();
        }
        if (idx >= gpus) {
            throw new ConfigException(ConfigField.DEVICE, "names a GPU DJL does not see (it sees " + gpus
                    + " on this machine); use cpu or auto, or see docs/gpu.md", spec.id());
        }
        return Device.gpu(idx);
    }

    /** "cpu" or "gpu:i", as run summaries record the device. */
    public static String name(Device d) {
        return d.isGpu() ? "gpu:" + d.getDeviceId() : "cpu";
    }
}
