package org.marginlab.cli;

import java.io.PrintWriter;
import org.marginlab.AppInfo;
import org.marginlab.UserException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: with no command it opens the workbench window; otherwise it runs a headless command. */
@Command(name = "marginlab",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Train small CNNs on Fashion-MNIST into 2-D/3-D embeddings under margin-based softmax losses, and plot them.",
        subcommands = {InfoCommand.class, LossCommand.class, TheoryCommand.class, FiguresCommand.class, TrainCommand.class,
                BenchCommand.class, ReproduceCommand.class, ScreenshotCommand.class, UiBenchCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

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
            line.getErr().println("marginlab: " + t.getMessage());
            return 2;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        if (!WindowSupport.displayAvailable()) {
            System.err.println("marginlab: no display to open the window on; run a headless command instead: "
                    + "marginlab info | train | figures | theory | loss | reproduce | bench | screenshot (see marginlab --help)");
            System.exit(3);
        }
        WindowSupport.openWindow();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {AppInfo.NAME + " " + AppInfo.version(),
                    "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
