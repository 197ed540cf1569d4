package org.marginlab.loss;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The eight classification heads, by their CLI ids. */
public enum HeadKind {
    SOFTMAX("softmax", "Softmax"),
    NORMFACE("normface", "NormFace"),
    SPHEREFACE("sphereface", "SphereFace (A-Softmax)"),
    LSOFTMAX("lsoftmax", "L-Softmax"),
    COSFACE("cosface", "AM-Softmax / CosFace"),
    ARCFACE("arcface", "ArcFace"),
    ARC("arc", "Angular loss"),
    CENTER("center", "Center loss");

    private final String id;
    private final String displayName;

    HeadKind(String id, String displayName) {
        this.id = id;
        this.displayName = displayName;
    }

    public String id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    /** Parses a CLI id; the error names the allowed ids. */
    public static HeadKind fromId(String id) {
        String key = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
        for (HeadKind k : values()) {
            if (k.id.equals(key)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown head '" + id + "'; use one of " + ids());
    }

    public static String ids() {
        return Arrays.stream(values()).map(HeadKind::id).collect(Collectors.joining(", "));
    }
}
