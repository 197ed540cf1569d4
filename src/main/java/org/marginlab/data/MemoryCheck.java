package org.marginlab.data;

import java.util.Locale;
import org.marginlab.UserException;

/**
 * Refuses, before anything is read, a data set whose uint8 pixels would not fit this JVM's heap: the
 * splits are held as byte arrays (and, for training, uploaded once more to the device).
 */
public final class MemoryCheck {
    private MemoryCheck() {
    }

    /** Bytes the JVM may still allocate on its heap. */
    public static long available() {
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }

    /**
     * Throws a one-line {@link UserException} when {@code images} images of {@code channels}×{@code size}×{@code size}
     * bytes would take more than {@code available} bytes.
     */
    public static void require(String what, long images, int channels, int rows, int cols, long available) {
        long need = images * channels * (long) rows * cols;
        if (need > available) {
            throw new UserException(String.format(Locale.ROOT,
                    "%s: %s images at %d×%d×%d need %s of memory as uint8 pixels, but only %s is free; "
                            + "give Java more (-Xmx, e.g. JAVA_TOOL_OPTIONS=-Xmx%dg) or choose a smaller --image-size or --colour grey",
                    what, DataSet.grouped(images), channels, rows, cols, mb(need), mb(available),
                    Math.max(2, (need * 3) / (1L << 30) + 1)));
        }
    }

    public static void require(String what, long images, int channels, int rows, int cols) {
        require(what, images, channels, rows, cols, available());
    }

    static String mb(long bytes) {
        return bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30))
                : String.format(Locale.ROOT, "%d MB", (bytes + (1 << 20) - 1) >> 20);
    }
}
