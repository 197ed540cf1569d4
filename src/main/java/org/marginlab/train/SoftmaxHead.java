package org.marginlab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.marginlab.model.heads.HeadFunctions;
import org.marginlab.model.heads.HeadKind;
import org.marginlab.model.heads.HeadParams;

/** Plain softmax cross-entropy on logits W_j·x (no bias): the engine's own baseline head. */
public final class SoftmaxHead implements TrainableHead {

    private final WeightBlock block;

    public SoftmaxHead(int classes) {
        this.block = new WeightBlock(classes);
    }

    @Override
    public Block block() {
        return block;
    }

    @Override
    public NDArray logits(ParameterStore ps, NDArray x, NDArray labels, boolean training) {
        return predictLogits(ps, x);
    }

    @Override
    public NDArray predictLogits(ParameterStore ps, NDArray x) {
        return block.forward(ps, new NDList(x), false).singletonOrThrow();
    }

    @Override
    public NDArray loss(ParameterStore ps, NDArray x, NDArray labels, boolean training) {
        return crossEntropy(logits(ps, x, labels, training), labels);
    }

    /** Mean of −log softmax(logits)[y]. */
    public static NDArray crossEntropy(NDArray logits, NDArray labels) {
        NDArray lsm = logits.logSoftmax(1);
        NDArray picked = lsm.mul(labels.oneHot((int) logits.getShape().get(1))).sum(new int[] {1});
        return picked.mean().neg();
    }

    @Override
    public HeadFunctions functions() {
        return HeadFunctions.of(HeadKind.SOFTMAX, HeadParams.defaults(HeadKind.SOFTMAX));
    }

    @Override
    public float[][] weights() {
        NDArray w = block.weight.getArray();
        int c = (int) w.getShape().get(0);
        int d = (int) w.getShape().get(1);
        float[] flat = w.toFloatArray();
        float[][] out = new float[c][d];
        for (int j = 0; j < c; j++) {
            System.arraycopy(flat, j * d, out[j], 0, d);
        }
        return out;
    }

    @Override
    public String describe() {
        return "softmax";
    }

    private static final class WeightBlock extends AbstractBlock {
        private final int classes;
        private final Parameter weight;

        WeightBlock(int classes) {
            this.classes = classes;
            this.weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT).build());
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
            NDArray x = inputs.singletonOrThrow();
            NDArray w = ps.getValue(weight, x.getDevice(), training);
            return new NDList(x.matMul(w.transpose()));
        }

        @Override
        public void prepare(Shape[] inputShapes) {
            weight.setShape(new Shape(classes, inputShapes[0].get(1)));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputs) {
            return new Shape[] {new Shape(inputs[0].get(0), classes)};
        }

        @Override
        public void initializeChildBlocks(ai.djl.ndarray.NDManager manager, DataType dataType, Shape... inputShapes) {
        }
    }
}
