package org.marginlab.reproduce;

import java.util.List;

/** Mean and sample standard deviation of a report's repeated measurements. */
final class Stats {

    private Stats() {
    }

    /** {mean, sample standard deviation (n − 1; NaN below two values)}; NaN mean when empty. */
    static double[] meanStd(List<Double> v) {
        double mean = v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        if (v.size() < 2) {
            return new double[] {mean, Double.NaN};
        }
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        return new double[] {mean, Math.sqrt(ss / (v.size() - 1))};
    }
}
