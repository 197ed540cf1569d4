package org.marginlab.run;

import org.marginlab.UserException;
import org.marginlab.config.LiveField;
import org.marginlab.config.TrainConfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A setting changed while a run trained: from the optimizer step {@code iteration} on (0-based, the
 * step that turns {@code iteration} into {@code iteration + 1}), {@code field} is {@code to} instead of
 * {@code from}. One row of {@code changes.csv}; values are written exactly (Double.toString), so that a
 * replay trains bit for bit the same run.
 */
public record LiveChange(long iteration, LiveField field, double from, double to) {

    public static final String HEADER = "iteration,field,old,new";

    /** The changes recorded in a run directory, oldest first; empty when none were made. */
    public static List<LiveChange> ofRun(Path runDir) {
        return read(runDir.resolve(RunFiles.CHANGES));
    }

    /** The config after every change in {@code changes}, in order. */
    public static TrainConfig fold(TrainConfig start, List<LiveChange> changes) {
        TrainConfig c = start;
        for (LiveChange ch : changes) {
            c = ch.field().with(c, ch.to());
        }
        return c;
    }

    public String toCsv() {
        return iteration + "," + field.id() + "," + from + "," + to;
    }

    /**
     * The rows of a {@code changes.csv}, in file order; empty when the file does not exist. A line cut
     * short by a kill (the last one) is dropped; any other bad line is a UserException naming it.
     */
    public static List<LiveChange> read(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserException(file + ": cannot read it (" + e.getMessage() + ")");
        }
        List<LiveChange> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",", -1);
            try {
                if (f.length != 4) {
                    throw new IllegalArgumentException("expected 4 cells (" + HEADER + ")");
                }
                out.add(new LiveChange(Long.parseLong(f[0]), LiveField.fromId(f[1]),
                        Double.parseDouble(f[2]), Double.parseDouble(f[3])));
            } catch (IllegalArgumentException e) {
                if (i == lines.size() - 1) {
                    break; // torn by a kill while appending
                }
                throw new UserException(file + " line " + (i + 1) + ": " + e.getMessage()
                        + "; fix or delete the line (" + HEADER + ")");
            }
        }
        for (int i = 1; i < out.size(); i++) {
            if (out.get(i).iteration() < out.get(i - 1).iteration()) {
                throw new UserException(file + " line " + (i + 2) + ": iteration " + out.get(i).iteration()
                        + " comes after " + out.get(i - 1).iteration() + "; rows must be in iteration order");
            }
        }
        return out;
    }
}
