package org.marginlab.run;

import org.marginlab.UserException;
import org.marginlab.config.LiveField;
import org.marginlab.config.TrainConfig;

import java.nio.file.Path;
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

    /** One data line of changes.csv, or null when it does not read. */
    public static LiveChange parse(String line) {
        String[] f = line.split(",", -1);
        if (f.length != 4) {
            return null;
        }
        try {
            return new LiveChange(Long.parseLong(f[0]), LiveField.fromId(f[1]),
                    Double.parseDouble(f[2]), Double.parseDouble(f[3]));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The rows of a {@code changes.csv}, in file order; empty when the file does not exist. A last line cut
     * short by a kill (no newline) is left out; any line that does not read is a UserException naming it, as
     * is a row out of iteration order: the run's history cannot be replayed past it.
     */
    public static List<LiveChange> read(Path file) {
        RunScan.Scan<LiveChange> scan = RunScan.changes(file);
        if (!scan.exists()) {
            return List.of();
        }
        if (scan.unreadable() != null) {
            throw new UserException(file + ": cannot read it (" + scan.unreadable() + ")");
        }
        if (!scan.damage().isEmpty()) {
            throw new UserException(file + ": " + scan.damage().getFirst().why() + " (" + HEADER
                    + "); `marginlab check " + file.toAbsolutePath().getParent() + "` lists what is intact");
        }
        List<LiveChange> out = scan.records();
        for (int i = 1; i < out.size(); i++) {
            if (out.get(i).iteration() < out.get(i - 1).iteration()) {
                throw new UserException(file + " line " + (i + 2) + ": iteration " + out.get(i).iteration()
                        + " comes after " + out.get(i - 1).iteration() + "; rows must be in iteration order");
            }
        }
        return out;
    }
}
