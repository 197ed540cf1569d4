package org.marginlab.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class ConfigDocsTest {

    @Test
    void committedSettingsTableIsTheGeneratedOne() throws Exception {
        String doc = Files.readString(Path.of("docs/training.md"), StandardCharsets.UTF_8);
        assertEquals(ConfigDocs.withTable(doc), doc, "docs/training.md's settings table is stale; regenerate it with "
                + "java -cp target/classes org.marginlab.config.ConfigDocs docs/training.md");
    }

    @Test
    void committedHeadsTableIsTheGeneratedOne() throws Exception {
        String doc = Files.readString(Path.of("docs/heads.md"), StandardCharsets.UTF_8);
        assertEquals(ConfigDocs.withHeadsTable(doc), doc, "docs/heads.md's heads table is stale; regenerate it with "
                + "java -cp target/classes org.marginlab.config.ConfigDocs docs/training.md docs/heads.md");
        assertEquals(2 + org.marginlab.loss.HeadKind.values().length, ConfigDocs.headsTable().split("\n").length);
    }

    @Test
    void tableHasOneRowPerFieldWithItsRange() {
        String[] rows = ConfigDocs.table().split("\n");
        assertEquals(2 + ConfigField.values().length, rows.length);
        assertTrue(rows[2].startsWith("| `data` | `--data` | Data set folder |"), rows[2]);
        String arc = java.util.Arrays.stream(rows).filter(r -> r.startsWith("| `m` |")).findFirst().orElseThrow();
        assertTrue(arc.contains("a number in [0, π) (arcface, subcenter-arcface)"), arc);
    }
}
