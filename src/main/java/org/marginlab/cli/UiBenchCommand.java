package org.marginlab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.marginlab.UserException;
import org.marginlab.devtools.ScreenshotMaker;
import org.marginlab.devtools.WorkbenchBenchmark;
import org.marginlab.devtools.DemoBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code marginlab ui-bench}: what the live window costs (sphere redraws/s, pulse time, training images/s). */
@Command(name = "ui-bench", mixinStandardHelpOptions = true,
        description = "Measure the window headless: sphere redraws/s with many points, pulse time while training, "
                + "and training images/s with the live window versus without.")
final class UiBenchCommand implements Callable<Integer> {

    @Option(names = "--iterations", defaultValue = "300", description = "iterations per timed run (default: ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--batch", defaultValue = "128", description = "(default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--probe-per-class", defaultValue = "1000", description = "probe images per class for the sphere (default: ${DEFAULT-VALUE})")
    int probe;

    @Option(names = "--rounds", defaultValue = "3", description = "alternating headless/live pairs after a warm-up pair; 0 measures only the sphere (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--sphere-seconds", defaultValue = "5", description = "(default: ${DEFAULT-VALUE})")
    double sphereSeconds;

    @Option(names = "--demo", description = "instead: start the default demo in the window and print first_picture_s "
            + "(seconds from Start until the first embedding is drawn) and, last, time_to_clusters_s (seconds from Start until the probes' nearest-W accuracy reaches 0.6)")
    boolean demo;

    @Option(names = "--runs", defaultValue = "runs/ui-bench", description = "where the benchmark's runs go (default: ${DEFAULT-VALUE})")
    Path runs;

    @Spec
    CommandSpec spec;
    @picocli.CommandLine.Mixin
    ThreadsOption threads;

    @Override
    public Integer call() throws Exception {
        if (iterations < 10 || rounds < 0 || probe < 1 || probe > 1000) {
            throw new UserException("ui-bench: --iterations ≥ 10, --rounds ≥ 0, --probe-per-class 1–1000");
        }
        threads.apply();
        ScreenshotMaker.useHeadlessPlatform();
        PrintWriter out = spec.commandLine().getOut();
        if (demo) {
            DemoBenchmark.run(runs, out);
            out.flush();
            return 0;
        }
        WorkbenchBenchmark.run(new WorkbenchBenchmark.Options(iterations, batch, probe, rounds, sphereSeconds, runs), out);
        out.flush();
        return 0;
    }
}
