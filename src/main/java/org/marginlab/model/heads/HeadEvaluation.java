package org.marginlab.model.heads;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;

import org.marginlab.loss.HeadKind;
import org.marginlab.loss.HeadParams;

/**
 * One head evaluated on given numbers, with autograd: the mean loss, the logits fed to the cross-entropy
 * and the gradients of the mean loss. Backs {@code marginlab loss}; plain arrays only.
 *
 * @param loss           mean loss over the batch
 * @param logits         N×C, margin and scale included
 * @param gradEmbeddings ∂loss/∂x, N×d
 * @param gradWeights    ∂loss/∂W, C×d
 * @param gradCenters    ∂loss/∂centres, C×d (the autograd gradient, not the α-rule step); null unless center
 * @param scale          the s the logits used (AdaCos sets it from the batch; otherwise the params' s)
 */
public record HeadEvaluation(double loss, double[][] logits, double[][] gradEmbeddings, double[][] gradWeights,
                             double[][] gradCenters, double scale) {

    /** The floating-point type the head is evaluated in (callers outside the engine name it without DJL). */
    public enum Precision {
        FLOAT32(DataType.FLOAT32), FLOAT64(DataType.FLOAT64);

        private final DataType dtype;

        Precision(DataType dtype) {
            this.dtype = dtype;
        }
    }

    /**
     * Evaluates in the given precision (float32 inputs are rounded to float32 first; outputs are the
     * float32 results, exactly, as doubles). Opens a {@link GradientCollector}, so it must not run while
     * another collector is open in this process (e.g. during training).
     *
     * @param centers C×d, needed for center loss, ignored otherwise
     */
    public static HeadEvaluation evaluate(HeadKind kind, HeadParams params, double[][] embeddings,
                                          double[][] weights, int[] labels, double[][] centers, Precision precision) {
        DataType dtype = precision.dtype;
        boolean center = kind.type().hasCenters();
        if (center && centers == null) {
            throw new IllegalArgumentException("center loss needs centres");
        }
        Head head = Head.create(kind, params);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(embeddings).toType(dtype, false);
            NDArray w = manager.create(weights).toType(dtype, false);
            NDArray y = manager.create(labels);
            NDArray c = center ? manager.create(centers).toType(dtype, false) : null;
            x.setRequiresGradient(true);
            w.setRequiresGradient(true);
            if (c != null) {
                c.setRequiresGradient(true);
            }
            if (kind.type().adaptsScale(params)) {
                // AdaCos's dynamic s from s_prev, without gradient, before the logits use it
                params = params.withS(kind.type().nextScale(params.s(),
                        Head.cosineRows(x, w, kind.type().subCenters(params)), labels));
            }
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray l = head.loss(x, w, y, c, params);
                double[][] logits = matrix(head.logits(x, w, y, params));
                collector.backward(l);
                return new HeadEvaluation(scalar(l), logits, matrix(x.getGradient()), matrix(w.getGradient()),
                        c == null ? null : matrix(c.getGradient()), params.s());
            }
        }
    }

    private static double scalar(NDArray a) {
        return a.toType(DataType.FLOAT64, false).toDoubleArray()[0];
    }

    private static double[][] matrix(NDArray a) {
        int rows = (int) a.getShape().get(0);
        int cols = (int) a.getShape().get(1);
        double[] flat = a.toType(DataType.FLOAT64, false).toDoubleArray();
        double[][] out = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(flat, i * cols, out[i], 0, cols);
        }
        return out;
    }
}
