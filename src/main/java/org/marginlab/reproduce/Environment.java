package org.marginlab.reproduce;

import org.marginlab.AppInfo;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where and with what a report was made.
 *
 * @param cores       logical CPU cores the JVM sees
 * @param memoryGiB   physical memory, GiB (NaN when unknown)
 * @param os          operating system and architecture
 * @param cpu         CPU model name, or "unknown"
 * @param marginlab   MarginLab version
 * @param java        Java runtime version
 */
public record Environment(int cores, double memoryGiB, String os, String cpu, String marginlab, String java) {

    public static Environment detect() {
        double mem = Double.NaN;
        String cpu = "unknown";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    mem = Long.parseLong(line.replaceAll("\\D", "")) / 1024.0 / 1024.0;
                }
            }
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: the OS bean's figure below is the fallback
        }
        if (Double.isNaN(mem) && ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            mem = os.getTotalMemorySize() / 1024.0 / 1024.0 / 1024.0;
        }
        String version = AppInfo.version();
        return new Environment(Runtime.getRuntime().availableProcessors(), mem,
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " (" + System.getProperty("os.arch") + ")",
                cpu, version == null ? "development build" : version, Runtime.version() + " (" + System.getProperty("java.vendor") + ")");
    }

    public String memoryText() {
        return Double.isNaN(memoryGiB) ? "unknown" : String.format(Locale.ROOT, "%.1f GiB", memoryGiB);
    }
}
