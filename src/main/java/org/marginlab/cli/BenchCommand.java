package org.marginlab.cli;

import org.marginlab.UserException;
import org.marginlab.data.FashionMnist;
import org.marginlab.model.heads.HeadKind;
import org.marginlab.model.heads.HeadParams;
import org.marginlab.train.MarginTrainableHead;
import org.marginlab.train.TrainConfig;
import org.marginlab.train.TrainingData;
import org.marginlab.train.TrainingListener;
import org.marginlab.train.TrainingSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code marginlab bench}: training throughput of the engine itself (batch building, forward, backward,
 * Adam step, loss read-back every iteration) after a warm-up, in images per second. The settings mirror
 * {@code pytorch_ref.py}: angular head with s = 5, d = 2, Adam lr 1e-3, weight decay 5e-4.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure training throughput (images/s) of the compact and lenetpp backbones after a warm-up.")
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--data", paramLabel = "DIR", description = "Fashion-MNIST folder (default: search the usual places)")
    Path data;
    @Option(names = "--batch", description = "mini-batch size (default ${DEFAULT-VALUE})", defaultValue = "256")
    int batch;
    @Option(names = "--threads", description = "PyTorch CPU threads (default ${DEFAULT-VALUE})", defaultValue = "2")
    int threads;
    @Option(names = "--warmup", description = "iterations not timed (default ${DEFAULT-VALUE})", defaultValue = "5")
    int warmup;
    @Option(names = "--steps", description = "iterations timed (default ${DEFAULT-VALUE})", defaultValue = "40")
    int steps;
    @Option(names = "--backbones", split = ",", description = "backbones to time (default ${DEFAULT-VALUE})", defaultValue = "compact,lenetpp")
    List<String> backbones;
    @Option(names = "--device", description = "auto, cpu, gpu or gpu:<i> (default ${DEFAULT-VALUE})", defaultValue = "cpu")
    String device;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (warmup < 1 || steps < 1) {
            throw new UserException("--warmup and --steps must be integers ≥ 1 (got " + warmup + ", " + steps + ")");
        }
        ThreadsOption.set(threads);
        TrainingData td = TrainingData.from(FashionMnist.load(data));
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%-10s %6s %8s %8s %12s %10s%n", "backbone", "batch", "threads", "device", "images/s", "ms/iter");
        for (String b : backbones) {
            double ips = measure(td, b.trim());
            out.printf(Locale.ROOT, "%-10s %6d %8d %8s %12.1f %10.1f%n", b.trim(), batch, threads, device, ips, 1000.0 * batch / ips);
            out.flush();
        }
        return 0;
    }

    private double measure(TrainingData td, String backbone) throws Exception {
        TrainConfig d = TrainConfig.defaults(HeadKind.ARC);
        TrainConfig c = new TrainConfig(null, backbone, 2, HeadKind.ARC, new HeadParams(5, 0, 0, false),
                d.lambdaMin(), d.lambdaGamma(), d.lambdaPower(), 0, d.centerAlpha(), "adam", 1e-3, "constant", 5e-4,
                0.9, batch, 1000, warmup + steps + 1, 0L, device, false, 1, Integer.MAX_VALUE);
        TrainingSession s = TrainingSession.create(c, td, MarginTrainableHead.FACTORY, null);
        long[] t = new long[2];
        s.addListener(new TrainingListener() {
            @Override
            public void onProgress(long iteration, long total, int epoch) {
                if (iteration == warmup) {
                    t[0] = System.nanoTime();
                } else if (iteration == warmup + steps) {
                    t[1] = System.nanoTime();
                    s.cancel(); // skip the end-of-run evaluation
                }
            }
        });
        s.start();
        s.completion().get(1, TimeUnit.HOURS);
        if (t[1] == 0) {
            throw new UserException("bench of " + backbone + " stopped early: " + s.message());
        }
        return (double) steps * batch / ((t[1] - t[0]) / 1e9);
    }
}
