package org.marginlab.model.backbones;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;

/**
 * PReLU with one learned slope shared by all channels, started at 0.25 (He et al. 2015, as LeNet++
 * and PyTorch's {@code nn.PReLU()} use it): max(x, 0) + a·min(x, 0). DJL's own Prelu block is not
 * implemented by its PyTorch engine.
 */
public final class ParametricRelu extends AbstractBlock {

    private final Parameter alpha;

    public ParametricRelu() {
        alpha = addParameter(Parameter.builder()
                .setName("alpha")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(1))
                .optInitializer(new ConstantInitializer(0.25f))
                .build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray a = ps.getValue(alpha, x.getDevice(), training);
        return new NDList(x.maximum(0f).add(x.minimum(0f).mul(a)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {inputs[0]};
    }
}
