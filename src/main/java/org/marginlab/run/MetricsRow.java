package org.marginlab.run;

import org.marginlab.CsvNumbers;

/**
 * One row of {@code metrics.csv}. Unknown values are NaN in memory and empty cells on disk: test accuracy
 * and the test-set angle statistics ({@code wc_intra, w_inter, c_inter}) are known only at the end of an
 * epoch; the probe-set statistics ({@code probe_*}), loss, accuracy and speed only at snapshots; {@code s, m,
 * lambda} are the head parameters in force at the row's iteration (warmed-up or annealed).
 */
public record MetricsRow(long iteration, int epoch, double loss, double trainAccuracy, double testAccuracy,
                         double learningRate, double wcIntra, double wInter, double cInter, double imagesPerSecond,
                         double probeWcIntra, double probeWInter, double probeCInter, double s, double m,
                         double lambda) {

    public static final String HEADER = "iteration,epoch,loss,train_acc,test_acc,lr,wc_intra,w_inter,c_inter,"
            + "images_per_s,probe_wc_intra,probe_w_inter,probe_c_inter,s,m,lambda";
    /** Columns of files written before the probe statistics and live parameters were added. */
    private static final int OLD_COLUMNS = 10;
    private static final int COLUMNS = 16;

    /** A row of the columns older runs have; the rest unknown. */
    public MetricsRow(long iteration, int epoch, double loss, double trainAccuracy, double testAccuracy,
                      double learningRate, double wcIntra, double wInter, double cInter, double imagesPerSecond) {
        this(iteration, epoch, loss, trainAccuracy, testAccuracy, learningRate, wcIntra, wInter, cInter,
                imagesPerSecond, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    /** The same row with another measured speed (a recomputed row equals the one on record but for it). */
    public MetricsRow withImagesPerSecond(double v) {
        return new MetricsRow(iteration, epoch, loss, trainAccuracy, testAccuracy, learningRate, wcIntra, wInter, cInter,
                v, probeWcIntra, probeWInter, probeCInter, s, m, lambda);
    }

    public String toCsv() {
        double[] v = {loss, trainAccuracy, testAccuracy, learningRate, wcIntra, wInter, cInter, imagesPerSecond,
                probeWcIntra, probeWInter, probeCInter, s, m, lambda};
        StringBuilder b = new StringBuilder().append(iteration).append(',').append(epoch);
        for (double x : v) {
            b.append(',').append(CsvNumbers.of(x));
        }
        return b.toString();
    }

    /** Parses a data line (of the current or the older 10-column layout); null for a line cut short by a kill. */
    public static MetricsRow parse(String line) {
        String[] f = line.split(",", -1);
        if (f.length != COLUMNS && f.length != OLD_COLUMNS) {
            return null;
        }
        try {
            double[] v = new double[COLUMNS - 2];
            java.util.Arrays.fill(v, Double.NaN);
            for (int i = 2; i < f.length; i++) {
                v[i - 2] = num(f[i]);
            }
            return new MetricsRow(Long.parseLong(f[0]), Integer.parseInt(f[1]), v[0], v[1], v[2], v[3], v[4], v[5],
                    v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13]);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static double num(String s) {
        return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
    }
}
