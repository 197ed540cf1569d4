package org.marginlab.figures;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.marginlab.loss.HeadFunctions;
import org.marginlab.loss.HeadKind;
import org.marginlab.loss.HeadParams;
import org.marginlab.run.EpochSnapshot;
import org.marginlab.run.IterationSnapshot;
import org.marginlab.config.TrainConfig;

/**
 * Builds a plausible run history for tests and the gallery: class weights spread over the circle /
 * sphere, probe embeddings clustered around their class weight with a spread that shrinks over time,
 * and epoch statistics computed from those embeddings.
 */
public final class SyntheticRun {
    private SyntheticRun() {
    }

    public static RunData build(HeadKind head, int dim, int epochs, int snapshotsPerEpoch, int probes, long seed) {
        return build(head, dim, epochs, snapshotsPerEpoch, probes, seed, 10);
    }

    /**
     * A run over {@code c} classes; beyond ten, its config records a data set (CIFAR-100-like, 32×32 RGB) whose
     * class names are "name0" … so figures must take names from the run, not from Fashion-MNIST.
     */
    public static RunData build(HeadKind head, int dim, int epochs, int snapshotsPerEpoch, int probes, long seed, int c) {
        Random rnd = new Random(seed);
        TrainConfig.Builder b = TrainConfig.defaults(head).toBuilder().dim(dim).epochs(epochs).seed(seed);
        if (c != 10) {
            b.dataset(new org.marginlab.data.DataRecord("cifar-100-binary", "/data/cifar-100-binary", 50_000, 10_000, 3, 32, 32,
                    null, java.util.stream.IntStream.range(0, c).mapToObj(k -> "name" + k).toList()));
        }
        TrainConfig cfg = b.build();
        float[][] w = weights(c, dim, rnd);
        HeadFunctions f = HeadFunctions.of(head, cfg.headParams());
        List<IterationSnapshot> its = new ArrayList<>();
        List<EpochSnapshot> eps = new ArrayList<>();
        int itersPerEpoch = 469;
        int total = epochs * snapshotsPerEpoch;
        for (int k = 0; k < total; k++) {
            double progress = (k + 1) / (double) total;
            double spread = 0.9 * Math.exp(-3 * progress) + 0.08;
            int epoch = k / snapshotsPerEpoch;
            long iter = (long) Math.round((k + 1) * (double) itersPerEpoch / snapshotsPerEpoch);
            float[][] emb = new float[probes][];
            int[] lab = new int[probes];
            float[] th = new float[probes];
            float[] g = new float[probes];
            for (int i = 0; i < probes; i++) {
                int y = i % c;
                lab[i] = y;
                double norm = 2 + 6 * progress + rnd.nextGaussian() * 0.5;
                double[] v = new double[dim];
                double len = 0;
                for (int a = 0; a < dim; a++) {
                    v[a] = w[y][a] / norm(w[y]) + rnd.nextGaussian() * spread * 0.6;
                    len += v[a] * v[a];
                }
                len = Math.sqrt(len);
                emb[i] = new float[dim];
                for (int a = 0; a < dim; a++) {
                    emb[i][a] = (float) (v[a] / len * Math.abs(norm));
                }
                th[i] = (float) angle(emb[i], w[y]);
                g[i] = (float) (crossEntropySlope(f, emb[i], w, y) * (1 + 0.03 * rnd.nextGaussian()));
            }
            double loss = 2.3 * Math.exp(-2.5 * progress) + 0.2 + 0.03 * rnd.nextGaussian();
            double acc = 0.1 + 0.8 * (1 - Math.exp(-4 * progress)) + 0.01 * rnd.nextGaussian();
            double lr = 1e-3 * (epoch < epochs / 2 ? 1 : 0.1);
            IterationSnapshot s = new IterationSnapshot(iter + (long) epoch * 0, epoch, emb, lab, w, null, th, g,
                    loss, acc, lr, 2500 + 100 * rnd.nextGaussian(), cfg.headParams(), null); // generated at the configured params
            its.add(s);
            if ((k + 1) % snapshotsPerEpoch == 0) {
                eps.add(epochOf(epoch, iter, s, c, rnd));
            }
        }
        return new RunData(null, cfg, its, eps);
    }

