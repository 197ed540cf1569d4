package org.marginlab.figures.embedding;

/**
 * Principal components of a small point set (rows × d, d up to a few hundred) by a cyclic Jacobi
 * eigen-decomposition of the d × d covariance: exact enough for a picture and free of dependencies.
 */
public final class Pca {

    private final double[] mean;
    private final double[][] components; // k × d, unit rows, by decreasing variance
    private final double explained;      // fraction of total variance in the k components

    private Pca(double[] mean, double[][] components, double explained) {
        this.mean = mean;
        this.components = components;
        this.explained = explained;
    }

    /** Fits the top {@code k} components of {@code rows} (centred at their mean). */
    public static Pca fit(double[][] rows, int k) {
        int d = rows[0].length;
        double[] mean = new double[d];
        for (double[] r : rows) {
            for (int a = 0; a < d; a++) {
                mean[a] += r[a] / rows.length;
            }
        }
        double[][] cov = new double[d][d];
        for (double[] r : rows) {
            for (int a = 0; a < d; a++) {
                double da = r[a] - mean[a];
                for (int b = a; b < d; b++) {
                    cov[a][b] += da * (r[b] - mean[b]);
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                cov[a][b] /= Math.max(1, rows.length - 1);
                cov[b][a] = cov[a][b];
            }
        }
        double[][] v = identity(d);
        jacobi(cov, v);
        Integer[] order = new Integer[d];
        double total = 0;
        for (int i = 0; i < d; i++) {
            order[i] = i;
            total += Math.max(0, cov[i][i]);
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(cov[y][y], cov[x][x]));
        double[][] comps = new double[k][d];
        double kept = 0;
        for (int c = 0; c < k; c++) {
            int col = order[c];
            kept += Math.max(0, cov[col][col]);
            for (int a = 0; a < d; a++) {
                comps[c][a] = v[a][col];
            }
        }
        return new Pca(mean, comps, total > 0 ? kept / total : 1);
    }

    /** Coordinates of {@code x} (centred) on the components. */
    public double[] project(double[] x) {
        double[] out = new double[components.length];
        for (int c = 0; c < components.length; c++) {
            double s = 0;
            for (int a = 0; a < x.length; a++) {
                s += (x[a] - mean[a]) * components[c][a];
            }
            out[c] = s;
        }
        return out;
    }

    /** A direction (not a point) on the components: no centring, for the class weight rays. */
    public double[] projectDirection(double[] x) {
        double[] out = new double[components.length];
        for (int c = 0; c < components.length; c++) {
            double s = 0;
            for (int a = 0; a < x.length; a++) {
                s += x[a] * components[c][a];
            }
            out[c] = s;
        }
        return out;
    }

    /** Fraction of the variance the kept components explain, in [0, 1]. */
    public double explainedVariance() {
        return explained;
    }

    private static double[][] identity(int d) {
        double[][] m = new double[d][d];
        for (int i = 0; i < d; i++) {
            m[i][i] = 1;
        }
        return m;
    }

    /** Diagonalises symmetric {@code a} in place; eigenvectors accumulate in the columns of {@code v}. */
    private static void jacobi(double[][] a, double[][] v) {
        int n = a.length;
        for (int sweep = 0; sweep < 60; sweep++) {
            double off = 0;
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    off += a[p][q] * a[p][q];
                }
            }
            if (off < 1e-22) {
                return;
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (Math.abs(a[p][q]) < 1e-300) {
                        continue;
                    }
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int k = 0; k < n; k++) {
                        double akp = a[k][p];
                        double akq = a[k][q];
                        a[k][p] = c * akp - s * akq;
                        a[k][q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < n; k++) {
                        double apk = a[p][k];
                        double aqk = a[q][k];
                        a[p][k] = c * apk - s * aqk;
                        a[q][k] = s * apk + c * aqk;
                    }
                    for (int k = 0; k < n; k++) {
                        double vkp = v[k][p];
                        double vkq = v[k][q];
                        v[k][p] = c * vkp - s * vkq;
                        v[k][q] = s * vkp + c * vkq;
                    }
                }
            }
        }
    }
}
