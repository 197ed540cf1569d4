package org.marginlab.train;

import org.marginlab.config.Optimizer;
import org.marginlab.loss.HeadKind;
import org.marginlab.loss.HeadParams;

import java.util.Locale;

/** Loss became NaN or infinite; its message is the one-line explanation. */
final class NonFiniteLoss extends RuntimeException {

    private NonFiniteLoss(String message) {
        super(message, null, false, false);
    }

    /**
     * Losses are checked when they are read, at snapshots and epoch ends, so the run stops up to one such
     * interval after the bad step, whose updates it has applied; the checkpoint named is from before it.
     *
     * @param params     the head's parameters at the bad step
     * @param noticedAt  the iteration the loss was read at
     * @param checkpoint the last good checkpoint in words ({@link RunRecorder#lastCheckpoint})
     */
    static NonFiniteLoss at(long badIteration, HeadKind head, HeadParams params, double learningRate, int batch,
                            Optimizer optimizer, long noticedAt, String checkpoint) {
        StringBuilder used = new StringBuilder();
        for (org.marginlab.loss.HeadParam q : head.type().params()) {
            String v = switch (q.kind()) {
                case NUMBER -> fmt(params.value(q.name()));
                case FLAG -> String.valueOf(head.type().flagOn(params, q.name()));
                case TEXT -> head.type().text(params, q.name());
            };
            used.append(q.name()).append('=').append(v).append(", ");
        }
        return new NonFiniteLoss(String.format(Locale.ROOT,
                "loss became NaN or infinite at iteration %d with head %s (%slr=%s, batch %d, optimizer %s); "
                        + "lower the learning rate or s, or use a margin warm-up; noticed at iteration %d (losses are read "
                        + "at snapshots and epoch ends); last good checkpoint: %s",
                badIteration, head.id(), used, fmt(learningRate), batch, optimizer, noticedAt, checkpoint));
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
