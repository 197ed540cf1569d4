package org.marginlab.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens an exported web page in headless Chromium five times, each in a fresh browser, and prints its first
 * contentful paint and when its script had drawn everything (printed, never asserted):
 * {@code WebPageTiming PAGE.html}.
 */
public final class WebPageTiming {
    public static void main(String[] args) throws Exception {
        Path page = Path.of(args[0]).toAbsolutePath();
        Path binary = Chromium.find();
        for (int i = 0; i < 5; i++) {
            Path profile = Files.createTempDirectory("web-timing");
            try (Chromium c = new Chromium(binary, profile, 1280, 900)) {
                c.send("Page.enable");
                c.send("Page.navigate", Chromium.params("url", page.toUri().toString()));
                c.eval("new Promise(r => { const f = () => document.body && document.body.dataset.ready === 'true' ? r(true)"
                        + " : setTimeout(f, 10); f(); })");
                System.out.printf("%s: %d bytes, first contentful paint %s ms, everything drawn %s ms%n", page.getFileName(),
                        Files.size(page), c.eval("Math.round(performance.getEntriesByName('first-contentful-paint')[0].startTime)"),
                        c.eval("Math.round(performance.now())"));
            }
        }
    }
}
