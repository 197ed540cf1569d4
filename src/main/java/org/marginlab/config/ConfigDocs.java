package org.marginlab.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

import org.marginlab.AtomicFiles;
import org.marginlab.loss.HeadKind;
import org.marginlab.loss.HeadParam;
import org.marginlab.loss.HeadParams;

/**
 * The settings table of docs/training.md, generated from the {@link ConfigField} catalogue between two
 * marker lines. {@code ConfigDocsTest} fails when the committed table is stale; regenerate with
 * {@code java -cp target/classes org.marginlab.config.ConfigDocs docs/training.md docs/heads.md} after
 * {@code mvn compile}; the same run regenerates the heads table of docs/heads.md from the registry.
 */
public final class ConfigDocs {

    static final String BEGIN = "<!-- settings table: generated from ConfigField by ConfigDocs; do not edit -->";
    static final String END = "<!-- end of settings table -->";

    private ConfigDocs() {
    }

    /** The markdown table, one row per field. */
    public static String table() {
        StringBuilder sb = new StringBuilder();
        sb.append("| config.json key | `train` flag | window label | heads | allowed | default | unit | what it does |\n");
        sb.append("|---|---|---|---|---|---|---|---|\n");
        for (ConfigField f : ConfigField.values()) {
            Set<HeadKind> heads = f.heads();
            String who = heads.size() == HeadKind.values().length ? "all"
                    : heads.stream().map(HeadKind::id).collect(Collectors.joining(", "));
            boolean record = f.kind() == ConfigField.Kind.RECORD;
            String window = record ? "— (written by the run)" : f.section() == ConfigField.Section.NONE ? "— (flag or file only)" : f.label();
            String def = f.kind() == ConfigField.Kind.PATH ? "Fashion-MNIST" : record ? "—" : f.defaultText();
            sb.append("| `").append(f.key()).append("` | ").append(record ? "—" : "`" + f.flag() + "`").append(" | ").append(window)
                    .append(" | ").append(who).append(" | ").append(cell(f.allowedText())).append(" | ")
                    .append(cell(def)).append(" | ").append(f.unit()).append(" | ").append(cell(f.help())).append(" |\n");
        }
        return sb.toString();
    }

    static final String HEADS_BEGIN = "<!-- heads table: generated from the HeadKind registry by ConfigDocs; do not edit -->";
    static final String HEADS_END = "<!-- end of heads table -->";

    /** The heads table of docs/heads.md: one row per registered head, from its class. */
    public static String headsTable() {
        StringBuilder sb = new StringBuilder();
        sb.append("| id | head | target logit | parameters: range (default) | what it does |\n");
        sb.append("|---|---|---|---|---|\n");
        for (HeadKind h : HeadKind.values()) {
            HeadParams d = h.type().defaults();
            String params = h.type().params().stream().map(q -> "`" + q.name() + "` " + switch (q.kind()) {
                case NUMBER -> q.schedule() == HeadParam.Schedule.ADAPTIVE ? "set by the head"
                        : q.range().interval() + " (" + org.marginlab.Range.plain(d.value(q.name())) + ")"
                        + (q.unit().isEmpty() ? "" : " " + q.unit());
                case FLAG -> "flag (" + h.type().flagOn(d, q.name()) + ")";
                case TEXT -> "text (`" + h.type().text(d, q.name()) + "`)";
            }).collect(Collectors.joining("; "));
            sb.append("| `").append(h.id()).append("` | ").append(h.displayName()).append(" | ")
                    .append(cell(h.type().formula())).append(" | ").append(params.isEmpty() ? "—" : cell(params))
                    .append(" | ").append(cell(h.type().summary())).append(" |\n");
        }
        return sb.toString();
    }

    /** The document with the text between the markers replaced by the current table. */
    static String withTable(String doc) {
        return between(doc, BEGIN, END, table());
    }

    /** docs/heads.md with its heads table regenerated. */
    static String withHeadsTable(String doc) {
        return between(doc, HEADS_BEGIN, HEADS_END, headsTable());
    }

    private static String between(String doc, String begin, String end, String table) {
        int b = doc.indexOf(begin);
        int e = doc.indexOf(end);
        if (b < 0 || e < b) {
            throw new IllegalArgumentException("no table markers (" + begin + " … " + end + ")");
        }
        return doc.substring(0, b + begin.length()) + "\n" + table + doc.substring(e);
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("<", "&lt;");
    }

    /** Rewrites the table in the given markdown file (docs/training.md). */
    public static void main(String[] args) throws IOException {
        Path doc = Path.of(args.length > 0 ? args[0] : "docs/training.md");
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        AtomicFiles.write(doc, withTable(text).getBytes(StandardCharsets.UTF_8));
        Path heads = Path.of(args.length > 1 ? args[1] : "docs/heads.md");
        AtomicFiles.write(heads, withHeadsTable(Files.readString(heads, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8));
    }
}
