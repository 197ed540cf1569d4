package org.marginlab.train;

import java.util.Locale;

/**
 * One row of {@code metrics.csv}. Unknown values are NaN in memory and empty cells on disk
 * (test accuracy and angle statistics are known only at the end of an epoch).
 */
public record MetricsRow(long iteration, int epoch, double loss, double trainAccuracy, double testAccuracy,
                         double learningRate, double wcIntra, double wInter, double cInter, double imagesPerSecond) {

    public static final String HEADER = "iteration,epoch,loss,train_acc,test_acc,lr,wc_intra,w_inter,c_inter,images_per_s";

    public String toCsv() {
        return iteration + "," + epoch + "," + cell(loss) + "," + cell(trainAccuracy) + "," + cell(testAccuracy) + ","
                + cell(learningRate) + "," + cell(wcIntra) + "," + cell(wInter) + "," + cell(cInter) + "," + cell(imagesPerSecond);
    }

    /** Parses a data line; returns null for a line cut short by a kill. */
    public static MetricsRow parse(String line) {
        String[] f = line.split(",", -1);
        if (f.length != 10) {
            return null;
        }
        try {
            return new MetricsRow(Long.parseLong(f[0]), Integer.parseInt(f[1]), num(f[2]), num(f[3]), num(f[4]),
                    num(f[5]), num(f[6]), num(f[7]), num(f[8]), num(f[9]));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String cell(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.7g", v);
    }

    private static double num(String s) {
        return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
    }
}
