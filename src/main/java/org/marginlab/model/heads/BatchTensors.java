package org.marginlab.model.heads;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import org.marginlab.loss.TensorOps;
import org.marginlab.model.Scalars;

/**
 * {@link TensorOps} over DJL NDArrays with autograd: one batch of features x (N×d) against weights w
 * ((C·k)×d, k sub-centers per class) with labels y. Each head's class writes its logits against this, so the
 * head is one class in {@code loss} while DJL stays here. Constants on the autograd path are {@link Scalars}
 * (memory PyTorch owns); the {@code …Number} ops take plain numbers, for values without gradient.
 */
final class BatchTensors implements TensorOps<NDArray> {

    private final NDArray x;
    private final NDArray w;
    private final NDArray y;
    private final int subCenters;

    /** @param y the labels as int64 (N), on x's device; null for the logits without margin, which read none */
    BatchTensors(NDArray x, NDArray w, NDArray y, int subCenters) {
        this.x = x;
        this.w = w;
        this.y = y;
        this.subCenters = subCenters;
    }

    @Override
    public NDArray cosine() {
        NDArray cos = Head.cosine(x, w);
        if (subCenters == 1) {
            return cos;
        }
        long n = cos.getShape().get(0);
        return cos.reshape(n, -1, subCenters).max(new int[] {2});
    }

    @Override
    public NDArray target(NDArray nByC) {
        return nByC.gather(y.reshape(-1, 1), 1);
    }

    @Override
    public NDArray angle(NDArray cos) {
        return Head.angle(cos);
    }

    @Override
    public NDArray featureNorm() {
        return Head.norm(x);
    }

    @Override
    public NDArray targetWeightNorm() {
        return Head.oneHot(y, w.getShape().get(0), w.getDataType()).dot(Head.norm(w));
    }

    @Override
    public NDArray dot() {
        return x.dot(w.transpose());
    }

    @Override
    public NDArray withTarget(NDArray others, NDArray target) {
        return Head.replaceTarget(others, target, y.reshape(-1, 1));
    }

    @Override
    public NDArray constant(NDArray like, double value) {
        return Scalars.of(like, value);
    }

    @Override
    public NDArray add(NDArray a, NDArray b) {
        return a.add(b);
    }

    @Override
    public NDArray sub(NDArray a, NDArray b) {
        return a.sub(b);
    }

    @Override
    public NDArray mul(NDArray a, NDArray b) {
        return a.mul(b);
    }

    @Override
    public NDArray div(NDArray a, NDArray b) {
        return a.div(b);
    }

    @Override
    public NDArray neg(NDArray a) {
        return a.neg();
    }

    @Override
    public NDArray pow(NDArray a, NDArray b) {
        return a.pow(b);
    }

    @Override
    public NDArray cos(NDArray a) {
        return a.cos();
    }

    @Override
    public NDArray sin(NDArray a) {
        return a.sin();
    }

    @Override
    public NDArray acos(NDArray a) {
        return a.acos();
    }

    @Override
    public NDArray exp(NDArray a) {
        return a.exp();
    }

    @Override
    public NDArray log(NDArray a) {
        return a.log();
    }

    @Override
    public NDArray sqrt(NDArray a) {
        return a.sqrt();
    }

    @Override
    public NDArray abs(NDArray a) {
        return a.abs();
    }

    @Override
    public NDArray min(NDArray a, NDArray b) {
        return a.minimum(b);
    }

    @Override
    public NDArray max(NDArray a, NDArray b) {
        return a.maximum(b);
    }

    @Override
    public NDArray whereGreater(NDArray a, NDArray b, NDArray ifGreater, NDArray otherwise) {
        return NDArrays.where(a.gt(b), ifGreater, otherwise);
    }

    @Override
    public NDArray detach(NDArray a) {
        return a.stopGradient();
    }

    @Override
    public NDArray floor(NDArray a) {
        return a.floor();
    }

    @Override
    public NDArray mulNumber(NDArray a, double v) {
        return a.mul(v);
    }

    @Override
    public NDArray addNumber(NDArray a, double v) {
        return a.add(v);
    }

    @Override
    public NDArray clipNumber(NDArray a, double lo, double hi) {
        return a.clip(lo, hi);
    }

    @Override
    public NDArray modNumber(NDArray a, double v) {
        return a.mod(v);
    }
}
