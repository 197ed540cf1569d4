package org.marginlab.model.heads;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.marginlab.loss.HeadFunctions;
import org.marginlab.loss.HeadKind;
import org.marginlab.loss.HeadParams;
import org.marginlab.loss.MarginSchedule;
import org.marginlab.model.Scalars;

/**
 * One classification head as differentiable NDArray maths (DJL, PyTorch engine autograd), in float32
 * (training) or float64 (tests, {@code marginlab loss}). The weights W (C×d) and, for center loss, the
 * centres (C×d) are passed in; {@link MarginHead} is the DJL block that owns them.
 *
 * <h2>API for the training engine</h2>
 * <pre>{@code
 * Head head = Head.create(kind, baseParams);
 * HeadParams now = schedule.at(iteration);                       // MarginSchedule: annealed λ, warmed-up m
 * NDArray loss = head.loss(x, w, labels, centersOrNull, now);    // scalar mean loss, inside the collector
 * NDArray z = head.logits(x, w, labels, now);                    // N×C, what the cross-entropy sees
 * NDArray p = head.predictLogits(x, w);                          // N×C, no margin: argmax(1) = prediction
 * NDArray t = Head.angles(x, w);                                 // N×C θ in radians, same clip as the heads
 * Head.updateCenters(centers, x, labels, alpha);                 // center loss, after backward, in place
 * }</pre>
 * Shapes: x N×d (float32 or float64), w C×d (same type), labels N (any integer type, 0 ≤ y &lt; C),
 * centres C×d. Every method works in whatever manager its arguments live in, closes its own
 * intermediates (NDScope) and attaches its result to {@code x}'s manager, so a batch-scoped manager
 * frees everything a call created; W and the centres are never given new arrays in their manager.
 *
 * <h2>Numerics (identical in both precisions)</h2>
 * Normalisation is {@code v / max(‖v‖, 1e-12)}. "cos θ" in a formula is the computed cosine of the
 * normalised vectors, unclamped; "θ" is {@code acos(clip(cos θ, −1+1e-7, 1−1e-7))}, so every acos has a
 * finite slope. ψ's k = ⌊mθ/π⌋ (clamped to 0…m−1) is computed from a detached θ: no gradient through k.
 * ‖x‖ and ‖W_y‖ in SphereFace / L-Softmax are the same floored norms. The cross-entropy is
 * {@code −logSoftmax(z)_y}, averaged over the batch. Constants that autograd sees are {@link Scalars}
 * (memory PyTorch owns), never DJL's {@code Number} overloads.
 *
 * <p>A head is about thirty tiny ops; on a busy CPU PyTorch's intra-op threading makes each of them far
 * slower than one thread would (see the engine's thread setting, {@code ai.djl.pytorch.num_threads}).
 */
public final class Head {

    private final HeadKind kind;
    private final HeadParams params;

    private Head(HeadKind kind, HeadParams params) {
        this.kind = kind;
        this.params = params;
    }

    /** A head with base parameters; the per-iteration ones are passed to {@link #logits}/{@link #loss}. */
    public static Head create(HeadKind kind, HeadParams params) {
        if (kind == null || params == null) {
            throw new IllegalArgumentException("head kind and params are required");
        }
        checkParams(kind, params);
        return new Head(kind, params);
    }

    public HeadKind kind() {
        return kind;
    }

    public HeadParams params() {
        return params;
    }

    /** The analytic side of this head at the given parameters (plain doubles, for the figures). */
    public HeadFunctions functions(HeadParams current) {
        return HeadFunctions.of(kind, current);
    }

    /** {@link #logits(NDArray, NDArray, NDArray, HeadParams)} at the base parameters. */
    public NDArray logits(NDArray x, NDArray w, NDArray labels) {
        return logits(x, w, labels, params);
    }

