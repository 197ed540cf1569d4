package org.marginlab;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** The application's name and version, from the build. */
public final class AppInfo {
    public static final String NAME = "MarginLab";

    private AppInfo() {
    }

    public static String version() {
        Properties p = new Properties();
        try (InputStream in = AppInfo.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return p.getProperty("version", "unknown");
    }

    /**
     * Call before the first use of DJL or JavaFX. DJL must never reach the network: its natives come
     * from the bundled jars (a user's explicit -Dai.djl.offline wins). DJL and JavaFX unpack natives
     * under the home folder; where that is not writable (a locked-down lab account) they use the
     * temp folder instead.
     */
    public static void configureRuntime() {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        if (System.getProperty("DJL_CACHE_DIR") == null && System.getenv("DJL_CACHE_DIR") == null
                && !writable(Path.of(System.getProperty("user.home"), ".djl.ai"))) {
            Path tmp = Path.of(System.getProperty("java.io.tmpdir"), "marginlab-" + System.getProperty("user.name"));
            System.setProperty("DJL_CACHE_DIR", tmp.resolve("djl").toString());
            if (System.getProperty("javafx.cachedir") == null) {
                System.setProperty("javafx.cachedir", tmp.resolve("openjfx").toString());
            }
        }
    }

    private static boolean writable(Path dir) {
        try {
            Files.createDirectories(dir);
            return Files.isWritable(dir);
        } catch (IOException | SecurityException e) {
            return false;
        }
    }
}
