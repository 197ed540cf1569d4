package org.marginlab.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.marginlab.UserException;
import org.marginlab.figures.FigureSet;
import org.marginlab.figures.export.ExportFormat;
import org.marginlab.train.RunReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code marginlab figures RUN_DIR}: every figure a run has data for, as PNG, SVG or CSV. */
@Command(name = "figures", mixinStandardHelpOptions = true,
        description = "Render every figure a run directory has data for (embedding, angle histograms and statistics, "
                + "gradient check, similarity and confusion matrices, training curves).")
final class FiguresCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A run directory written by train, the window or reproduce.")
    Path runDir;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: RUN_DIR/figures).")
    Path out;

    @Option(names = "--format", paramLabel = "FMT", defaultValue = "png", description = "png, svg or csv (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--scale", paramLabel = "N", defaultValue = "2", description = "PNG scale 1, 2 or 3 (default: ${DEFAULT-VALUE}).")
    int scale;

    @Option(names = "--only", paramLabel = "NAME", split = ",", arity = "1..*",
            description = "Only these figures (ids as in the file names, e.g. embedding-sphere,angle-stats).")
    List<String> only;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (scale < 1 || scale > 3) {
            throw new UserException("--scale " + scale + " must be 1, 2 or 3");
        }
        ExportFormat fmt = ExportFormat.parse(format);
        RunReader.Run run = RunReader.read(runDir);
        if (run.iterations().isEmpty() && run.epochs().isEmpty()) {
            throw new UserException(runDir + ": the run has no snapshots yet; train it longer (see --snapshot-every)");
        }
        Path dir = out != null ? out : runDir.resolve("figures");
        long t0 = System.nanoTime();
        List<Path> written = FigureSet.forRun(run.iterations(), run.epochs(), run.config()).only(only).exportAll(dir, fmt, scale);
        double seconds = (System.nanoTime() - t0) / 1e9;
        for (Path w : written) {
            spec.commandLine().getOut().println(w);
        }
        spec.commandLine().getErr().printf("%d figures in %.2f s%n", written.size(), seconds);
        return 0;
    }
}
