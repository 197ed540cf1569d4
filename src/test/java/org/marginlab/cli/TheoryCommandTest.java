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
        // the catalogue's range and wording, as train refuses it
        assertTrue(badM[2].contains("--m must be an integer in [1, 8] for sphereface (got 1.5)"), badM[2]);
        String[] arcM = run("theory", "--out", dir.toString(), "--head", "arcface", "--m", "5");
        assertEquals("2", arcM[0]);
        assertTrue(arcM[2].contains("--m must be a number in [0, π) for arcface (got 5)"), arcM[2]);
        assertEquals(1, arcM[2].strip().lines().count());
        String[] badPsi = run("theory", "--out", dir.toString(), "--head", "custom", "--psi", "log(theta)");
        assertEquals("2", badPsi[0]);
        assertTrue(badPsi[2].contains("--psi ψ = log(theta) is infinite at θ = 0 rad"), badPsi[2]);
        assertEquals(1, badPsi[2].strip().lines().count());
    }

    @Test
    void customPsiIsDrawnAsTyped(@TempDir Path dir) throws Exception {
        String[] r = run("theory", "--out", dir.toString(), "--head", "custom", "--psi", "cos(theta) - m", "--m", "0.35",
                "--format", "csv");
        assertEquals("0", r[0], r[2]);
        List<String> lines = Files.readAllLines(dir.resolve("psi-curves.csv"));
        String[] header = lines.get(0).split(",");
        int col = java.util.Arrays.asList(header).indexOf("selected: ψ = cos(theta) - m m=0.35");
        // cos θ − 0.35 is AM-Softmax's own curve, already drawn: no second series
        assertEquals(-1, col, lines.get(0));
        String[] r2 = run("theory", "--out", dir.resolve("b").toString(), "--head", "custom", "--psi",
                "cos(theta)^2 - m", "--m", "0.5", "--format", "csv");
        assertEquals("0", r2[0], r2[2]);
        List<String> l2 = Files.readAllLines(dir.resolve("b").resolve("psi-curves.csv"));
        int c2 = java.util.Arrays.asList(l2.get(0).split(",")).indexOf("selected: ψ = cos(theta)^2 - m m=0.5");
        assertTrue(c2 > 0, l2.get(0));
        // row θ = 60°: cos²60° − 0.5 = −0.25
        String row = l2.stream().filter(x -> x.startsWith("60,") || x.startsWith("60.0,")).findFirst().orElseThrow();
        assertEquals(-0.25, Double.parseDouble(row.split(",")[c2]), 1e-12);
    }
}
