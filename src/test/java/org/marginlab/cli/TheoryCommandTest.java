package org.marginlab.cli;

import static org.marginlab.cli.CliRun.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TheoryCommandTest {

    @TempDir
    Path dir;

    @Test
    void helpListsEveryHeadFromTheRegistry() {
        String[] r = run("theory", "--help");
        assertEquals("0", r[0]);
        String help = r[1].replaceAll("\\s+", " ");
        for (org.marginlab.loss.HeadKind h : org.marginlab.loss.HeadKind.values()) {
            assertTrue(help.contains(" " + h.id() + ",") || help.contains(" " + h.id() + " ("), h.id() + " in " + help);
        }
    }

    @Test
    void writesTheAnalyticFiguresForTheGivenHead() throws Exception {
        String[] r = run("theory", "--out", dir.toString(), "--head", "cosface", "--s", "30", "--m", "0.35",
                "--format", "csv");
        assertEquals("0", r[0], r[2]);
        for (String id : List.of("dz-dtheta", "psi-curves", "p-target", "s-tradeoff", "decision-boundary")) {
            assertTrue(Files.isRegularFile(dir.resolve(id + ".csv")), id);
        }
        List<String> dz = Files.readAllLines(dir.resolve("dz-dtheta.csv"));
        assertTrue(dz.get(0).contains("AM-Softmax / CosFace m=0.35"), dz.get(0));
        // the s trade-off is the selected head's: CosFace's s = 30 is on its axis, and its P(y) carries the margin
        List<String> st = Files.readAllLines(dir.resolve("s-tradeoff.csv"));
        assertTrue(Double.parseDouble(st.get(st.size() - 1).split(",")[0]) >= 30);
        String[] row = st.get(130).split(",");
        double s = Double.parseDouble(row[0]);
        assertTrue(s > 5, row[0]);
        // drawn at θ_y = π/4, where CosFace's pull is not 0 at every s as it is at θ_y = 0
        assertEquals(1 / (1 + 9 * Math.exp(-s * (Math.cos(Math.PI / 4) - 0.35))), Double.parseDouble(row[1]), 1e-12);
        Path arc = dir.resolve("arc");
        assertEquals("0", run("theory", "--out", arc.toString(), "--format", "csv")[0]);
        assertTrue(!Files.readAllLines(arc.resolve("s-tradeoff.csv")).equals(st), "the default head draws another trade-off");
    }

    @Test
    void pngAtScaleOneAndBadInputIsOneLine() {
        String[] ok = run("theory", "--out", dir.toString(), "--scale", "1");
        assertEquals("0", ok[0], ok[2]);
        assertTrue(Files.isRegularFile(dir.resolve("psi-curves.png")));
        String[] bad = run("theory", "--out", dir.toString(), "--head", "nope");
        assertEquals("2", bad[0]);
        assertTrue(bad[2].startsWith("marginlab: --head: unknown head 'nope'"), bad[2]);
        assertEquals(1, bad[2].strip().lines().count());
        String[] badM = run("theory", "--out", dir.toString(), "--head", "sphereface", "--m", "1.5");
        assertEquals("2", badM[0]);
        assertTrue(badM[2].contains("whole number"), badM[2]);
    }
}