    /** ∂L/∂θ_y of cross-entropy over the head's logits, written out independently of the figure code. */
    static double crossEntropySlope(HeadFunctions f, float[] x, float[][] w, int y) {
        double xn = norm(x);
        double[] z = new double[w.length];
        for (int j = 0; j < w.length; j++) {
            double th = angle(x, w[j]);
            z[j] = j == y ? f.targetLogit(th, xn, norm(w[j])) : f.otherLogit(th, xn, norm(w[j]));
        }
        double sum = 0;
        for (double v : z) {
            sum += Math.exp(v - z[y]);
        }
        double py = 1 / sum;
        return (py - 1) * f.targetSlope(angle(x, w[y]), xn, norm(w[y]));
    }

    static EpochSnapshot epochOf(int epoch, long iter, IterationSnapshot s, int c, Random rnd) {
        int bins = 36;
        double[] edges = new double[bins + 1];
        for (int b = 0; b <= bins; b++) {
            edges[b] = Math.PI * b / bins;
        }
        int[][] hist = new int[c][bins];
        double intra = 0;
        for (int i = 0; i < s.thetaY().length; i++) {
            int b = Math.min(bins - 1, (int) (s.thetaY()[i] / Math.PI * bins));
            hist[s.probeLabels()[i]][b]++;
            intra += s.thetaY()[i];
        }
        intra /= s.thetaY().length;
        double inter = 0;
        for (int i = 0; i < c; i++) {
            for (int j = 0; j < c; j++) {
                if (i != j) {
                    inter += angle(s.weights()[i], s.weights()[j]);
                }
            }
        }
        inter /= c * c - c;
        int m = Math.min(100, s.embeddings().length);
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Integer.compare(s.probeLabels()[a], s.probeLabels()[b]));
        float[][] sim = new float[m][m];
        int[] simLab = new int[m];
        for (int a = 0; a < m; a++) {
            simLab[a] = s.probeLabels()[order[a]];
            for (int b = 0; b < m; b++) {
                sim[a][b] = (float) Math.cos(angle(s.embeddings()[order[a]], s.embeddings()[order[b]]));
            }
        }
        int[][] conf = new int[c][c];
        double acc = 0.6 + 0.3 * (1 - Math.exp(-epoch));
        for (int t = 0; t < c; t++) {
            for (int k = 0; k < 1000; k++) {
                int p = rnd.nextDouble() < acc ? t : rnd.nextInt(c);
                conf[t][p]++;
            }
        }
        double test = 0;
        for (int t = 0; t < c; t++) {
            test += conf[t][t];
        }
        return new EpochSnapshot(epoch, iter, test / (c * 1000.0), intra, inter, inter * 0.97, edges, hist,
                sim, simLab, conf);
    }

    static float[][] weights(int c, int dim, Random rnd) {
        float[][] w = new float[c][dim];
        if (dim == 2) {
            for (int j = 0; j < c; j++) {
                double a = 2 * Math.PI * j / c + 0.1;
                double r = 3 + 0.5 * j % 3;
                w[j][0] = (float) (r * Math.cos(a));
                w[j][1] = (float) (r * Math.sin(a));
            }
            return w;
        }
        // golden-spiral directions on the sphere, padded with small noise in higher dimensions
        for (int j = 0; j < c; j++) {
            double z = 1 - 2 * (j + 0.5) / c;
            double r = Math.sqrt(1 - z * z);
            double a = j * Math.PI * (3 - Math.sqrt(5));
            w[j][0] = (float) (3 * r * Math.cos(a));
            w[j][1] = (float) (3 * r * Math.sin(a));
            w[j][2] = (float) (3 * z);
            for (int k = 3; k < dim; k++) {
                w[j][k] = (float) (rnd.nextGaussian() * 0.3);
            }
        }
        return w;
    }

    static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        return Math.sqrt(s);
    }

    static double angle(float[] a, float[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d += a[i] * b[i];
        }
        return Math.acos(Math.max(-1, Math.min(1, d / (norm(a) * norm(b)))));
    }

    /** Default params for a head, handy in tests. */
    public static HeadParams params(HeadKind k) {
        return HeadParams.defaults(k);
    }
}
