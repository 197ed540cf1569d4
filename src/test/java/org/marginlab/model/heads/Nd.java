package org.marginlab.model.heads;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/** Small conversions between Java arrays and NDArrays for the head tests. */
final class Nd {
    private Nd() {
    }

    static NDArray of(NDManager m, double[][] v, DataType type) {
        return m.create(v).toType(type, false);
    }

    static double scalar(NDArray a) {
        return a.toType(DataType.FLOAT64, false).toDoubleArray()[0];
    }

    static double[][] mat(NDArray a) {
        int rows = (int) a.getShape().get(0);
        int cols = (int) a.getShape().get(1);
        double[] flat = a.toType(DataType.FLOAT64, false).toDoubleArray();
        double[][] out = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(flat, i * cols, out[i], 0, cols);
        }
        return out;
    }

    static double[][] copy(double[][] v) {
        double[][] c = new double[v.length][];
        for (int i = 0; i < v.length; i++) {
            c[i] = v[i].clone();
        }
        return c;
    }

    /** Mean cross-entropy of logit rows, in plain doubles (log-sum-exp shifted by the row max). */
    static double crossEntropy(double[][] z, int[] y) {
        double total = 0;
        for (int i = 0; i < z.length; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : z[i]) {
                max = Math.max(max, v);
            }
            double sum = 0;
            for (double v : z[i]) {
                sum += Math.exp(v - max);
            }
            total += max + Math.log(sum) - z[i][y[i]];
        }
        return total / z.length;
    }

    /** Softmax of one logit row. */
    static double[] softmax(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] p = new double[z.length];
        for (int j = 0; j < z.length; j++) {
            p[j] = Math.exp(z[j] - max);
            sum += p[j];
        }
        for (int j = 0; j < z.length; j++) {
            p[j] /= sum;
        }
        return p;
    }

    static boolean allFinite(double[][] m) {
        for (double[] row : m) {
            for (double v : row) {
                if (!Double.isFinite(v)) {
                    return false;
                }
            }
        }
        return true;
    }
}
