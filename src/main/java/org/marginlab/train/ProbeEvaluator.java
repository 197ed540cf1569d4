package org.marginlab.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.marginlab.config.Backbone;
import org.marginlab.config.DeviceSpec;
import org.marginlab.loss.HeadFunctions;
import org.marginlab.metrics.AngleStatistics;
import org.marginlab.model.backbones.Backbones;
import org.marginlab.run.EpochSnapshot;
import org.marginlab.run.IterationSnapshot;

/**
 * The model seen through the test images, copied off the tensors into plain records: the probes'
 * {@link IterationSnapshot} and the whole test set's {@link EpochSnapshot}. Runs on the training thread,
 * without gradients, each chunk of images in its own {@link NDScope}.
 */
final class ProbeEvaluator {

    private static final int EVAL_CHUNK = 500;

    private final TrainingData data;
    private final int dim;
    private final NDManager manager;
    private final Block backbone;
    private final ParameterStore store;
    private final TrainableHead head;
    private final int[] probe;
    private final int[] probeLabels;
    private final int[] probeIds; // the probes' indices in the original test set, held-out classes included

    ProbeEvaluator(TrainingData data, int dim, int probePerClass, NDManager manager, Block backbone,
                   ParameterStore store, TrainableHead head) {
        this.data = data;
        this.dim = dim;
        this.manager = manager;
        this.backbone = backbone;
        this.store = store;
        this.head = head;
        probe = data.probeIndices(probePerClass);
        probeLabels = new int[probe.length];
        probeIds = new int[probe.length];
        for (int i = 0; i < probe.length; i++) {
            probeLabels[i] = data.test().label(probe[i]);
            probeIds[i] = data.testIds()[probe[i]];
        }
    }

