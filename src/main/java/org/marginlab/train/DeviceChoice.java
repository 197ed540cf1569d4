package org.marginlab.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import org.marginlab.UserException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code auto} (first GPU DJL sees, else CPU), {@code cpu}, {@code gpu} or {@code gpu:i}. */
public final class DeviceChoice {

    private static final Pattern FORMAT = Pattern.compile("auto|cpu|gpu(?::(\\d+))?");

    private DeviceChoice() {
    }

    /** Checks the syntax only; returns the GPU index, −1 for cpu, −2 for auto. */
    public static int parse(String text) {
        Matcher m = FORMAT.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            ConfigCheck.fail("--device", "auto, cpu, gpu or gpu:<index>", text);
        }
        return switch (m.group(0)) {
            case "auto" -> -2;
            case "cpu" -> -1;
            default -> m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
        };
    }

    /** The device to train on; a GPU that DJL does not see is a one-line error. */
    public static Device resolve(String text) {
        int idx = parse(text);
        int gpus = Engine.getInstance().getGpuCount();
        if (idx == -2) {
            return gpus > 0 ? Device.gpu(0) : Device.cpu();
        }
        if (idx == -1) {
            return Device.cpu();
        }
        if (idx >= gpus) {
            throw new UserException("--device " + text + ": DJL sees " + gpus + " GPU(s) on this machine; use --device cpu"
                    + " or auto, or see the README's GPU section");
        }
        return Device.gpu(idx);
    }

    /** "cpu" or "gpu:i", as run summaries record the device. */
    public static String name(Device d) {
        return d.isGpu() ? "gpu:" + d.getDeviceId() : "cpu";
    }
}
