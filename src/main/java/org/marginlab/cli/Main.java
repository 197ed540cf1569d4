package org.marginlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.Arrays;
import java.util.List;
import org.marginlab.AppInfo;
import org.marginlab.UserException;
import org.marginlab.config.ConfigException;
import org.marginlab.config.DemoPreset;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Entry point: with no command it opens the workbench window; otherwise it runs a headless command. */
@Command(name = "marginlab",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Train small CNNs on Fashion-MNIST into 2-D/3-D embeddings under margin-based softmax losses, and plot them.",
        subcommands = {InfoCommand.class, LossCommand.class, TheoryCommand.class, FiguresCommand.class, TrainCommand.class, EvaluateCommand.class,
                CheckCommand.class,
                BenchCommand.class, ReproduceCommand.class, ScreenshotCommand.class, UiBenchCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI and returns its exit code; tests call this with their own writers. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        AppInfo.configureRuntime();
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        // A user-fixable problem prints its one line; anything else keeps its stack trace for bug reports.
        cli.setExecutionExceptionHandler((ex, line, parsed) -> {
            Throwable t = ex;
            while (t != null && !(t instanceof UserException)) {
                t = t.getCause();
            }
            if (t == null) {
                throw ex;
            }
            String message = t instanceof ConfigException ce ? ce.withFlag() : t.getMessage() + flagOf(((UserException) t).field());
            line.getErr().println("marginlab: " + message);
            return 2;
        });
        cli.setParameterExceptionHandler((ex, arguments) -> {
            ex.getCommandLine().getErr().println("marginlab: " + parseError(ex, arguments));
            return 2;
        });
        return cli.execute(args);
    }

    /** The flag that sets the folder an engine message is about, which the engine names in the window's words. */
    static String flagOf(UserException.Field field) {
        if (field == null) {
            return "";
        }
        return switch (field) {
            case DATASET_FOLDER -> " (--data)";
            case RUN_FOLDER, OUTPUT_FOLDER -> " (--out)";
        };
    }

    /** A picocli parse error as one line naming the flag or word and the fix, instead of picocli's usage dump. */
    static String parseError(CommandLine.ParameterException ex, String[] args) {
        CommandLine.Model.CommandSpec spec = ex.getCommandLine().getCommandSpec();
        String help = "see `" + spec.qualifiedName() + " --help`";
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String word = u.getUnmatched().getFirst();
            List<String> suggestions = u.getSuggestions();
            String hint = suggestions.isEmpty() ? "" : "did you mean " + String.join(" or ", suggestions) + "? ";
            if (word.startsWith("-")) {
                return "unknown option " + word + "; " + hint + help;
            }
            if (spec.parent() == null && !spec.subcommands().isEmpty()) {
                return "unknown command '" + word + "'; " + hint + "use one of "
                        + String.join(", ", spec.subcommands().keySet()) + "; " + help;
            }
            return "unexpected argument '" + word + "'; " + hint + help;
        }
        if (ex instanceof CommandLine.MissingParameterException m && !m.getMissing().isEmpty()) {
            List<CommandLine.Model.ArgSpec> missing = m.getMissing();
            // Picocli raises the same exception for a flag given without its value and for a required one left out.
            if (missing.getFirst() instanceof CommandLine.Model.OptionSpec option
                    && Arrays.stream(option.names()).anyMatch(Arrays.asList(args)::contains)) {
                return option.longestName() + " needs a value " + option.paramLabel() + "; " + help;
            }
            return "give " + String.join(" and ", missing.stream().map(a -> a instanceof CommandLine.Model.OptionSpec o
                    ? o.longestName() + " " + o.paramLabel() : a.paramLabel()).toList()) + "; " + help;
        }
        if (ex.getArgSpec() instanceof CommandLine.Model.OptionSpec option && ex.getValue() != null) {
            return option.longestName() + " " + expected(option.type()) + " (got '" + ex.getValue() + "'); " + help;
        }
        return ex.getMessage().strip().replace('\n', ' ') + "; " + help;
    }

    private static String expected(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "needs a whole number";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "needs a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "needs true or false";
        }
        return "cannot take this value";
    }

    @Spec
    CommandSpec spec;
    @picocli.CommandLine.Mixin
    ThreadsOption threads;

    @Override
    public Integer call() throws Exception {
        if (!WindowSupport.displayAvailable()) {
            threads.applyOrFitLoad(spec.commandLine().getErr());
            HeadlessDemo.run(DemoPreset.DEFAULT, 0, Path.of("runs"), spec.commandLine().getOut(),
                    spec.commandLine().getErr());
            return 0;
        }
        threads.apply();
        WindowSupport.openWindow();
        return 0;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {AppInfo.NAME + " " + AppInfo.version(),
                    "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
