package org.marginlab.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import org.marginlab.model.heads.Head;

class HeadParamsTest {

    @Test
    void defaultsAreValid() {
        for (HeadKind k : HeadKind.values()) {
            assertTrue(HeadParams.defaults(k).problem(k).isEmpty(), k.id());
            Head.create(k, HeadParams.defaults(k));
        }
    }

    @Test
    void outOfRangeNamesTheParam() {
        assertEquals("m", new HeadParams(16, -0.1, 0, false).problem(HeadKind.COSFACE).orElseThrow().param());
        assertEquals("m", new HeadParams(16, 2.5, 0, false).problem(HeadKind.COSFACE).orElseThrow().param());
        assertEquals("m", new HeadParams(16, Math.PI, 0, false).problem(HeadKind.ARCFACE).orElseThrow().param());
        assertEquals("m", new HeadParams(1, 2.5, 5, false).problem(HeadKind.SPHEREFACE).orElseThrow().param());
        assertEquals("m", new HeadParams(1, 0, 5, false).problem(HeadKind.LSOFTMAX).orElseThrow().param());
        assertEquals("s", new HeadParams(0, 0, 0, false).problem(HeadKind.NORMFACE).orElseThrow().param());
        assertEquals("s", new HeadParams(Double.NaN, 0, 0, false).problem(HeadKind.ARC).orElseThrow().param());
        assertEquals("lambda", new HeadParams(1, 4, -1, false).problem(HeadKind.SPHEREFACE).orElseThrow().param());
        assertEquals("lambda", new HeadParams(1, 0, Double.POSITIVE_INFINITY, false)
                .problem(HeadKind.CENTER).orElseThrow().param());
        // Unused params are not checked: softmax ignores s.
        assertTrue(new HeadParams(-1, -1, -1, false).problem(HeadKind.SOFTMAX).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> Head.create(HeadKind.COSFACE, new HeadParams(16, 3, 0, false)));
    }

    @Test
    void usedByNamesTheJsonKeys() {
        assertEquals(java.util.List.of("s", "m", "easy_margin"), HeadParams.usedBy(HeadKind.ARCFACE));
        assertEquals(java.util.List.of("m", "lambda"), HeadParams.usedBy(HeadKind.SPHEREFACE));
        assertEquals(java.util.List.of("lambda"), HeadParams.usedBy(HeadKind.CENTER));
    }
}
