package org.marginlab.cli;

import com.google.gson.GsonBuilder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.marginlab.AppInfo;
import org.marginlab.UserException;
import org.marginlab.data.Checksums;
import org.marginlab.data.DatasetLocator;
import org.marginlab.data.FashionMnist;
import org.marginlab.train.EngineReport;
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
                        + "see docs/gpu.md%n", "");
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
        info.put("djl", EngineReport.engine());
        info.put("devices", EngineReport.devices());
        info.put("dataset", datasetStatus());
        return info;
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