    /**
     * Runs the compact backbone (every demo's) once forward over an evaluation chunk and once backward, on
     * the device runs would take, so that PyTorch's first-call set-up of its kernels is paid before Start:
     * without it the window's first picture (the iteration-0 snapshot's forward over the probes) took
     * 0.7–3.6 s after Start at load 5–6. Changes no run: each seeds the engine in its own set-up.
     */
    static void warmKernels() {
        int side = 28; // Fashion-MNIST's images
        try (NDManager m = NDManager.newBaseManager(DeviceChoice.resolve(DeviceSpec.DEFAULT))) {
            Block b = Backbones.build(Backbone.COMPACT, 3);
            b.initialize(m, DataType.FLOAT32, new Shape(1, 1, side, side));
            ParameterStore ps = new ParameterStore(m, false);
            b.forward(ps, new NDList(m.zeros(new Shape(EVAL_CHUNK, 1, side, side))), false);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(b.forward(ps, new NDList(m.zeros(new Shape(8, 1, side, side))), true).singletonOrThrow().sum());
            }
        } catch (RuntimeException e) {
            // only a head start: the run that follows reports an engine that does not work in its own words
        }
    }

    /** Embeddings (flat N×d), P_y under the training logits, and predictions of the given test images. */
    private record Embedded(float[] features, float[] py, int[] predictions) {
    }

    private Embedded embed(int[] indices, int[] labels, boolean wantPy) {
        float[] feats = new float[indices.length * dim];
        float[] py = wantPy ? new float[indices.length] : null;
        int[] pred = new int[indices.length];
        for (int from = 0; from < indices.length; from += EVAL_CHUNK) {
            int n = Math.min(EVAL_CHUNK, indices.length - from);
            try (NDScope scope = new NDScope()) {
                NDArray x = data.test().images(manager, indices, from, n);
                NDArray e = backbone.forward(store, new NDList(x), false).singletonOrThrow();
                System.arraycopy(e.toFloatArray(), 0, feats, from * dim, n * dim);
                int[] p = head.predictLogits(store, e).argMax(1).toType(DataType.INT32, false).toIntArray();
                System.arraycopy(p, 0, pred, from, n);
                if (wantPy) {
                    int[] lab = new int[n];
                    System.arraycopy(labels, from, lab, 0, n);
                    NDArray y = manager.create(lab);
                    NDArray prob = head.logits(store, e, y, false).softmax(1);
                    float[] picked = prob.mul(y.oneHot((int) prob.getShape().get(1))).sum(new int[] {1}).toFloatArray();
                    System.arraycopy(picked, 0, py, from, n);
                }
                scope.suppressNotUsedWarning();
            }
        }
        return new Embedded(feats, py, pred);
    }

    /**
     * The probes under the model and the head parameters in force at {@code iteration}, with the training
     * figures since the last snapshot, which the session measured.
     */
    IterationSnapshot probes(long iteration, int epoch, double loss, double trainAccuracy, double learningRate,
                             double imagesPerSecond) {
        head.setIteration(iteration);
        Embedded e = embed(probe, probeLabels, true);
        float[][] all = head.weights();
        int k = head.subCenters();
        // with sub-centers, θ_y is to the nearest of the class's k rows; figures get each class's dominant one
        float[] theta = AngleStatistics.thetaY(e.features(), dim, probeLabels, all, k);
        float[][] w = k == 1 ? all : AngleStatistics.dominantSubCenters(e.features(), dim, probeLabels, all, k);
        HeadFunctions f = head.functions();
        float[] grad = new float[probe.length];
        float[][] rows = new float[probe.length][dim];
        for (int i = 0; i < probe.length; i++) {
            System.arraycopy(e.features(), i * dim, rows[i], 0, dim);
            double xNorm = AngleStatistics.norm(rows[i]);
            double wNorm = AngleStatistics.norm(w[probeLabels[i]]);
            grad[i] = (float) ((e.py()[i] - 1.0) * f.targetSlope(theta[i], xNorm, wNorm));
        }
        float[][] centres = head.centers();
        float[] along = AlongFeatureGradient.measure(manager, head, rows, probeLabels, all, centres);
        return new IterationSnapshot(iteration, epoch, rows, probeLabels.clone(), w, centres, theta, grad, loss,
                trainAccuracy, learningRate, imagesPerSecond, head.params(), along, probeIds.clone(), k == 1 ? null : all);
    }

    /** The whole test set at {@code iteration}: accuracy, angle statistics, histograms, similarity, confusion. */
    EpochSnapshot testSet(long iteration, int epoch) {
        int n = data.test().count();
        int c = data.classes();
        int[] all = new int[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
            labels[i] = data.test().label(i);
        }
        Embedded e = embed(all, labels, false);
        int[][] confusion = new int[c][c];
        int hits = 0;
        for (int i = 0; i < n; i++) {
            confusion[labels[i]][e.predictions()[i]]++;
            if (labels[i] == e.predictions()[i]) {
                hits++;
            }
        }
        float[][] rowsW = head.weights();
        int k = head.subCenters();
        float[][] w = k == 1 ? rowsW : AngleStatistics.dominantSubCenters(e.features(), dim, labels, rowsW, k);
        float[][] centres = AngleStatistics.centres(e.features(), dim, labels, c);
        float[] theta = AngleStatistics.thetaY(e.features(), dim, labels, rowsW, k);
        int[] simIdx = data.probeIndices(AngleStatistics.similarityPerClass(c));
        float[][] simRows = new float[simIdx.length][dim];
        int[] simLabels = new int[simIdx.length];
        for (int i = 0; i < simIdx.length; i++) {
            System.arraycopy(e.features(), simIdx[i] * dim, simRows[i], 0, dim);
            simLabels[i] = labels[simIdx[i]];
        }
        return new EpochSnapshot(epoch, iteration, (double) hits / n,
                AngleStatistics.wcIntra(centres, w), AngleStatistics.wInter(w), AngleStatistics.cInter(centres),
                AngleStatistics.edges(AngleStatistics.HISTOGRAM_BINS),
                AngleStatistics.histograms(theta, labels, c, AngleStatistics.HISTOGRAM_BINS),
                AngleStatistics.cosineMatrix(simRows), simLabels, confusion);
    }
}
