package org.marginlab.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

import org.marginlab.AtomicFiles;
import org.marginlab.loss.HeadKind;

/**
 * The settings table of docs/training.md, generated from the {@link ConfigField} catalogue between two
 * marker lines. {@code ConfigDocsTest} fails when the committed table is stale; regenerate with
 * {@code java -cp target/classes org.marginlab.config.ConfigDocs docs/training.md} after {@code mvn compile}.
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

    /** The document with the text between the markers replaced by the current table. */
    static String withTable(String doc) {
        int b = doc.indexOf(BEGIN);
        int e = doc.indexOf(END);
        if (b < 0 || e < b) {
            throw new IllegalArgumentException("no settings table markers (" + BEGIN + " … " + END + ")");
        }
        return doc.substring(0, b + BEGIN.length()) + "\n" + table() + doc.substring(e);
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("<", "&lt;");
    }

    /** Rewrites the table in the given markdown file (docs/training.md). */
    public static void main(String[] args) throws IOException {
        Path doc = Path.of(args.length > 0 ? args[0] : "docs/training.md");
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        AtomicFiles.write(doc, withTable(text).getBytes(StandardCharsets.UTF_8));
    }
}
