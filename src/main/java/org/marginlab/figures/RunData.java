package org.marginlab.figures;

import java.util.List;
import org.marginlab.train.EpochSnapshot;
import org.marginlab.train.IterationSnapshot;
import org.marginlab.train.TrainConfig;

/**
 * A run's history as the figures see it: immutable lists of snapshots in arrival order.
 *
 * @param label      legend label when several runs are overlaid (e.g. {@code "arc s=7"})
 * @param config     the run's configuration (head and params for analytic overlays); may be null
 * @param iterations iteration snapshots, oldest first
 * @param epochs     epoch snapshots, oldest first
 */
public record RunData(String label, TrainConfig config, List<IterationSnapshot> iterations,
                      List<EpochSnapshot> epochs) {

    public RunData {
        iterations = List.copyOf(iterations);
        epochs = List.copyOf(epochs);
        label = label == null ? (config == null ? "run" : defaultLabel(config)) : label;
    }

    public static RunData of(String label, TrainConfig config, List<IterationSnapshot> iterations,
                             List<EpochSnapshot> epochs) {
        return new RunData(label, config, iterations, epochs);
    }

    /** e.g. {@code "arc s=7"} or {@code "cosface s=16 m=0.2"}: the head and the params it reads. */
    public static String defaultLabel(TrainConfig c) {
        StringBuilder b = new StringBuilder(c.head().id());
        for (String p : org.marginlab.model.heads.HeadParams.usedBy(c.head())) {
            switch (p) {
                case "s" -> b.append(" s=").append(Fmt.num(c.headParams().s()));
                case "m" -> b.append(" m=").append(Fmt.num(c.headParams().m()));
                case "lambda" -> b.append(" λ=").append(Fmt.num(c.headParams().lambda()));
                default -> { }
            }
        }
        return b.toString();
    }

    public IterationSnapshot lastIteration() {
        return iterations.isEmpty() ? null : iterations.get(iterations.size() - 1);
    }

    public EpochSnapshot lastEpoch() {
        return epochs.isEmpty() ? null : epochs.get(epochs.size() - 1);
    }
}
