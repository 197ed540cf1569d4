package org.marginlab.cli;

import org.marginlab.run.RunCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code marginlab check RUN_DIR}: verifies every file of a run and says, file by file, what is intact and
 * what is damaged; exit 0 when all is intact, 1 otherwise. Changes nothing.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Verify every file of a run directory (records, checksums, row continuity, the writer's lock) and "
                + "print what is intact and what is damaged, file by file; exit 0 when intact, 1 when not. Changes nothing.")
public final class CheckCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUN_DIR", arity = "1..*", description = "run directories to check")
    java.util.List<Path> runs;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        boolean all = true;
        for (Path dir : runs) {
            RunCheck.Report r = RunCheck.of(dir);
            out.println(dir + ": " + (r.intact() ? "intact" : "damaged (" + r.damaged() + " of " + r.files().size() + " files)"));
            for (RunCheck.FileReport f : r.files()) {
                out.println(String.format(Locale.ROOT, "  %-20s %s", f.file(), f.line()));
            }
            all &= r.intact();
        }
        out.flush();
        return all ? 0 : 1;
    }
}