    /**
     * The N×C logits fed to the cross-entropy, margin and scale included (the table of issue 3).
     *
     * @param current this iteration's parameters (annealed λ, warmed-up m); see {@link MarginSchedule}
     */
    public NDArray logits(NDArray x, NDArray w, NDArray labels, HeadParams current) {
        checkShapes(x, w, labels, current);
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray z = marginLogits(x, w, indices(labels, x), current);
            return keep(z, x.getManager());
        }
    }

    /**
     * Mean loss over the batch, a 0-d array of x's type: cross-entropy of {@link #logits}, plus for center
     * loss λ·Σ‖x_i − c_{y_i}‖²/(2N) with λ = {@code current.lambda()}.
     *
     * @param centers C×d centres for center loss (ignored, may be null, for the other heads)
     */
    public NDArray loss(NDArray x, NDArray w, NDArray labels, NDArray centers, HeadParams current) {
        checkShapes(x, w, labels, current);
        if (kind.type().hasCenters()) {
            if (centers == null) {
                throw new IllegalArgumentException("center loss needs the C×d centres");
            }
            if (!centers.getShape().equals(w.getShape())) {
                throw new IllegalArgumentException("centres must be " + w.getShape() + ", got " + centers.getShape());
            }
        }
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray y = indices(labels, x).reshape(-1, 1);
            NDArray z = marginLogits(x, w, y.reshape(-1), current);
            NDArray loss = z.logSoftmax(1).gather(y, 1).neg().mean();
            if (kind.type().hasCenters()) {
                long n = x.getShape().get(0);
                NDArray cy = oneHot(y.reshape(-1), w.getShape().get(0), x.getDataType()).dot(centers);
                NDArray center = x.sub(cy).square().mul(scalar(x, current.lambda() / (2.0 * n))).sum();
                loss = loss.add(center);
            }
            if (loss.getDataType() != x.getDataType()) {
                throw new IllegalStateException("loss came out " + loss.getDataType() + " for " + x.getDataType());
            }
            return keep(loss, x.getManager());
        }
    }

    /** {@link #loss(NDArray, NDArray, NDArray, NDArray, HeadParams)} at the base parameters. */
    public NDArray loss(NDArray x, NDArray w, NDArray labels, NDArray centers) {
        return loss(x, w, labels, centers, params);
    }

    /**
     * N×C logits without any margin, at the base scale: every class gets the non-target formula. Its
     * argmax over axis 1 is the head's prediction (for the angular heads, the class of smallest θ).
     */
    public NDArray predictLogits(NDArray x, NDArray w) {
        if (x.getShape().dimension() != 2 || w.getShape().dimension() != 2
                || x.getShape().get(1) != w.getShape().get(1)) {
            throw new IllegalArgumentException("need x N×d and w C×d, got " + x.getShape() + " and " + w.getShape());
        }
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            return keep(plainLogits(x, w, params), x.getManager());
        }
    }

    /**
     * N×C angles θ_ij between the rows of x and of w, in radians: acos of the clipped cosine, exactly as
     * the heads use them (for θ_y probes, histograms and angle statistics). No margin, no scale.
     */
    static NDArray angles(NDArray x, NDArray w) {
        if (x.getShape().dimension() != 2 || w.getShape().dimension() != 2
                || x.getShape().get(1) != w.getShape().get(1)) {
            throw new IllegalArgumentException("need x N×d and w C×d, got " + x.getShape() + " and " + w.getShape());
        }
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            return keep(angle(cosine(x, w)), x.getManager());
        }
    }

    /**
     * cos θ of the rows of x against the classes of w (N×C; with k sub-centers per class the largest of each
     * class's k), detached and copied to the host in float64: what AdaCos's scale is computed from.
     */
    public static double[][] cosineRows(NDArray x, NDArray w, int subCenters) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray cos = new BatchTensors(x.stopGradient(), w.stopGradient(), null, subCenters).cosine();
            int rows = (int) cos.getShape().get(0);
            int cols = (int) cos.getShape().get(1);
            double[] flat = cos.toType(DataType.FLOAT64, false).toDoubleArray();
            double[][] out = new double[rows][cols];
            for (int i = 0; i < rows; i++) {
                System.arraycopy(flat, i * cols, out[i], 0, cols);
            }
            return out;
        }
    }

    /**
     * Wen et al.'s centre step, in place on {@code centers} (which must not require a gradient):
     * Δc_j = Σ_{y_i=j}(c_j − x_i)/(1 + n_j), c_j ← c_j − α·Δc_j. Uses x detached from the graph, so it may
     * be called inside or outside a gradient collector; call it once per iteration after backward.
     *
     * @return {@code centers}, updated
     */
    public static NDArray updateCenters(NDArray centers, NDArray x, NDArray labels, double alpha) {
        if (centers.getShape().dimension() != 2 || x.getShape().dimension() != 2
                || centers.getShape().get(1) != x.getShape().get(1)
                || labels.getShape().size() != x.getShape().get(0)) {
            throw new IllegalArgumentException("need centres C×d, x N×d, labels N; got " + centers.getShape()
                    + ", " + x.getShape() + ", " + labels.getShape());
        }
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray xd = x.stopGradient().toDevice(centers.getDevice(), false);
            NDArray hot = oneHot(indices(labels, centers).reshape(-1),
                    centers.getShape().get(0), centers.getDataType()); // N×C
            NDArray counts = hot.sum(new int[] {0}).reshape(-1, 1); // C×1: n_j
            NDArray sums = hot.transpose().dot(xd.toType(centers.getDataType(), false)); // C×d: Σ x_i
            NDArray delta = counts.mul(centers).sub(sums).div(counts.add(1));
            centers.subi(delta.mul(alpha));
        }
        return centers;
    }

    // ---------------------------------------------------------------------------------------------

    private NDArray marginLogits(NDArray x, NDArray w, NDArray y, HeadParams p) {
        return kind.type().logits(new BatchTensors(x, w, y, kind.type().subCenters(p)), p);
    }

    private NDArray plainLogits(NDArray x, NDArray w, HeadParams p) {
        return kind.type().plainLogits(new BatchTensors(x, w, null, kind.type().subCenters(p)), p);
    }

    /**
     * θ = acos of the clipped cosine. The clip is PyTorch's clamp written with owned bounds (DJL's
     * {@code clip} builds them from Java memory): the same values, and the gradient passes where
     * lo ≤ cos ≤ hi.
     */
    static NDArray angle(NDArray cos) {
        NDArray lo = scalar(cos, -1 + HeadFunctions.COS_CLIP).broadcast(cos.getShape());
        NDArray hi = scalar(cos, 1 - HeadFunctions.COS_CLIP).broadcast(cos.getShape());
        return NDArrays.where(cos.lt(lo), lo, NDArrays.where(cos.gt(hi), hi, cos)).acos();
    }

    /** N×C cosines between the rows of x and of w. */
    static NDArray cosine(NDArray x, NDArray w) {
        return x.div(norm(x)).dot(w.div(norm(w)).transpose());
    }

    /** Row norms as a column, floored at {@link HeadFunctions#NORM_EPS}. */
    static NDArray norm(NDArray v) {
        return v.norm(new int[] {1}, true).maximum(scalar(v, HeadFunctions.NORM_EPS));
    }

    /** A constant for the autograd path; see {@link Scalars} for why not a plain number. */
    private static NDArray scalar(NDArray like, double value) {
        return Scalars.of(like, value);
    }

    static NDArray replaceTarget(NDArray others, NDArray targetCol, NDArray yCol) {
        long c = others.getShape().get(1);
        NDArray mask = oneHot(yCol, c, DataType.BOOLEAN);
        return NDArrays.where(mask, targetCol.broadcast(others.getShape()), others);
    }

    /** Labels as int64 on the device of {@code like} (a no-op when they already are). */
    private static NDArray indices(NDArray labels, NDArray like) {
        return labels.toType(DataType.INT64, false).toDevice(like.getDevice(), false);
    }

    /** N×C indicator of y (0/1 in the given type; BOOLEAN gives a mask). */
    static NDArray oneHot(NDArray y, long classes, DataType type) {
        NDArray mask = y.reshape(-1, 1).eq(y.getManager().arange(0, (int) classes, 1, DataType.INT64).reshape(1, -1));
        return type == DataType.BOOLEAN ? mask : mask.toType(type, false);
    }

    private static void checkParams(HeadKind kind, HeadParams p) {
        p.problem(kind).ifPresent(pr -> {
            throw new IllegalArgumentException(kind.id() + " param " + pr.param() + " " + pr.reason());
        });
    }

    private void checkShapes(NDArray x, NDArray w, NDArray labels, HeadParams current) {
        checkParams(kind, current);
        Shape xs = x.getShape();
        Shape ws = w.getShape();
        if (xs.dimension() != 2 || ws.dimension() != 2 || xs.get(1) != ws.get(1)) {
            throw new IllegalArgumentException("need x N×d and w C×d, got " + xs + " and " + ws);
        }
        if (labels.getShape().size() != xs.get(0)) {
            throw new IllegalArgumentException("need " + xs.get(0) + " labels, got " + labels.getShape());
        }
        if (x.getDataType() != w.getDataType()) {
            throw new IllegalArgumentException("x is " + x.getDataType() + " but w is " + w.getDataType());
        }
    }

    /** Keeps a result past the NDScope and hands it to the caller's batch manager. */
    private static NDArray keep(NDArray result, NDManager manager) {
        NDScope.unregister(result);
        result.attach(manager);
        return result;
    }
}
