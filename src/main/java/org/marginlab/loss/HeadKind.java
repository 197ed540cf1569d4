package org.marginlab.loss;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The registry of heads: one line per head, in the order menus, tables and figure legends list them. All
 * that a head is lives in its {@link HeadType} class; this enum only names them, so configs, JSON and the
 * command line can refer to a head by its id.
 */
public enum HeadKind {
    SOFTMAX(new SoftmaxHead()),
    NORMFACE(new NormFaceHead()),
    SPHEREFACE(new SphereFaceHead()),
    LSOFTMAX(new LSoftmaxHead()),
    COSFACE(new CosFaceHead()),
    ARCFACE(new ArcFaceHead()),
    ARC(new ArcHead()),
    CENTER(new CenterHead()),
    COMBINED(new CombinedHead()),
    ADACOS(new AdaCosHead()),
    SUBCENTER_ARCFACE(new SubcenterArcFaceHead()),
    CUSTOM(new CustomHead());

    private final HeadType type;

    HeadKind(HeadType type) {
        this.type = type;
    }

    /** Everything about the head. */
    public HeadType type() {
        return type;
    }

    public String id() {
        return type.id();
    }

    public String displayName() {
        return type.displayName();
    }

    /** Parses a CLI id; the error names the allowed ids. */
    public static HeadKind fromId(String id) {
        String key = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
        for (HeadKind k : values()) {
            if (k.id().equals(key)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown head '" + id + "'; use one of " + ids());
    }

    public static String ids() {
        return Arrays.stream(values()).map(HeadKind::id).collect(Collectors.joining(", "));
    }
}
