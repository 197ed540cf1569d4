package org.marginlab.reproduce;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;
import org.marginlab.UserException;
import org.marginlab.figures.export.FigureExporter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code invocations.json} in a report directory: every reproduce command that worked on it, so a
 * report made over several (interrupted) invocations still states the whole wall time.
 */
public final class InvocationLog {

    /** One invocation: when it started (UTC, ISO-8601), its command, wall time and what it did with the runs. */
    public record Entry(String startedUtc, String command, double wallSeconds, int trained, int resumed, int reused) {
    }

    public static final String FILE = "invocations.json";
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    private InvocationLog() {
    }

    public static List<Entry> read(Path dir) {
        return read(dir, FILE);
    }

    private static List<Entry> read(Path dir, String name) {
        Path f = dir.resolve(name);
        if (!Files.isRegularFile(f)) {
            return List.of();
        }
        try {
            List<Entry> e = GSON.fromJson(Files.readString(f), new TypeToken<List<Entry>>() { }.getType());
            return e == null ? List.of() : List.copyOf(e);
        } catch (IOException e) {
            throw new UserException(f + ": cannot read it (" + org.marginlab.IoErrors.describe(e) + ")");
        } catch (JsonParseException e) {
            // Gson's message names its own exception classes and spans lines: only where it stopped is said
            String where = org.marginlab.IoErrors.jsonWhere(e);
            throw new UserException(f + ": damaged (not a JSON list of invocations" + (where.isEmpty() ? "" : "," + where)
                    + "); rename it to keep it and start a fresh log");
        }
    }

    /** Appends {@code e} and returns the whole log; the file is rewritten atomically. */
    public static List<Entry> append(Path dir, Entry e) {
        List<Entry> all = new ArrayList<>(read(dir, FILE));
        all.add(e);
        FigureExporter.ensureDirectory(dir);
        FigureExporter.writeAtomically(dir.resolve(FILE), GSON.toJson(all).getBytes(StandardCharsets.UTF_8));
        return all;
    }

    /**
     * A shard's own log, {@code invocations-shard-I-of-N.json}: shards run at the same time, so each appends
     * to a file of its own instead of rewriting the shared one under another's feet.
     */
    public static void appendShard(Path dir, Shard shard, Entry e) {
        String name = "invocations-shard-" + shard.index() + "-of-" + shard.count() + ".json";
        List<Entry> all = new ArrayList<>(read(dir, name));
        all.add(e);
        FigureExporter.ensureDirectory(dir);
        FigureExporter.writeAtomically(dir.resolve(name), GSON.toJson(all).getBytes(StandardCharsets.UTF_8));
    }

    /** Every invocation of this report, the shards' with the others, in the order they started. */
    public static List<Entry> readAll(Path dir) {
        List<Entry> all = new ArrayList<>(read(dir, FILE));
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().matches("invocations-shard-\\d+-of-\\d+\\.json")).sorted().toList()) {
                all.addAll(read(dir, f.getFileName().toString()));
            }
        } catch (IOException e) {
            throw new UserException(dir + ": cannot list its invocation logs (" + org.marginlab.IoErrors.describe(e) + ")");
        }
        all.sort(java.util.Comparator.comparing(Entry::startedUtc));
        return all;
    }
}
