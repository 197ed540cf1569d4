package org.marginlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfoCommandTest {

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void jsonReportsPyTorchAndTheShippedDataset() {
        Result r = run("info", "--json");
        assertEquals(0, r.code(), r.err());
        JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
        JsonObject djl = o.getAsJsonObject("djl");
        assertEquals("PyTorch", djl.get("engine").getAsString());
        assertEquals("2.7.1", djl.get("engine_version").getAsString());
        assertEquals("0.35.1", djl.get("version").getAsString());
        assertTrue(djl.get("offline").getAsBoolean());
        JsonObject ds = o.getAsJsonObject("dataset");
        assertTrue(ds.get("ok").getAsBoolean(), ds.toString());
        assertEquals("checksums OK", ds.get("status").getAsString());
        assertTrue(ds.get("path").getAsString().endsWith("datasets/fashion-mnist"));
        assertTrue(o.get("java").getAsString().startsWith("25"), o.get("java").getAsString());
        JsonObject cpu = o.getAsJsonArray("devices").get(0).getAsJsonObject();
        assertEquals("cpu", cpu.get("device").getAsString());
        assertEquals("trains", cpu.get("status").getAsString(), "one real step on the CPU");
        assertTrue(cpu.get("trains").getAsBoolean());
    }

    @Test
    void textNamesEngineAndDataset() {
        Result r = run("info");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("engine PyTorch 2.7.1"), r.out());
        assertTrue(r.out().contains("checksums OK"), r.out());
        assertTrue(r.out().contains("Devices    cpu: trains"), r.out());
    }

    @Test
    void badDataFolderIsReportedNotThrown(@TempDir Path empty) {
        Path missing = empty.resolve("missing");
        Result r = run("info", "--json", "--data", missing.toString());
        assertEquals(0, r.code());
        JsonObject ds = JsonParser.parseString(r.out()).getAsJsonObject().getAsJsonObject("dataset");
        assertTrue(!ds.get("ok").getAsBoolean());
        assertEquals("dataset folder " + missing + ": no such folder; give the folder that holds the four Fashion-MNIST .gz files (--data)",
                ds.get("status").getAsString());
    }

    @Test
    void versionAndHelp() {
        Result v = run("--version");
        assertEquals(0, v.code());
        assertTrue(v.out().startsWith("MarginLab 0.1.0"), v.out());
        Result h = run("--help");
        assertTrue(h.out().contains("info"), h.out());
    }
}
