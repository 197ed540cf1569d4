package org.marginlab.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Picocli parse errors: one line naming the flag or word and the fix, exit code 2, no usage dump. */
class MainTest {

    @Test
    void parseErrorsAreOneLineNamingTheFlagAndTheHelpCommand() {
        String[][] cases = {
                {"train --dim two", "marginlab: --dim needs a whole number (got 'two'); see `marginlab train --help`"},
                {"train --lr fast", "marginlab: --lr needs a number (got 'fast'); see `marginlab train --help`"},
                {"train --bogus", "marginlab: unknown option --bogus; see `marginlab train --help`"},
                {"train --dimm 3", "marginlab: unknown option --dimm; did you mean --dim? see `marginlab train --help`"},
                {"train --dim", "marginlab: --dim needs a value <dim>; see `marginlab train --help`"},
                {"screenshot", "marginlab: give --out FILE; see `marginlab screenshot --help`"},
                {"figures", "marginlab: give RUN_DIR; see `marginlab figures --help`"},
                {"info x", "marginlab: unexpected argument 'x'; see `marginlab info --help`"},
                {"trian", "marginlab: unknown command 'trian'; did you mean train? use one of info, loss, theory, figures, "
                        + "train, evaluate, check, bench, reproduce, screenshot, ui-bench, help; see `marginlab --help`"},
        };
        for (String[] c : cases) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Main.run(c[0].split(" "), new PrintWriter(out, true), new PrintWriter(err, true));
            assertEquals(2, code, c[0]);
            assertEquals(c[1] + System.lineSeparator(), err.toString(), c[0]);
            assertEquals("", out.toString(), c[0]);
        }
    }
}
