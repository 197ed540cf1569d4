package org.marginlab.cli;

import static org.marginlab.cli.CliRun.run;

import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReproduceCommandTest {


    @Test
    void aShardNamesTheReportCommandWithItsPresetFormSeedsAndData() {
        assertEquals("marginlab reproduce table6 --quick --seeds 2 --data /d --out /o --report-only",
                ReproduceCommand.reportCommand(java.util.List.of("reproduce", "table6", "--quick", "--shard=2/3", "--seeds", "2", "--threads", "1",
                        "--data", "/d", "--out", "x"), java.nio.file.Path.of("/o")));
        assertEquals("marginlab reproduce figure6 --out runs/f --report-only",
                ReproduceCommand.reportCommand(java.util.List.of("reproduce", "figure6", "--threads=2", "--shard", "1/2"), java.nio.file.Path.of("runs/f")));
    }

    @Test
    void unknownPresetAndMisplacedSeedsAreOneLineErrors() {
        String[] r = run("reproduce", "table9", "--quick");
        assertEquals("2", r[0]);
        assertEquals("marginlab: PRESET 'table9' is unknown; use one of angles, error-vs-epochs, table5, figure6, sphere, open-set, table2, table3, table6, table7, figure8\n",
                r[2].replace("\r\n", "\n"));
        r = run("reproduce", "sphere", "--seeds", "3");
        assertEquals("2", r[0]);
        assertEquals("marginlab: --seeds applies to angles, table5, table6 and table7 only; drop it for sphere\n", r[2].replace("\r\n", "\n"));
        r = run("reproduce", "angles", "--seeds", "0");
        assertEquals("2", r[0]);
        assertEquals("marginlab: --seeds must be an integer in [1, 20] (got 0)\n", r[2].replace("\r\n", "\n"));
    }

    @Test
    void helpListsThePresets() {
        String[] r = run("reproduce", "--help");
        assertEquals("0", r[0]);
        assertTrue(r[1].replaceAll("\\s+", " ").contains("one of angles, error-vs-epochs, table5, figure6, sphere, open-set, table2, table3, table6, table7, figure8")
                && r[1].contains("--quick")
                && r[1].contains("--seeds"), r[1]);
    }

    @Test
    void planIsJsonAndShardAndReportOnlyMistakesAreOneLine(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        String[] r = run("reproduce", "figure6", "--quick", "--out", dir.toString(), "--plan");
        assertEquals("0", r[0], r[2]);
        com.google.gson.JsonObject plan = com.google.gson.JsonParser.parseString(r[1]).getAsJsonObject();
        assertEquals("figure6", plan.get("preset").getAsString());
        assertEquals(8, plan.getAsJsonArray("runs").size());
        com.google.gson.JsonObject sphere = plan.getAsJsonArray("runs").get(6).getAsJsonObject();
        assertEquals(dir.resolve("runs").resolve("sphereface").toString(), sphere.get("dir").getAsString());
        // 240 iterations: λ reaches 5 over the first 80, as the warm-ups
        assertEquals(80, sphere.getAsJsonObject("config").get("lambda_anneal").getAsInt());
        assertEquals(240, sphere.getAsJsonObject("config").get("iterations").getAsInt());

        r = run("reproduce", "figure6", "--quick", "--out", dir.toString(), "--shard", "3/2");
        assertEquals("2", r[0]);
        assertEquals("marginlab: --shard must be i/n with 1 ≤ i ≤ n (got 3/2)\n", r[2].replace("\r\n", "\n"));
        r = run("reproduce", "figure6", "--quick", "--out", dir.toString(), "--shard", "1/2", "--report-only");
        assertEquals("2", r[0]);
        assertTrue(r[2].startsWith("marginlab: --report-only writes the report from every shard's runs; drop --shard"), r[2]);
        r = run("reproduce", "figure6", "--quick", "--out", dir.toString(), "--report-only");
        assertEquals("2", r[0]);
        assertEquals("marginlab: " + dir + " holds none of figure6's 8 runs finished; train them first (without --report-only, "
                + "or with --shard i/n)\n", r[2].replace("\r\n", "\n"));
    }
}
