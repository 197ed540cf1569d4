package org.marginlab.figures.web;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.DoubleConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.marginlab.AppInfo;
import org.marginlab.AtomicFiles;
import org.marginlab.UserException;
import org.marginlab.data.FashionMnist;
import org.marginlab.data.Split;
import org.marginlab.figures.RunData;

/**
 * One run, or several side by side, as a single self-contained HTML file: the page's script and style,
 * uPlot (its licence kept), the probes' pictures and the run's figure CSVs ({@link WebPageData}) are all
 * inline, so it opens from {@code file://} with no network and needs nothing installed.
 */
public final class WebPage {

    /** The file name a page is saved under when the caller names only a folder. */
    public static final String FILE_NAME = "marginlab.html";
    /** Where Maven puts the uPlot WebJar's version (the pom is the one place it is pinned). */
    private static final String UPLOT_POM = "/META-INF/maven/org.webjars.npm/uplot/pom.properties";

    /** What was written: the file, its size and the notices the page shows (thinning, missing pictures). */
    public record Written(Path file, long bytes, List<String> notices) {
    }

    private WebPage() {
    }

    /**
     * Writes the page of {@code runs} (labelled apart as the overlay figures label them), each with its run
     * directory's name, to {@code file}; the probes' pictures come from the Fashion-MNIST test set found
     * from the first run's data folder, and are left out with a notice when there is none.
     * {@code progress} hears the fraction done, 0 to 1, from the calling thread.
     */
    public static Written write(Path file, List<RunData> runs, List<String> names, DoubleConsumer progress) {
        Page page = render(runs, names, testSet(runs), progress);
        byte[] bytes = page.html().getBytes(StandardCharsets.UTF_8);
        try {
            if (file.toAbsolutePath().getParent() != null) {
                java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
            }
            AtomicFiles.write(file, bytes);
        } catch (IOException e) {
            throw new UserException(file + ": cannot write the web page (" + e.getMessage() + "); choose another folder with --out");
        }
        return new Written(file, bytes.length, page.notices());
    }

    /** A page's HTML and the notices it shows. */
    record Page(String html, List<String> notices) {
    }

    static Page render(List<RunData> runs, List<String> names, Split test, DoubleConsumer progress) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no run");
        }
        WebPageData data = new WebPageData();
        JsonObject json = data.build(runs, names, test, progress);
        String uplot = uplotVersion();
        json.addProperty("generator", AppInfo.NAME + " " + AppInfo.version());
        json.addProperty("generated", "exported " + ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z")));
        json.addProperty("uplotVersion", uplot);
        String uplotDir = "/META-INF/resources/webjars/uplot/" + uplot + "/";
        String title = runs.size() == 1 ? "MarginLab: " + runs.getFirst().label()
                : "MarginLab: " + String.join(" vs ", runs.stream().map(RunData::label).toList());
        // Gson escapes <, > and & (its HTML-safe default), so no "</script>" can end the data block early
        Map<String, String> parts = Map.of(
                "title", escape(title),
                "generator", escape(AppInfo.NAME + " " + AppInfo.version()),
                "uplotVersion", uplot,
                "uplotLicence", resource(uplotDir + "LICENSE").replace("*/", "* /"),
                "uplotCss", resource(uplotDir + "dist/uPlot.min.css"),
                "uplotJs", resource(uplotDir + "dist/uPlot.iife.min.js"),
                "pageCss", resource("page.css"),
                "pageJs", resource("page.js"),
                "data", new GsonBuilder().disableHtmlEscaping().create().toJson(json).replace("<", "\\u003c"));
        // one pass over the template only: a "${" inside an inlined script is left as it is
        Matcher m = Pattern.compile("\\$\\{(\\w+)}").matcher(resource("page.html"));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = parts.get(m.group(1));
            if (v == null) {
                throw new IllegalStateException("page.html: no part named " + m.group(1));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        return new Page(out.toString(), data.notices());
    }

    /** The Fashion-MNIST test split for the probes' pictures: the first run's data folder, else the usual places; null if none. */
    static Split testSet(List<RunData> runs) {
        String dir = runs.getFirst().config() == null ? null : runs.getFirst().config().dataDir();
        try {
            return FashionMnist.loadTest(dir == null || dir.isBlank() ? null : Path.of(dir));
        } catch (UserException | UncheckedIOException e) {
            return null;
        }
    }

    static String uplotVersion() {
        try (InputStream in = WebPage.class.getResourceAsStream(UPLOT_POM)) {
            if (in == null) {
                throw new IllegalStateException("uPlot WebJar not on the class path (" + UPLOT_POM + ")");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = WebPage.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
