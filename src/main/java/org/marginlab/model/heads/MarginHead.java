package org.marginlab.model.heads;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;

import org.marginlab.loss.HeadKind;
import org.marginlab.loss.HeadParams;

/**
 * The DJL block that owns a head's class weights W (C×d, parameter {@code "weight"}, trained) and, for
 * center loss, its centres (C×d, parameter {@code "centers"}, zeros at start, {@code requiresGradient()
 * == false}: the optimiser must skip it, {@link #updateCenters} moves it). Both are saved and loaded with
 * the block's parameters.
 *
 * <pre>{@code
 * MarginHead block = new MarginHead(kind, baseParams, 10, dim);
 * block.initialize(manager, DataType.FLOAT32, new Shape(batch, dim));
 * NDArray loss = block.loss(ps, x, labels, schedule.at(it), true);   // inside the GradientCollector
 * collector.backward(loss); ... optimiser step on "weight" ...
 * block.updateCenters(ps, x, labels, alpha);                         // center loss only; no-op otherwise
 * NDArray z = block.forward(ps, new NDList(x), false).head();        // no-margin logits; argmax = class
 * }</pre>
 * Do not call {@code freezeParameters(false)} on a tree containing this block: it would make the
 * centres trainable.
 */
public final class MarginHead extends AbstractBlock {
    private static final byte VERSION = 1;

    private final Head head;
    private final int classes;
    private final int dim;
    private final Parameter weight;
    private final Parameter centers;

    public MarginHead(HeadKind kind, HeadParams params, int classes, int dim) {
        super(VERSION);
        if (classes < 1 || dim < 1) {
            throw new IllegalArgumentException("need C ≥ 1 classes and d ≥ 1, got " + classes + ", " + dim);
        }
        this.head = Head.create(kind, params);
        this.classes = classes;
        this.dim = dim;
        this.weight = addParameter(Parameter.builder()
                .setName("weight")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape((long) classes * kind.type().subCenters(params), dim))
                .optInitializer(new XavierInitializer())
                .build());
        this.centers = kind.type().hasCenters()
                ? addParameter(Parameter.builder()
                        .setName("centers")
                        .setType(Parameter.Type.RUNNING_MEAN)
                        .optShape(new Shape(classes, dim))
                        .optInitializer(Initializer.ZEROS)
                        .optRequiresGrad(false)
                        .build())
                : null;
    }

    public Head head() {
        return head;
    }

    public int classes() {
        return classes;
    }

    public int dim() {
        return dim;
    }

    /** The class weights W, (C·k)×d with k sub-centers per class (k = 1 but for Sub-center ArcFace). */
    public Parameter weight() {
        return weight;
    }

    /** The centres, C×d, for center loss; {@code null} for the other heads. */
    public Parameter centers() {
        return centers;
    }

    /** Mean training loss of a batch at this iteration's parameters (see {@link Head#loss}). */
    public NDArray loss(ParameterStore ps, NDArray x, NDArray labels, HeadParams current, boolean training) {
        NDArray w = ps.getValue(weight, x.getDevice(), training);
        NDArray c = centers == null ? null : ps.getValue(centers, x.getDevice(), training);
        return head.loss(x, w, labels, c, current);
    }

    /** The logits with margin fed to the cross-entropy (see {@link Head#logits}). */
    public NDArray logits(ParameterStore ps, NDArray x, NDArray labels, HeadParams current, boolean training) {
        return head.logits(x, ps.getValue(weight, x.getDevice(), training), labels, current);
    }

    /** Wen et al.'s α-rule on the centres (see {@link Head#updateCenters}); does nothing for other heads. */
    public void updateCenters(ParameterStore ps, NDArray x, NDArray labels, double alpha) {
        if (centers != null) {
            Head.updateCenters(ps.getValue(centers, x.getDevice(), true), x, labels, alpha);
        }
    }

    /** Input: embeddings x (N×d). Output: the no-margin logits (N×C) whose argmax is the prediction. */
    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        return new NDList(head.predictLogits(x, ps.getValue(weight, x.getDevice(), training)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), classes)};
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        if (inputShapes.length != 1 || inputShapes[0].dimension() != 2 || inputShapes[0].get(1) != dim) {
            throw new IllegalArgumentException("head expects embeddings (N, " + dim + "), got "
                    + java.util.Arrays.toString(inputShapes));
        }
    }

    @Override
    public String toString() {
        return "MarginHead(" + head.kind().id() + ", C=" + classes + ", d=" + dim + ")";
    }

    /** The dtype the parameters were initialised with, or null before initialisation. */
    DataType dataType() {
        return weight.isInitialized() ? weight.getArray().getDataType() : null;
    }
}
