package org.marginlab.train;

import org.marginlab.config.TrainConfig;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.marginlab.loss.HeadFunctions;
import org.marginlab.loss.HeadParams;

/**
 * What the training loop needs from a classification head. All methods run on the training thread;
 * NDArrays passed in belong to the caller's scope.
 */
public interface TrainableHead {

    /** The block holding the head's parameters (W, and centres as a non-trainable parameter). */
    Block block();

    /** Mean training loss of the batch, margins and any extra term (center loss) included. */
    NDArray loss(ParameterStore ps, NDArray embeddings, NDArray labels, boolean training);

    /** The logits fed to the cross-entropy (margin and scale included), N × C. */
    NDArray logits(ParameterStore ps, NDArray embeddings, NDArray labels, boolean training);

    /**
     * Mean loss of {@link #loss} at the current (scheduled) parameters, but with the given W and centres
     * (C × d, same type as the embeddings, centres {@code null} for heads without) in place of the
     * block's: for measuring gradients on copies without touching the parameters. The result lives in
     * the embeddings' manager.
     */
    NDArray lossWith(NDArray embeddings, NDArray labels, NDArray weights, NDArray centres);

    /** Logits without margin, N × C; their argmax is the prediction. */
    NDArray predictLogits(ParameterStore ps, NDArray embeddings);

    /** Moves the head's schedules (λ annealing, margin and scale warm-up) to this iteration. */
    default void setIteration(long iteration) {
    }

    /**
     * Takes the head parameters and schedules of {@code config} (s, m, λ, warm-up changed while training)
     * from the next {@link #setIteration} on; W and the centres stay as trained.
     */
    void retune(TrainConfig config);

    /** Runs after each optimizer step, e.g. the center-loss α-rule; grad mode is off. */
    default void afterStep(NDArray embeddings, NDArray labels) {
    }

    /** The head's analytic functions at its current (scheduled) parameters. */
    HeadFunctions functions();

    /** The parameters in force at the iteration last passed to {@link #setIteration}. */
    HeadParams params();

    /** W as (C·k) × d: row j·k + i is sub-center i of class j (k = 1 for every head but Sub-center ArcFace). */
    float[][] weights();

    /** Weight rows per class, k. */
    default int subCenters() {
        return 1;
    }

    /** Centres as C × d, or {@code null} if the head has none. */
    default float[][] centers() {
        return null;
    }

    /**
     * What the head carries from step to step besides its parameters and schedule, by name (AdaCos's dynamic
     * scale: {@code adaptive_s}); empty for most heads. A checkpoint saves it so a resume is bit-identical.
     */
    default java.util.Map<String, Double> state() {
        return java.util.Map.of();
    }

    /** Puts back what {@link #state()} returned. */
    default void restore(java.util.Map<String, Double> state) {
    }

    /** Short description for messages, e.g. {@code arcface (s=16, m=0.2)}. */
    String describe();

    /**
     * {@link #state()} as the checkpoint's {@code "head"} section, so that a resumed run continues bit for bit:
     * int count · (UTF name · long IEEE-754 bits)*, big-endian; null when the head carries nothing. The schedules
     * that are functions of the iteration (warm-up, annealing) need none.
     */
    default byte[] saveState() {
        java.util.Map<String, Double> state = new java.util.TreeMap<>(state());
        if (state.isEmpty()) {
            return null;
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream o = new java.io.DataOutputStream(bytes)) {
            o.writeInt(state.size());
            for (var e : state.entrySet()) {
                o.writeUTF(e.getKey());
                o.writeLong(Double.doubleToRawLongBits(e.getValue()));
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    /** Restores {@link #saveState}'s bytes on resume, before the first step. */
    default void loadState(byte[] bytes) {
        java.util.Map<String, Double> state = new java.util.HashMap<>();
        try (java.io.DataInputStream in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes))) {
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                state.put(in.readUTF(), Double.longBitsToDouble(in.readLong()));
            }
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("the checkpoint's head section is damaged: " + e.getMessage(), e);
        }
        restore(state);
    }
}
