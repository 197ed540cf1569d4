package org.marginlab.model.backbones;

import org.marginlab.config.Backbone;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Output shapes and trainable parameter counts worked out by hand from the layer lists. */
class BackbonesTest {

    private static long trainable(Block b) {
        long n = 0;
        for (var p : b.getParameters()) {
            if (p.getValue().requiresGradient()) {
                n += p.getValue().getArray().size();
            }
        }
        return n;
    }

    private static long check(Backbone id, int dim) {
        try (NDManager m = NDManager.newBaseManager()) {
            Block b = Backbones.build(id, dim);
            b.initialize(m, DataType.FLOAT32, new Shape(1, 1, 28, 28));
            NDArray out = b.forward(new ParameterStore(m, false), new NDList(m.randomNormal(new Shape(4, 1, 28, 28))), true)
                    .singletonOrThrow();
            assertEquals(new Shape(4, dim), out.getShape());
            return trainable(b);
        }
    }

    @Test
    void compact() {
        // convs 1·16·9+16, 16·32·9+32, 32·64·9+64; BN γ,β 2·(16+32+64); fc 576·128+128, 128·3+3
        long expected = 160 + 4640 + 18496 + 2 * (16 + 32 + 64) + 73856 + 387;
        assertEquals(expected, check(Backbone.COMPACT, 3));
    }

    @Test
    void lenetpp() {
        // 5×5 convs with bias: 1→32, 32→32, 32→64, 64→64, 64→128, 128→128; six PReLU slopes; fc 1152·2+2
        long convs = (25 * 32 + 32) + (25 * 32 * 32 + 32) + (25 * 32 * 64 + 64) + (25 * 64 * 64 + 64)
                + (25 * 64 * 128 + 128) + (25 * 128 * 128 + 128);
        assertEquals(convs + 6 + 1152 * 2 + 2, check(Backbone.LENETPP, 2));
    }

    @Test
    void resnet20() {
        // stem 9·16 + BN 32; stage 1: 6 convs 9·16·16 + 6 BN 32; stage 2: 9·16·32 + 5·9·32·32 + 6 BN 64
        // + shortcut 16·32 + BN 64; stage 3 likewise with 32→64; fc 64·2+2. No conv biases.
        long stem = 9 * 16 + 32;
        long s1 = 6 * 9 * 16 * 16 + 6 * 32;
        long s2 = 9 * 16 * 32 + 5 * 9 * 32 * 32 + 6 * 64 + 16 * 32 + 64;
        long s3 = 9 * 32 * 64 + 5 * 9 * 64 * 64 + 6 * 128 + 32 * 64 + 128;
        assertEquals(stem + s1 + s2 + s3 + 64 * 2 + 2, check(Backbone.RESNET20, 2));
    }

    @Test
    void preluIsIdentityAboveZeroAndQuarterSlopeBelow() {
        try (NDManager m = NDManager.newBaseManager()) {
            ParametricRelu p = new ParametricRelu();
            p.initialize(m, DataType.FLOAT32, new Shape(3));
            float[] y = p.forward(new ParameterStore(m, false), new NDList(m.create(new float[] {-2, 0, 3})), false)
                    .singletonOrThrow().toFloatArray();
            assertEquals(-0.5f, y[0]);
            assertEquals(0f, y[1]);
            assertEquals(3f, y[2]);
        }
    }

    @Test
    void oneDimensionIsRefused() {
        // Users cannot get here (the catalogue's range is [2, 512]); a caller that skips validation learns why.
        assertThrows(IllegalArgumentException.class, () -> Backbones.build(Backbone.COMPACT, 1));
    }
}
