package org.marginlab;

import java.io.IOException;
import java.io.InputStream;
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
     * DJL must never reach the network: natives come from the bundled jars. Call before the first
     * use of DJL; a user's explicit -Dai.djl.offline wins.
     */
    public static void configureOffline() {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
    }
}
