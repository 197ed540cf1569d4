package org.marginlab.reproduce;

import org.marginlab.UserException;

import java.util.Map;

/**
 * Which of a plan's runs one process trains when a preset is spread over several (a Slurm job array, or
 * processes started by hand): shard i of n (1-based) takes runs i, i + n, i + 2n, … of the plan's order, so
 * every shard gets a share of each head's runs. Each run lives in its own directory under one shared
 * output folder, so the shards never write the same file; {@code --report-only} then reads them all.
 *
 * @param index 1-based shard number
 * @param count number of shards
 */
public record Shard(int index, int count) {

    /** The one shard of a single process: every run. */
    public static final Shard ALL = new Shard(1, 1);

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new UserException("--shard must be i/n with 1 ≤ i ≤ n (got " + index + "/" + count + ")");
        }
    }

    /** Whether the plan's run at 0-based position {@code runIndex} is this shard's. */
    public boolean includes(int runIndex) {
        return runIndex % count == index - 1;
    }

    public boolean isAll() {
        return count == 1;
    }

    /** "2/3". */
    @Override
    public String toString() {
        return index + "/" + count;
    }

    /** {@code --shard} text, "i/n". */
    public static Shard parse(String text) {
        String[] p = text == null ? new String[0] : text.trim().split("/");
        try {
            if (p.length == 2) {
                return new Shard(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()));
            }
        } catch (NumberFormatException e) {
            // falls through to the one-line error
        }
        throw new UserException("--shard must be i/n, e.g. 2/3 for the second of three shards (got '" + text + "')");
    }

    /**
     * The shard a Slurm job array task is: SLURM_ARRAY_TASK_ID counted from SLURM_ARRAY_TASK_MIN (0 when
     * unset, as {@code --array=0-2}), of SLURM_ARRAY_TASK_COUNT; null outside a job array.
     */
    public static Shard fromSlurm(Map<String, String> env) {
        String id = env.get("SLURM_ARRAY_TASK_ID");
        String count = env.get("SLURM_ARRAY_TASK_COUNT");
        if (id == null || count == null) {
            return null;
        }
        try {
            int min = env.get("SLURM_ARRAY_TASK_MIN") == null ? 0 : Integer.parseInt(env.get("SLURM_ARRAY_TASK_MIN").trim());
            return new Shard(Integer.parseInt(id.trim()) - min + 1, Integer.parseInt(count.trim()));
        } catch (NumberFormatException e) {
            throw new UserException("SLURM_ARRAY_TASK_ID=" + id + " / SLURM_ARRAY_TASK_COUNT=" + count
                    + " are not integers; submit with --array=0-(n-1) or pass --shard i/n");
        }
    }
}
