package org.marginlab.cli;

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
        org.marginlab.ui.WorkbenchApp.launch();
    }
}
