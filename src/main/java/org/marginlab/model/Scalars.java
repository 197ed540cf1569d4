package org.marginlab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Constants for maths that autograd will differentiate. Use these instead of DJL's {@code Number}
 * overloads ({@code mul(2.0)}, {@code maximum(eps)}, {@code clip(a, b)}, ...) anywhere between a forward
 * pass and {@code backward()}.
 *
 * <p>Why: DJL 0.35.1's PyTorch engine turns a Java number into a tensor with {@code torch::from_blob} over
 * a Java direct {@code ByteBuffer} and closes that array right after the op. PyTorch's autograd keeps the
 * tensor as a saved operand (mul, div, maximum, clamp save theirs), but not the buffer: once the
 * garbage collector frees it, {@code backward()} reads freed memory and returns silently wrong gradients
 * (see {@code DjlSavedScalarTest}). A copy made by PyTorch owns its memory and lives as long as the graph
 * holds it, so closing the Java handle (an {@code NDScope} does) is harmless.
 */
public final class Scalars {
    private Scalars() {
    }

    /**
     * A 0-d array holding {@code value} in {@code like}'s type, manager and device, in memory PyTorch
     * owns. The value is rounded to that type exactly as DJL's {@code Number} overloads round it.
     */
    public static NDArray of(NDArray like, double value) {
        if (like.getDataType() == DataType.FLOAT32) {
            return like.getManager().full(new Shape(), (float) value, DataType.FLOAT32); // training's one-call path
        }
        try (NDArray javaBacked = like.getManager().create(value)) {
            return javaBacked.getDataType() == like.getDataType()
                    ? javaBacked.duplicate()
                    : javaBacked.toType(like.getDataType(), false);
        }
    }
}
