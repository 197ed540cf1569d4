package org.marginlab.model.backbones;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import org.marginlab.config.Backbone;
import org.marginlab.config.ConfigField;

import java.util.List;


/**
 * The feature extractors. Each maps a batch of 1×28×28 images to d-dimensional embeddings; the last
 * layer is a linear map to d with no activation, so the embedding can point anywhere.
 */
public final class Backbones {

    private Backbones() {
    }

    /** Builds the backbone with embedding dimension {@code dim} (≥ 2, see {@link ConfigField#DIM}). */
    public static Block build(Backbone backbone, int dim) {
        if (dim < 2) {
            throw new IllegalArgumentException("embedding dimension must be at least 2, got " + dim);
        }
        return switch (backbone) {
            case COMPACT -> compact(dim);
            case LENETPP -> lenetpp(dim);
            case RESNET20 -> resnet20(dim);
        };
    }

    /** Three 3×3 conv + BN + ReLU + pool blocks (16, 32, 64), then 576→128 + ReLU, then 128→d. */
    public static SequentialBlock compact(int dim) {
        SequentialBlock net = new SequentialBlock();
        for (int filters : new int[] {16, 32, 64}) {
            net.add(conv(filters, 3, 1, 1, true))
                    .add(BatchNorm.builder().build())
                    .add(Activation.reluBlock())
                    .add(Pool.maxPool2dBlock(new Shape(2, 2)));
        }
        return net.add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(128).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(dim).build());
    }

    /** LeNet++ (Wen et al. 2016): six 5×5 convs with PReLU, max-pool after each pair, then 1152→d. */
    public static SequentialBlock lenetpp(int dim) {
        SequentialBlock net = new SequentialBlock();
        int[] filters = {32, 32, 64, 64, 128, 128};
        for (int i = 0; i < filters.length; i++) {
            net.add(conv(filters[i], 5, 1, 2, true)).add(prelu());
            if (i % 2 == 1) {
                net.add(Pool.maxPool2dBlock(new Shape(2, 2)));
            }
        }
        return net.add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(dim).build());
    }

    /**
     * CIFAR ResNet-20 (He et al. 2016, Sec. 4.2) on 28×28: a 3×3 stem, three stages of three basic
     * blocks with 16/32/64 channels (stride 2 entering stages 2 and 3, projection shortcuts there),
     * global average pooling, then 64→d.
     */
    public static SequentialBlock resnet20(int dim) {
        SequentialBlock net = new SequentialBlock()
                .add(conv(16, 3, 1, 1, false))
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock());
        int[] widths = {16, 32, 64};
        for (int stage = 0; stage < 3; stage++) {
            for (int b = 0; b < 3; b++) {
                boolean down = stage > 0 && b == 0;
                net.add(basicBlock(widths[stage], down ? 2 : 1, down));
            }
        }
        return net.add(Pool.globalAvgPool2dBlock())
                .add(Linear.builder().setUnits(dim).build());
    }

    private static Block basicBlock(int filters, int stride, boolean project) {
        SequentialBlock main = new SequentialBlock()
                .add(conv(filters, 3, stride, 1, false))
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(conv(filters, 3, 1, 1, false))
                .add(BatchNorm.builder().build());
        Block shortcut = project
                ? new SequentialBlock().add(conv(filters, 1, stride, 0, false)).add(BatchNorm.builder().build())
                : Blocks.identityBlock();
        ParallelBlock sum = new ParallelBlock(
                outs -> new NDList(outs.get(0).singletonOrThrow().add(outs.get(1).singletonOrThrow())),
                List.of(main, shortcut));
        return new SequentialBlock().add(sum).add(Activation.reluBlock());
    }

    private static Block conv(int filters, int kernel, int stride, int pad, boolean bias) {
        return Conv2d.builder()
                .setFilters(filters)
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(pad, pad))
                .optBias(bias)
                .build();
    }

    private static Block prelu() {
        return new ParametricRelu();
    }
}
