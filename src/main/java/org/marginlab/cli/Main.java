package org.marginlab.cli;

import org.marginlab.UserException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code marginlab} command line: one subcommand class per job. */
@Command(name = "marginlab", mixinStandardHelpOptions = true,
        description = "A workbench for seeing how margin-based softmax losses shape an embedding.",
        subcommands = {LossCommand.class})
public final class Main implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose a command, e.g. marginlab loss --help");
    }

    /** The configured command line; a {@link UserException} prints its one line and exits 2. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof UserException) {
                cmd.getErr().println(ex.getMessage());
                cmd.getErr().flush();
                return 2;
            }
            throw ex;
        });
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
