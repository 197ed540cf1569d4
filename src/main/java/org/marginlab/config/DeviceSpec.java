package org.marginlab.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where to train, as the user wrote it: {@code auto} (first GPU DJL sees, else CPU), {@code cpu},
 * {@code gpu} or {@code gpu:i}. Only the syntax is checked here; whether the GPU exists is known when
 * the run starts ({@code train.DeviceChoice}).
 *
 * @param gpuIndex the GPU index, {@link #CPU} or {@link #AUTO}
 */
public record DeviceSpec(String id, int gpuIndex) {

    public static final int AUTO = -2;
    public static final int CPU = -1;
    public static final String FORMS = "auto, cpu, gpu or gpu:<index>";

    private static final Pattern FORMAT = Pattern.compile("auto|cpu|gpu(?::(\\d{1,4}))?");

    public static final DeviceSpec DEFAULT = parse("auto");

    /** The device of this text, or null when it is none of {@link #FORMS}. */
    public static DeviceSpec parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        Matcher m = FORMAT.matcher(t);
        if (!m.matches()) {
            return null;
        }
        int index = switch (t) {
            case "auto" -> AUTO;
            case "cpu" -> CPU;
            default -> m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
        };
        return new DeviceSpec(t, index);
    }

    @Override
    public String toString() {
        return id;
    }
}
