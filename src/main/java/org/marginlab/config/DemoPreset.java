package org.marginlab.config;

import java.util.List;

import org.marginlab.loss.HeadKind;

/**
 * The named demos, in one place: each sets every setting in one click (the window's Demo menu, the
 * headless {@code ./marginlab}, {@code ui-bench --demo}). A demo with several heads is a comparison
 * trained in turn with the same seed and data order. Each starts from {@link TrainConfig#defaults} of
 * its head, with a cadence made for watching: a snapshot every {@value #SNAPSHOT_EVERY} iterations, denser
 * over the {@link TrainConfig#WATCHED_START watched start}, and {@value #PROBE_PER_CLASS} probes per class, so
 * the first clusters show within seconds.
 */
public enum DemoPreset {
    SPHERE_ARCFACE("3-D sphere, ArcFace", 3, HeadKind.ARCFACE),
    CIRCLE_SOFTMAX_VS_ARCFACE("2-D: Softmax vs ArcFace", 2, HeadKind.SOFTMAX, HeadKind.ARCFACE),
    CIRCLE_FOUR_HEADS("2-D: Softmax, CosFace, ArcFace, angular loss", 2,
            HeadKind.SOFTMAX, HeadKind.COSFACE, HeadKind.ARCFACE, HeadKind.ARC),
    SPHERE_SOFTMAX_VS_NORMFACE("3-D: Softmax vs NormFace", 3, HeadKind.SOFTMAX, HeadKind.NORMFACE),
    CIRCLE_ANGULAR("2-D circle, angular loss (s = 7)", 2, HeadKind.ARC),
    CIRCLE_CENTER("2-D, Center loss", 2, HeadKind.CENTER);

    /** What {@code ./marginlab} shows first, and what {@code ui-bench --demo} times. */
    public static final DemoPreset DEFAULT = SPHERE_ARCFACE;
    static final int SNAPSHOT_EVERY = 10;
    static final int PROBE_PER_CLASS = 50;

    private final String title;
    private final int dim;
    private final List<HeadKind> heads;

    DemoPreset(String title, int dim, HeadKind... heads) {
        this.title = title;
        this.dim = dim;
        this.heads = List.of(heads);
    }

    public String title() {
        return title;
    }

    /** One head, or two to four compared side by side. */
    public List<HeadKind> heads() {
        return heads;
    }

    public boolean compares() {
        return heads.size() > 1;
    }

    /** The settings of the demo's first head (the others take their own head defaults). */
    public TrainConfig config() {
        return TrainConfig.defaults(heads.getFirst()).toBuilder().dim(dim).probePerClass(PROBE_PER_CLASS)
                .snapshotEvery(SNAPSHOT_EVERY).earlySnapshots(TrainConfig.WATCHED_START).build();
    }
}
