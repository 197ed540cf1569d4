package org.marginlab.cli;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.util.cuda.CudaUtils;
import com.google.gson.GsonBuilder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.marginlab.AppInfo;
import org.marginlab.UserException;
import org.marginlab.data.Checksums;
import org.marginlab.data.DatasetLocator;
import org.marginlab.data.FashionMnist;
import org.marginlab.train.DeviceTrial;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code marginlab info}: versions, the devices DJL sees and whether each trains, and where the dataset is. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Print the app, Java and DJL versions, the devices DJL sees (each tried with one real training "
                + "step: \"trains\" or why not), and where the dataset was found.")
final class InfoCommand implements Callable<Integer> {

    @Option(names = "--data", paramLabel = "DIR", description = "Fashion-MNIST folder (default: search the usual places)")
    Path data;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Map<String, Object> info = collect();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(info));
        } else {
            out.printf("%-10s %s%n", "MarginLab", info.get("version"));
            out.printf("%-10s %s%n", "Java", info.get("java"));
            @SuppressWarnings("unchecked")
            Map<String, Object> djl = (Map<String, Object>) info.get("djl");
            out.printf("%-10s DJL %s, engine %s %s%n", "Engine", djl.get("version"), djl.get("engine"), djl.get("engine_version"));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> devices = (List<Map<String, Object>>) info.get("devices");
            for (int i = 0; i < devices.size(); i++) {
                Map<String, Object> dev = devices.get(i);
                out.printf("%-10s %s: %s%n", i == 0 ? "Devices" : "", dev.get("device"), dev.get("status"));
            }
            if (devices.size() == 1) {
                out.printf("%-10s no GPU: DJL sees none (no CUDA natives, or no libcudart.so it can load); "
                        + "see the README's GPU section%n", "");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> ds = (Map<String, Object>) info.get("dataset");
            out.printf("%-10s %s — %s%n", "Dataset", ds.get("path"), ds.get("status"));
        }
        return 0;
    }

    Map<String, Object> collect() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("version", AppInfo.version());
        info.put("java", Runtime.version().toString() + " (" + System.getProperty("java.vendor") + ")");
        Engine engine = Engine.getInstance();
        Map<String, Object> djl = new LinkedHashMap<>();
        djl.put("version", Engine.getDjlVersion());
        djl.put("engine", engine.getEngineName());
        djl.put("engine_version", engine.getVersion());
        djl.put("offline", Boolean.getBoolean("ai.djl.offline"));
        info.put("djl", djl);
        List<Map<String, Object>> devices = new ArrayList<>();
        devices.add(trial(Device.cpu(), "cpu"));
        int count = engine.getGpuCount();
        for (int i = 0; i < count; i++) {
            devices.add(trial(Device.gpu(i), "gpu:" + i + " (compute capability " + CudaUtils.getComputeCapability(i) + ")"));
        }
        info.put("devices", devices);
        info.put("dataset", datasetStatus());
        return info;
    }

    private static Map<String, Object> trial(Device device, String name) {
        String status = DeviceTrial.run(device);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("device", name);
        d.put("trains", DeviceTrial.TRAINS.equals(status));
        d.put("status", status);
        return d;
    }

    private Map<String, Object> datasetStatus() {
        Map<String, Object> ds = new LinkedHashMap<>();
        try {
            Path dir = DatasetLocator.locate(data);
            ds.put("path", dir.toAbsolutePath().normalize().toString());
            Checksums.Status status = Checksums.verify(dir, FashionMnist.FILES);
            ds.put("status", status.text());
            ds.put("ok", true);
        } catch (UserException e) {
            ds.putIfAbsent("path", data == null ? "not found" : data.toString());
            ds.put("status", e.getMessage() + Main.flagOf(e.field()));
            ds.put("ok", false);
        }
        return ds;
    }
}
