package org.marginlab.cli;

import org.marginlab.UserException;

/** Decides whether the window can open here, and opens it. */
final class WindowSupport {
    private WindowSupport() {
    }

    /** True when JavaFX has somewhere to draw: an X11/Wayland display or the Headless glass platform. */
    static boolean displayAvailable() {
        if ("Headless".equalsIgnoreCase(System.getProperty("glass.platform"))) {
            return true;
        }
        return notBlank(System.getenv("DISPLAY")) || notBlank(System.getenv("WAYLAND_DISPLAY"));
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    static void openWindow() {
        throw new UserException("this build has no workbench window yet; use the headless commands (marginlab --help)");
    }
}
