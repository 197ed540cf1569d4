package org.marginlab.loss;

/**
 * One batch as a head sees it when it builds its training logits: the cosines and norms of features x
 * (N×d) against class weights W, and {@link Arith}'s element-wise maths. model/heads implements it over DJL
 * NDArrays with autograd; a head's class writes its logits against it, so the head is one class while
 * {@code loss} holds no DJL. Each accessor builds its value afresh, as a formula would write it.
 */
public interface TensorOps<T> extends Arith<T> {

    /** N×C cos θ_ij of the normalised rows (unclamped); with sub-centers, the largest per class. */
    T cosine();

    /** N×1: the column of an N×C array at each row's label y. */
    T target(T nByC);

    /** θ = acos(clip(cos, −1 + COS_CLIP, 1 − COS_CLIP)), so every acos has a finite slope. */
    T angle(T cos);

    /** N×1 ‖x‖, floored at NORM_EPS. */
    T featureNorm();

    /** N×1 ‖W_y‖, floored at NORM_EPS. */
    T targetWeightNorm();

    /** N×C x·Wᵀ, the plain linear logits. */
    T dot();

    /** others with each row's column y replaced by target (N×1). */
    T withTarget(T others, T target);
}
