package org.marginlab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
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

    public static final List<String> IDS = List.of("adam", "sgd");
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPS = 1e-8;

    private final String kind;
    private final double weightDecay;
    private final double momentum;
    private final List<Parameter> parameters;
    private final NDArray[] first;
    private final NDArray[] second;
    private long steps;

    public ParameterOptimizer(String kind, double weightDecay, double momentum, List<Parameter> trainable) {
        if (!IDS.contains(kind)) {
            throw new UserException("--optimizer '" + kind + "' is unknown; use one of " + String.join(", ", IDS));
        }
        this.kind = kind;
        this.weightDecay = weightDecay;
        this.momentum = momentum;
        this.parameters = List.copyOf(trainable);
        this.first = new NDArray[parameters.size()];
        this.second = new NDArray[parameters.size()];
    }

    public long steps() {
        return steps;
    }

    /** Applies one update with learning rate {@code lr} from the parameters' gradients, then zeroes them. */
    public void step(double lr) {
        steps++;
        for (int i = 0; i < parameters.size(); i++) {
            NDArray w = parameters.get(i).getArray();
            NDArray grad = w.getGradient();
            NDArray g = weightDecay != 0 ? grad.add(w.mul(weightDecay)) : grad;
            if (kind.equals("adam")) {
                NDArray m = buffer(first, i, w);
                NDArray v = buffer(second, i, w);
                m.muli(BETA1).addi(g.mul(1 - BETA1));
                v.muli(BETA2).addi(g.square().muli(1 - BETA2));
                double bc1 = 1 - Math.pow(BETA1, steps);
                double bc2 = 1 - Math.pow(BETA2, steps);
                NDArray denom = v.sqrt().divi(Math.sqrt(bc2)).addi(EPS);
                w.subi(m.div(denom).muli(lr / bc1));
            } else if (momentum != 0) {
                NDArray buf = first[i];
                if (buf == null) {
                    buf = keep(g.duplicate());
                    first[i] = buf;
                } else {
                    buf.muli(momentum).addi(g);
                }
                w.subi(buf.mul(lr));
            } else {
                w.subi(g.mul(lr));
            }
            grad.subi(grad);
        }
    }

    private static NDArray buffer(NDArray[] store, int i, NDArray like) {
        if (store[i] == null) {
            store[i] = keep(like.getManager().zeros(like.getShape(), like.getDataType(), like.getDevice()));
        }
        return store[i];
    }

    private static NDArray keep(NDArray a) {
        NDScope.unregister(a);
        return a;
    }

    /** The state as bytes: step count, then each buffer (or an empty marker) in parameter order. */
    public byte[] encodeState(NDManager manager) {
        try (NDManager tmp = manager.newSubManager()) {
            NDList list = new NDList();
            list.add(tmp.create(new long[] {steps}));
            for (int i = 0; i < parameters.size(); i++) {
                list.add(first[i] != null ? first[i] : tmp.create(new float[0]));
                list.add(second[i] != null ? second[i] : tmp.create(new float[0]));
            }
            return list.encode();
        }
    }

    /** Restores {@link #encodeState} output; buffers move to each parameter's manager. */
    public void decodeState(NDManager manager, byte[] bytes) {
        try (NDManager tmp = manager.newSubManager()) {
            NDList list = NDList.decode(tmp, bytes);
            if (list.size() != 1 + 2 * parameters.size()) {
                throw new UserException("checkpoint optimizer state has " + list.size()
                        + " arrays, expected " + (1 + 2 * parameters.size()) + "; the checkpoint belongs to another model");
            }
            steps = list.get(0).toLongArray()[0];
            for (int i = 0; i < parameters.size(); i++) {
                first[i] = restore(list.get(1 + 2 * i), parameters.get(i).getArray(), first[i]);
                second[i] = restore(list.get(2 + 2 * i), parameters.get(i).getArray(), second[i]);
            }
        }
    }

    private static NDArray restore(NDArray saved, NDArray like, NDArray old) {
        if (old != null) {
            old.close();
        }
        if (saved.size() == 0 && like.size() != 0) {
            return null;
        }
        NDArray copy = like.getManager().create(saved.toFloatArray(), like.getShape());
        return keep(copy);
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
