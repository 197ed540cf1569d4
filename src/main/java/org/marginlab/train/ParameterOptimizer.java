package org.marginlab.train;

import org.marginlab.config.Optimizer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import org.marginlab.UserException;

import java.util.ArrayList;
import java.util.List;

/**
 * Adam (Kingma &amp; Ba, PyTorch's conventions) and SGD with momentum, with L2 weight decay added to the
 * gradient as PyTorch's {@code weight_decay} does. Written here rather than taken from DJL so that the
 * moment buffers can be saved with a checkpoint and a resumed run continues exactly. Call on the
 * training thread inside an {@link NDScope}; the state buffers are kept out of the scope.
 */
public final class ParameterOptimizer {

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPS = 1e-8;

    private final Optimizer kind;
    private final double weightDecay;
    private final double momentum;
    private final List<Parameter> parameters;
    private final NDArray[] first;
    private final NDArray[] second;
    private long steps;
    /**
     * DJL's kernels take float coefficients, so Adam's buffers accumulate (1 − β₁ in float)/(1 − β₁) times
     * PyTorch's m, likewise for v (a 1.3e-5 relative error for β₂); the step compensates and checkpoints
     * hold PyTorch's m and v. DJL's SGD keeps lr·buf, so its buffer is lastLr times PyTorch's.
     */
    private static final double FIRST_SCALE = (1f - (float) BETA1) / (1 - BETA1);
    private static final double SECOND_SCALE = (1f - (float) BETA2) / (1 - BETA2);
    private double lastLr = 1;

    public ParameterOptimizer(Optimizer kind, double weightDecay, double momentum, List<Parameter> trainable) {
        this.kind = kind;
        this.weightDecay = weightDecay;
        this.momentum = momentum;
        this.parameters = List.copyOf(trainable);
        this.first = new NDArray[parameters.size()];
        this.second = new NDArray[parameters.size()];
    }

    /**
     * Applies one update with learning rate {@code lr} from the parameters' gradients, then zeroes them.
     * Each parameter costs three native calls (gradient handle, DJL's fused Adam/SGD kernel, zero_), not a
     * chain of a dozen Java-side tensor ops; DJL's JNI offers no multi-tensor (foreach) update.
     */
    public void step(double lr) {
        steps++;
        // DJL's Adam kernel computes w −= lr'·m/(√v + eps'); PyTorch's is w −= lr/bc1·m/(√v/√bc2 + eps),
        // which is the same with lr' = lr·√bc2/bc1 and eps' = eps·√bc2 (and the buffer scales undone).
        double sqrtBc2 = Math.sqrt(1 - Math.pow(BETA2, steps)) * Math.sqrt(SECOND_SCALE);
        float adamLr = (float) (lr * sqrtBc2 / (1 - Math.pow(BETA1, steps)) / FIRST_SCALE);
        float adamEps = (float) (EPS * sqrtBc2);
        // Rescaling the lr·buf buffer by lr/lastLr keeps PyTorch's buf under a changing lr.
        float sgdMomentum = (float) (momentum * lr / lastLr);
        for (int i = 0; i < parameters.size(); i++) {
            PtNDArray w = (PtNDArray) parameters.get(i).getArray();
            PtNDArray grad = (PtNDArray) w.getGradient();
            if (kind == Optimizer.ADAM) {
                JniUtils.adamUpdate(w, grad, buffer(first, i, w), buffer(second, i, w), (float) lr, adamLr,
                        (float) weightDecay, 1f, -1f, (float) BETA1, (float) BETA2, adamEps, false);
            } else {
                JniUtils.sgdUpdate(w, grad, momentum != 0 ? buffer(first, i, w) : null, (float) lr,
                        (float) weightDecay, 1f, -1f, sgdMomentum);
            }
            JniUtils.zeroGrad(w);
        }
        lastLr = lr;
    }

    private double firstScale() {
        return kind == Optimizer.ADAM ? FIRST_SCALE : lastLr;
    }

    private static PtNDArray buffer(NDArray[] store, int i, NDArray like) {
        if (store[i] == null) {
            store[i] = keep(like.getManager().zeros(like.getShape(), like.getDataType(), like.getDevice()));
        }
        return (PtNDArray) store[i];
    }

    private static NDArray keep(NDArray a) {
        NDScope.unregister(a);
        return a;
    }

    /** Marks {@link #encodeState}'s layout that holds the buffers as the kernels keep them. */
    private static final double RAW_BUFFERS = 2;

    /**
     * The state as bytes: step count, then {@code [2, lastLr]} (float64), then each buffer (or an empty
     * marker) in parameter order, exactly as the kernels keep them. Saved as they are, not rescaled to
     * PyTorch's m and v: dividing by the float scale and multiplying back on resume changed about one value
     * in 10⁶, enough for a resumed run to drift from an uninterrupted one.
     */
    public byte[] encodeState(NDManager manager) {
        try (NDManager tmp = manager.newSubManager()) {
            NDList list = new NDList();
            list.add(tmp.create(new long[] {steps}));
            list.add(tmp.create(new double[] {RAW_BUFFERS, lastLr}));
            for (int i = 0; i < parameters.size(); i++) {
                list.add(copy(first[i], tmp));
                list.add(copy(second[i], tmp));
            }
            return list.encode();
        }
    }

    private static NDArray copy(NDArray buffer, NDManager tmp) {
        if (buffer == null) {
            return tmp.create(new float[0]);
        }
        return tmp.create(buffer.toFloatArray(), buffer.getShape());
    }

    /** Restores {@link #encodeState} output; buffers move to each parameter's manager. */
    public void decodeState(NDManager manager, byte[] bytes) {
        try (NDManager tmp = manager.newSubManager()) {
            NDList list = NDList.decode(tmp, bytes);
            // Older checkpoints hold PyTorch's m and v, without the marker; they resume to within rounding.
            boolean raw = list.size() == 2 + 2 * parameters.size() && list.get(1).getDataType() == ai.djl.ndarray.types.DataType.FLOAT64
                    && list.get(1).toDoubleArray()[0] == RAW_BUFFERS;
            int from = raw ? 2 : 1;
            if (list.size() != from + 2 * parameters.size()) {
                throw new UserException("the checkpoint's optimizer state has " + list.size()
                        + " arrays, expected " + (from + 2 * parameters.size()) + "; the checkpoint belongs to another model");
            }
            steps = list.get(0).toLongArray()[0];
            lastLr = raw ? list.get(1).toDoubleArray()[1] : 1;
            for (int i = 0; i < parameters.size(); i++) {
                first[i] = restore(list.get(from + 2 * i), raw ? 1 : firstScale(), parameters.get(i).getArray(), first[i]);
                second[i] = restore(list.get(from + 1 + 2 * i), raw ? 1 : SECOND_SCALE, parameters.get(i).getArray(), second[i]);
            }
        }
    }

    private static NDArray restore(NDArray saved, double scale, NDArray like, NDArray old) {
        if (old != null) {
            old.close();
        }
        if (saved.size() == 0 && like.size() != 0) {
            return null;
        }
        float[] values = saved.toFloatArray();
        if (scale != 1) {
            for (int k = 0; k < values.length; k++) {
                values[k] = (float) (values[k] * scale);
            }
        }
        return keep(like.getManager().create(values, like.getShape()));
    }

    /** Every trainable parameter, in the block's order. */
    public static List<Parameter> trainable(ai.djl.nn.Block block) {
        List<Parameter> out = new ArrayList<>();
        for (var p : block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                out.add(p.getValue());
            }
        }
        return out;
    }
}
