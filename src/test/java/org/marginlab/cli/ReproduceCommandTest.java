package org.marginlab.cli;

import static org.marginlab.cli.CliRun.run;

import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReproduceCommandTest {


    @Test
    void unknownPresetAndMisplacedSeedsAreOneLineErrors() {
        String[] r = run("reproduce", "table9", "--quick");
        assertEquals("2", r[0]);
        assertEquals("marginlab: PRESET 'table9' is unknown; use one of angles, error-vs-epochs, table5, figure6, sphere, open-set\n",
                r[2].replace("\r\n", "\n"));
        r = run("reproduce", "sphere", "--seeds", "3");
        assertEquals("2", r[0]);
        assertEquals("marginlab: --seeds applies to angles and table5 only; drop it for sphere\n", r[2].replace("\r\n", "\n"));
        r = run("reproduce", "angles", "--seeds", "0");
        assertEquals("2", r[0]);
        assertEquals("marginlab: --seeds must be an integer in [1, 20] (got 0)\n", r[2].replace("\r\n", "\n"));
    }

    @Test
    void helpListsThePresets() {
        String[] r = run("reproduce", "--help");
        assertEquals("0", r[0]);
        assertTrue(r[1].replaceAll("\\s+", " ").contains("one of angles, error-vs-epochs, table5, figure6, sphere, open-set")
                && r[1].contains("--quick")
                && r[1].contains("--seeds"), r[1]);
    }
}
