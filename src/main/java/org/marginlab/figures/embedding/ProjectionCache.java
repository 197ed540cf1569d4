package org.marginlab.figures.embedding;

import org.marginlab.run.IterationSnapshot;

/**
 * Keeps the last snapshot's projection: drags and live repaints redraw many times a second while the
 * snapshot stays the same, and projecting (PCA above the plot's dimension) is the costly part.
 */
final class ProjectionCache {
    private final int dims;
    private IterationSnapshot cachedFor;
    private boolean cachedNormalised;
    private Projection cached;

    ProjectionCache(int dims) {
        this.dims = dims;
    }

    Projection of(IterationSnapshot s, boolean normalised) {
        if (s != cachedFor || normalised != cachedNormalised) {
            cached = Projection.of(s, dims, normalised);
            cachedFor = s;
            cachedNormalised = normalised;
        }
        return cached;
    }
}
