package org.marginlab.ui;

import org.marginlab.run.EpochSnapshot;
import org.marginlab.run.IterationSnapshot;

/** Small synthetic snapshots for view-model tests: class j's probes sit near the unit vector at angle 2πj/C. */
public final class Snapshots {
    private Snapshots() {
    }

    public static IterationSnapshot iteration(long it, int classes, int perClass) {
        int n = classes * perClass;
        float[][] emb = new float[n][2];
        int[] labels = new int[n];
        float[][] w = new float[classes][2];
        float[] theta = new float[n];
        float[] grad = new float[n];
        for (int j = 0; j < classes; j++) {
            double a = 2 * Math.PI * j / classes;
            w[j] = new float[] {(float) Math.cos(a), (float) Math.sin(a)};
            for (int k = 0; k < perClass; k++) {
                int i = j * perClass + k;
                double jitter = 0.05 * (k - perClass / 2.0) / perClass;
                emb[i] = new float[] {(float) (3 * Math.cos(a + jitter)), (float) (3 * Math.sin(a + jitter))};
                labels[i] = j;
                theta[i] = (float) Math.abs(jitter);
                grad[i] = -1f;
            }
        }
        // the engine records the head parameters in force; these synthetic probes claim s = 1, m = λ = 0
        return new IterationSnapshot(it, 0, emb, labels, w, null, theta, grad, 1.0 / (it + 1), 0.5, 1e-3, 1000,
                new org.marginlab.loss.HeadParams(1, 0, 0, false), null);
    }

    public static EpochSnapshot epoch(int epoch, long it, int classes) {
        int bins = 18;
        double[] edges = new double[bins + 1];
        for (int b = 0; b <= bins; b++) {
            edges[b] = Math.PI * b / bins;
        }
        int[][] hist = new int[classes][bins];
        for (int j = 0; j < classes; j++) {
            hist[j][epoch % bins] = 10;
        }
        float[][] sim = new float[classes][classes];
        int[] simLabels = new int[classes];
        int[][] conf = new int[classes][classes];
        for (int j = 0; j < classes; j++) {
            sim[j][j] = 1;
            simLabels[j] = j;
            conf[j][j] = 10;
        }
        return new EpochSnapshot(epoch, it, 0.8, 0.3, 1.6, 1.5, edges, hist, sim, simLabels, conf);
    }
}
