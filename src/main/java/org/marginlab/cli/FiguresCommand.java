package org.marginlab.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.marginlab.UserException;
import org.marginlab.figures.FigureIds;
import org.marginlab.figures.FigureSet;
import org.marginlab.figures.angles.AngleHistogramFigure;
import org.marginlab.figures.export.ExportFormat;
import org.marginlab.figures.export.FigureExporter;
import org.marginlab.run.RunReader;
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

    @Option(names = "--histogram-class", paramLabel = "C", split = ",", arity = "1..*",
            description = "θ_y histograms of these classes (0-9, or all), one file each, e.g. angle-histograms-class3.png, "
                    + "angle-histograms-all.png (default: class 0 as angle-histograms.png).")
    List<String> histogramClasses;

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
        FigureSet set = FigureSet.forRun(run.iterations(), run.epochs(), run.config()).only(only);
        List<Integer> classes = histogramClasses(run);
        List<Path> written = new ArrayList<>(
                (classes.isEmpty() ? set : set.without(FigureIds.ANGLE_HISTOGRAMS)).exportAll(dir, fmt, scale));
        if (set.get(FigureIds.ANGLE_HISTOGRAMS).orElse(null) instanceof AngleHistogramFigure h) {
            for (int c : classes) {
                h.setSelectedClass(c);
                written.add(FigureExporter.write(h, dir, FigureIds.ANGLE_HISTOGRAMS + (c < 0 ? "-all" : "-class" + c),
                        fmt, scale));
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        for (Path w : written) {
            spec.commandLine().getOut().println(w);
        }
        spec.commandLine().getErr().printf("%d figures in %.2f s%n", written.size(), seconds);
        return 0;
    }

    /** The classes of --histogram-class, −1 for all; empty without the flag. */
    private List<Integer> histogramClasses(RunReader.Run run) {
        List<Integer> out = new ArrayList<>();
        if (histogramClasses == null) {
            return out;
        }
        if (run.epochs().isEmpty()) {
            throw new UserException("--histogram-class: " + runDir + " has no finished epoch, so no θ_y histograms yet");
        }
        int count = run.epochs().getLast().thetaHistograms().length;
        for (String v : histogramClasses) {
            String t = v.strip();
            try {
                int c = t.equals("all") ? -1 : Integer.parseInt(t);
                if (c >= count || c < -1) {
                    throw new NumberFormatException();
                }
                out.add(c);
            } catch (NumberFormatException e) {
                throw new UserException("--histogram-class '" + v + "' must be a class from 0 to " + (count - 1) + " or all");
            }
        }
        return out;
    }
}
