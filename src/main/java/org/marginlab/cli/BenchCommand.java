package org.marginlab.cli;

import org.marginlab.UserException;
import org.marginlab.config.Backbone;
import org.marginlab.config.ConfigField;
import org.marginlab.config.DeviceSpec;
import org.marginlab.config.TrainConfig;
import org.marginlab.data.FashionMnist;
import org.marginlab.loss.HeadKind;
import org.marginlab.loss.HeadParams;
import org.marginlab.train.DeviceChoice;
import org.marginlab.train.HostTraffic;
import org.marginlab.train.MarginTrainableHead;
import org.marginlab.train.TrainingData;
import org.marginlab.train.TrainingListener;
import org.marginlab.train.TrainingSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import com.google.gson.Gson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code marginlab bench}: training throughput of the engine itself (batch gathering, forward, backward,
 * optimizer step, statistics summed on the device) after a warm-up, in images per second, with the host
 * reads and host→device uploads the timed steps made. The settings mirror {@code pytorch_ref.py} and
 * {@code pytorch_ref_gpu.py}: angular head with s = 5, d = 2, Adam lr 1e-3, weight decay 5e-4.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure training throughput (images/s, ms per step) and host traffic per step after a warm-up.",
                "The timed window starts and ends with a wait for the device (not counted as reads); the last line is JSON.",
                "Reads and uploads are MarginLab's own; DJL's ops with a Java number operand (x.mul(2f)) upload that "
                        + "scalar too and are not counted."})
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
    @Option(names = "--backbones", split = ",", description = "backbones to time (default ${DEFAULT-VALUE})",
            defaultValue = "compact,lenetpp,resnet20")
    List<String> backbones;
    @Option(names = "--device", description = "cpu, gpu or gpu:<i> (default ${DEFAULT-VALUE})", defaultValue = "cpu")
    String device;

    @Spec
    CommandSpec spec;

    /** One timed backbone. */
    private record Result(String backbone, double imagesPerSecond, double readsPerStep, double uploadsPerStep) {
    }

    @Override
    public Integer call() throws Exception {
        if (warmup < 1 || steps < 1) {
            throw new UserException("--warmup and --steps must be integers ≥ 1 (got " + warmup + ", " + steps + ")");
        }
        ThreadsOption.set(threads);
        String where = DeviceChoice.name(DeviceChoice.resolve(deviceSpec()));
        TrainingData td = TrainingData.from(FashionMnist.load(data));
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%-10s %6s %8s %8s %12s %10s %11s %13s%n", "backbone", "batch", "threads", "device",
                "images/s", "ms/iter", "reads/iter", "uploads/iter");
        List<Map<String, Object>> json = new ArrayList<>();
        for (String b : backbones) {
            Result r = measure(td, b.trim());
            double ms = 1000.0 * batch / r.imagesPerSecond();
            out.printf(Locale.ROOT, "%-10s %6d %8d %8s %12.1f %10.2f %11.3f %13.3f%n", r.backbone(), batch, threads, where,
                    r.imagesPerSecond(), ms, r.readsPerStep(), r.uploadsPerStep());
            out.flush();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("backbone", r.backbone());
            row.put("batch", batch);
            row.put("threads", threads);
            row.put("device", where);
            row.put("images_per_s", Math.round(r.imagesPerSecond() * 10) / 10.0);
            row.put("ms_per_iter", Math.round(ms * 100) / 100.0);
            row.put("host_reads_per_iter", r.readsPerStep());
            row.put("uploads_per_iter", r.uploadsPerStep());
            json.add(row);
        }
        out.println(new Gson().toJson(json));
        return 0;
    }

    private DeviceSpec deviceSpec() {
        return (DeviceSpec) ConfigField.DEVICE.parse(device, HeadKind.ARC);
    }

    private Result measure(TrainingData td, String backbone) throws Exception {
        TrainConfig c = TrainConfig.defaults(HeadKind.ARC).toBuilder()
                .backbone((Backbone) ConfigField.BACKBONE.parse(backbone, HeadKind.ARC)).dim(2)
                .headParams(new HeadParams(5, 0, 0, false)).marginWarmup(0).learningRate(1e-3).batchSize(batch)
                .epochs(1000).iterations(warmup + steps + 1).seed(0).device(deviceSpec()).probePerClass(1)
                .snapshotEvery(Integer.MAX_VALUE).build();
        TrainingSession s = TrainingSession.create(c, td, MarginTrainableHead.FACTORY, null);
        long[] t = new long[2];
        long[] traffic = new long[4];
        s.addListener(new TrainingListener() {
            @Override
            public void onProgress(long iteration, long total, int epoch) {
                if (iteration == warmup) {
                    s.awaitDevice();
                    traffic[0] = HostTraffic.reads();
                    traffic[1] = HostTraffic.uploads();
                    t[0] = System.nanoTime();
                } else if (iteration == warmup + steps) {
                    traffic[2] = HostTraffic.reads();
                    traffic[3] = HostTraffic.uploads();
                    s.awaitDevice();
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
        return new Result(backbone, (double) steps * batch / ((t[1] - t[0]) / 1e9),
                (double) (traffic[2] - traffic[0]) / steps, (double) (traffic[3] - traffic[1]) / steps);
    }
}
