package org.marginlab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Training loss, hits and loss finiteness summed on the training device, so that a step never waits for the
 * host; {@link #read} is the one host read of a logged interval. Call on the training thread.
 */
final class StepStats {

    /** Sums since the last {@link #reset}; {@code finiteSteps} counts the steps before the first non-finite loss. */
    record Totals(double lossSum, long hits, long finiteSteps) {
    }

    private final NDManager manager;
    /** float64 [Σ loss, Σ hits, steps before the first non-finite loss]. */
    private NDArray sums;
    /** Whether every loss since the reset was finite. */
    private NDArray allFinite;

    StepStats(NDManager manager) {
        this.manager = manager;
        reset();
    }

    /** Adds one step's loss (a scalar) and its hit mask (true where the prediction was right). */
    void add(NDArray loss, NDArray hitMask) {
        NDArray l = loss.stopGradient();
        NDArray finite = l.sub(l).isNaN().logicalNot(); // ∞ − ∞ and NaN − NaN are NaN
        NDArray still = keep(allFinite.logicalAnd(finite));
        allFinite.close();
        allFinite = still;
        NDArray step = NDArrays.stack(new NDList(l.toType(DataType.FLOAT64, false),
                hitMask.countNonzero().toType(DataType.FLOAT64, false), still.toType(DataType.FLOAT64, false)));
        sums.addi(step);
    }

    Totals read() {
        HostTraffic.read();
        double[] v = sums.toDoubleArray();
        return new Totals(v[0], (long) v[1], (long) v[2]);
    }

    void reset() {
        if (sums != null) {
            sums.close();
            allFinite.close();
        }
        sums = keep(manager.zeros(new Shape(3), DataType.FLOAT64));
        allFinite = keep(manager.ones(new Shape(), DataType.BOOLEAN));
    }

    /**
     * Continues a window a checkpoint saved ({@link #read} then): the sums as they were, and whether every
     * loss in it was finite.
     */
    void restore(Totals t, boolean finite) {
        reset();
        sums.close();
        sums = keep(manager.create(new double[] {t.lossSum(), t.hits(), t.finiteSteps()}));
        allFinite.close();
        allFinite = keep(manager.create(finite));
    }

    private static NDArray keep(NDArray a) {
        NDScope.unregister(a);
        return a;
    }
}
