package org.marginlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code marginlab figures RUN --format html} opened in a real headless Chromium: the page makes no network
 * request, shows the run's numbers exactly as its CSVs hold them, and its sphere turns under a mouse drag
 * and its timeline moves under a click, each changing what is drawn. Skipped (with the reason) only on a
 * machine without Chromium; CI installs it.
 */
class WebPageBrowserTest {

    @TempDir
    static Path tmp;
    static Path run;
    static Path page;
    static Path csv;

    @BeforeAll
    static void trainAndExport() throws IOException {
        run = tmp.resolve("tiny3d");
        // tiny: 6 steps, 5 probes a class, a snapshot every 2 steps (4 snapshots), one epoch end
        InfoCommandTest.Result r = InfoCommandTest.run("train", "--head", "arcface", "--dim", "3", "--iterations", "6",
                "--batch", "32", "--probe-per-class", "5", "--snapshot-every", "2", "--device", "cpu", "--out", run.toString());
        assertEquals(0, r.code(), r.err());
        r = InfoCommandTest.run("figures", run.toString(), "--format", "html", "--out", tmp.resolve("page").toString());
        assertEquals(0, r.code(), r.err());
        page = Path.of(r.out().strip());
        assertEquals(tmp.resolve("page").resolve("tiny3d.html"), page);
        csv = tmp.resolve("csv");
        r = InfoCommandTest.run("figures", run.toString(), "--format", "csv", "--out", csv.toString(), "--histogram-class", "all");
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void pageNeedsNothingButItself() throws IOException {
        String html = Files.readString(page);
        // nothing to fetch: no external script, style, font or image reference
        for (String ref : List.of("src=\"http", "href=\"http", "url(http", "@import", "<link ")) {
            assertTrue(!html.contains(ref), "the page refers out: " + ref);
        }
        assertTrue(html.contains("The MIT License (MIT)") && html.contains("Leon Sorokin"), "uPlot's licence is kept in the file");
        // the page is never replaced without --force, and flags for single figures are refused in one line
        InfoCommandTest.Result again = InfoCommandTest.run("figures", run.toString(), "--format", "html", "--out", page.getParent().toString());
        assertEquals(2, again.code());
        assertEquals("marginlab: " + page + " exists; add --force to replace it", again.err().strip());
        InfoCommandTest.Result only = InfoCommandTest.run("figures", run.toString(), "--format", "html", "--only", "angle-stats");
        assertEquals(2, only.code());
        assertTrue(only.err().strip().startsWith("marginlab: --format html takes no --only"), only.err());
        InfoCommandTest.Result bad = InfoCommandTest.run("figures", run.toString(), "--format", "pdf");
        assertEquals("marginlab: --format 'pdf' is not supported; use png, svg, csv or html", bad.err().strip());
    }

    @Test
    void chromiumShowsTheRunsNumbersAndTurnsAndMoves() throws Exception {
        Path binary = Chromium.find();
        assumeTrue(binary != null, "no Chromium on this machine (apt-get install -y chromium); the web page was not opened");
        Path shots = Path.of("target", "web-page-test");
        Files.createDirectories(shots);
        try (Chromium c = new Chromium(binary, tmp.resolve("profile"), 1280, 900)) {
            c.send("Network.enable");
            c.send("Page.enable");
            c.send("Runtime.enable");
            c.send("Emulation.setDeviceMetricsOverride", Chromium.params("width", 1280, "height", 900,
                    "deviceScaleFactor", 1, "mobile", false));
            String url = page.toUri().toString();
            c.send("Page.navigate", Chromium.params("url", url));
            c.eval("new Promise(r => { const f = () => document.body && document.body.dataset.ready === 'true' ? r(true)"
                    + " : setTimeout(f, 20); f(); })");
            JsonElement paint = c.eval("(performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime");
            System.out.println("web page: first contentful paint " + paint + " ms, " + Files.size(page) + " bytes");

            // no script error, and no request but the page itself
            assertEquals(List.of(), c.events("Runtime.exceptionThrown").stream().map(JsonObject::toString).toList());
            for (JsonObject req : c.events("Network.requestWillBeSent")) {
                String u = req.getAsJsonObject("request").get("url").getAsString();
                assertTrue(u.equals(url) || u.startsWith("data:"), "the page requested " + u);
            }

            // the angle statistics at the last snapshot: the probe-set and test-set rows of angle-stats.csv, digit for digit
            List<String[]> stats = rows(csv.resolve("angle-stats.csv"));
            List<List<String>> shown = table(c, "#stats-table");
            String lastIteration = stats.stream().filter(s -> s[1].equals("probe")).reduce((a, b) -> b).orElseThrow()[3];
            assertEquals(List.of(stats.get(1)[0], "probe set", "1", lastIteration), shown.get(1).subList(0, 4));
            assertEquals(probeRow(stats, lastIteration).subList(4, 7), shown.get(1).subList(4, 7));
            String[] test = stats.stream().filter(s -> s[1].equals("test")).findFirst().orElseThrow();
            assertEquals(List.of(test[4], test[5], test[6]), shown.get(2).subList(4, 7));
            // the end-of-training table is angle-stats-table.csv
            assertEquals(rows(csv.resolve("angle-stats-table.csv")).stream().map(List::of).toList(), table(c, "#stats-final"));
            // the θ_y histogram of all classes after epoch 1 is angle-histograms-all.csv
            c.eval("document.querySelector('#hists details').open = true");
            assertEquals(rows(csv.resolve("angle-histograms-all.csv")).stream().map(List::of).toList(), table(c, "#hists table.numbers"));

            // hover the front-most probe: its class, θ_y and P_y are its row of embedding-sphere.csv
            List<String[]> points = rows(csv.resolve("embedding-sphere.csv")).stream().filter(p -> p[0].equals("point")).toList();
            JsonObject at = c.eval("marginlab.pointOnPage(0, marginlab.probesFrontFirst(0)[0])")
                    .getAsJsonObject();
            c.mouse("mouseMoved", at.get("x").getAsDouble(), at.get("y").getAsDouble());
            JsonObject card = c.eval("(() => { const q = f => { const e = document.querySelector('#hover [data-field=' + f + ']');"
                    + " return e ? e.textContent : null; }; return {hidden: document.getElementById('hover').hidden, id: q('id'),"
                    + " cls: q('class'), theta: q('theta_y_rad'), p: q('p_y')}; })()").getAsJsonObject();
            assertEquals(false, card.get("hidden").getAsBoolean(), card.toString());
            String id = card.get("id").getAsString().replace("test image #", "");
            String[] row = points.stream().filter(p -> p[9].equals(id)).findFirst().orElseThrow(() -> new AssertionError("no probe " + id));
            assertEquals("class " + row[1] + " " + row[2], card.get("cls").getAsString());
            assertEquals(row[10], card.get("theta").getAsString());
            assertEquals(row[11], card.get("p").getAsString());
            assertTrue(c.eval("document.querySelector('#hover canvas') !== null").getAsBoolean(), "the probe's picture is shown");
            Files.write(shots.resolve("hover.png"), c.screenshot(0, 0, 1280, 900));
            c.mouse("mouseMoved", 5, 5);

            // drag the sphere 100 px to the right: yaw 35° − 100 × 0.4° = −5°, and the picture changes
            JsonObject box = rect(c, "canvas.embedding");
            byte[] before = c.screenshot(box.get("x").getAsDouble(), box.get("y").getAsDouble(), box.get("w").getAsDouble(), box.get("h").getAsDouble());
            Files.write(shots.resolve("sphere-before.png"), before);
            double cx = box.get("x").getAsDouble() + box.get("w").getAsDouble() / 2;
            double cy = box.get("y").getAsDouble() + box.get("h").getAsDouble() / 2;
            c.drag(cx, cy, 100, 0, 10);
            JsonObject cam = c.eval("marginlab.camera()").getAsJsonObject();
            assertEquals(-5, cam.get("yaw").getAsDouble(), 1e-9);
            assertEquals(20, cam.get("pitch").getAsDouble(), 1e-9);
            byte[] turned = c.screenshot(box.get("x").getAsDouble(), box.get("y").getAsDouble(), box.get("w").getAsDouble(), box.get("h").getAsDouble());
            Files.write(shots.resolve("sphere-turned.png"), turned);
            double changed = changedFraction(before, turned);
            assertTrue(changed > 0.01, "dragging changed only " + changed + " of the sphere's pixels");

            // click the slider's left end: the timeline goes to the first snapshot (iteration 0)
            JsonObject slider = rect(c, "#time");
            double sy = slider.get("y").getAsDouble() + slider.get("h").getAsDouble() / 2;
            c.mouse("mousePressed", slider.get("x").getAsDouble() + 1, sy);
            c.mouse("mouseReleased", slider.get("x").getAsDouble() + 1, sy);
            assertEquals("0", c.eval("document.getElementById('time').value").getAsString());
            assertEquals(0, c.eval("marginlab.iteration()").getAsInt());
            assertTrue(c.eval("document.getElementById('time-label').textContent").getAsString().startsWith("iteration 0 "));
            List<List<String>> early = table(c, "#stats-table");
            assertEquals(probeRow(stats, "0").subList(4, 7), early.get(1).subList(4, 7));
            byte[] rewound = c.screenshot(box.get("x").getAsDouble(), box.get("y").getAsDouble(), box.get("w").getAsDouble(), box.get("h").getAsDouble());
            Files.write(shots.resolve("sphere-iteration-0.png"), rewound);
            changed = changedFraction(turned, rewound);
            assertTrue(changed > 0.005, "moving the timeline changed only " + changed + " of the sphere's pixels");

            // Play runs the timeline from there to the last snapshot, then stops
            JsonObject play = rect(c, "#play");
            c.mouse("mousePressed", play.get("x").getAsDouble() + 5, play.get("y").getAsDouble() + 5);
            c.mouse("mouseReleased", play.get("x").getAsDouble() + 5, play.get("y").getAsDouble() + 5);
            c.eval("new Promise(r => { const f = () => marginlab.iteration() === " + lastIteration
                    + " && document.getElementById('play').textContent.includes('Play') ? r(true) : setTimeout(f, 20); f(); })");
            assertEquals(String.valueOf(Integer.parseInt(c.eval("document.getElementById('time').max").getAsString())),
                    c.eval("document.getElementById('time').value").getAsString());

            // still nothing fetched after all that
            for (JsonObject req : c.events("Network.requestWillBeSent")) {
                String u = req.getAsJsonObject("request").get("url").getAsString();
                assertTrue(u.equals(url) || u.startsWith("data:"), "the page requested " + u);
            }
            assertEquals(List.of(), c.events("Runtime.exceptionThrown").stream().map(JsonObject::toString).toList());
        }
    }

    private static List<String> probeRow(List<String[]> stats, String iteration) {
        return List.of(stats.stream().filter(s -> s[1].equals("probe") && s[3].equals(iteration)).findFirst()
                .orElseThrow(() -> new AssertionError("no probe row at " + iteration)));
    }

    /** Every row of a page table as its cells' text, header first. */
    private static List<List<String>> table(Chromium c, String selector) {
        JsonArray rows = c.eval("[...document.querySelector('" + selector + "').rows].map(r => [...r.cells].map(x => x.textContent))")
                .getAsJsonArray();
        List<List<String>> out = new ArrayList<>();
        for (JsonElement r : rows) {
            List<String> cells = new ArrayList<>();
            r.getAsJsonArray().forEach(x -> cells.add(x.getAsString()));
            out.add(cells);
        }
        return out;
    }

    private static JsonObject rect(Chromium c, String selector) {
        JsonElement e = c.eval("(() => { const r = document.querySelector('" + selector + "').getBoundingClientRect();"
                + " return {x: r.left, y: r.top, w: r.width, h: r.height}; })()");
        assertNotNull(e, selector);
        return e.getAsJsonObject();
    }

    /** A CSV file written by FigureExporter (no quoted cells in these), one array per line, header first. */
    private static List<String[]> rows(Path file) throws IOException {
        return Files.readAllLines(file).stream().map(l -> l.split(",", -1)).toList();
    }

    /** The fraction of pixels that differ between two PNGs of the same size. */
    private static double changedFraction(byte[] a, byte[] b) throws IOException {
        BufferedImage x = ImageIO.read(new ByteArrayInputStream(a));
        BufferedImage y = ImageIO.read(new ByteArrayInputStream(b));
        assertEquals(x.getWidth(), y.getWidth());
        assertEquals(x.getHeight(), y.getHeight());
        long diff = 0;
        for (int j = 0; j < x.getHeight(); j++) {
            for (int i = 0; i < x.getWidth(); i++) {
                if (x.getRGB(i, j) != y.getRGB(i, j)) {
                    diff++;
                }
            }
        }
        return diff / (double) (x.getWidth() * x.getHeight());
    }
}
