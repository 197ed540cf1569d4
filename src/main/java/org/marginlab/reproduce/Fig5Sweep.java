package org.marginlab.reproduce;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

import org.marginlab.loss.HeadKind;

/**
 * One point of Fig. 5's s sweep: the angular-loss runs at one s, one per seed (the head table's arc run
 * among them), for the report's table and check and for the figure's mean curve.
 */
record Fig5Sweep(double s, List<RunOutcome> runs) {

    /** The sweep's points sorted by s, each with its runs sorted by seed. */
    static List<Fig5Sweep> of(List<RunOutcome> outcomes) {
        TreeMap<Double, List<RunOutcome>> byS = new TreeMap<>();
        for (RunOutcome o : outcomes) {
            double s = o.run().config().headParams().s();
            if (o.run().config().head() == HeadKind.ARC && PaperNumbers.FIG5_S.contains(s)) {
                byS.computeIfAbsent(s, k -> new ArrayList<>()).add(o);
            }
        }
        List<Fig5Sweep> out = new ArrayList<>();
        byS.forEach((s, runs) -> {
            runs.sort(Comparator.comparingLong(o -> o.run().config().seed()));
            out.add(new Fig5Sweep(s, List.copyOf(runs)));
        });
        return out;
    }

    /** Each seed's probe WC-Intra at its last snapshot (NaN for a run without snapshots). */
    double[] lastProbe() {
        return runs.stream().mapToDouble(o -> o.wcIntraCurve().isEmpty() ? Double.NaN
                : o.wcIntraCurve().get(o.wcIntraCurve().size() - 1)[1]).toArray();
    }

    /** {iteration, mean probe WC-Intra} at the snapshot iterations every seed's run has. */
    List<double[]> meanCurve() {
        TreeMap<Long, double[]> sums = new TreeMap<>();
        for (RunOutcome o : runs) {
            for (double[] p : o.wcIntraCurve()) {
                double[] acc = sums.computeIfAbsent((long) p[0], k -> new double[2]);
                acc[0] += p[1];
                acc[1]++;
            }
        }
        List<double[]> out = new ArrayList<>();
        sums.forEach((it, acc) -> {
            if (acc[1] == runs.size()) {
                out.add(new double[] {it, acc[0] / acc[1]});
            }
        });
        return out;
    }

    /** Mean of the finite values; NaN when there are none. */
    static double mean(double[] v) {
        return java.util.Arrays.stream(v).filter(Double::isFinite).average().orElse(Double.NaN);
    }

    /** Sample standard deviation (n − 1) of the finite values; NaN for fewer than two. */
    static double sampleStd(double[] v) {
        double[] f = java.util.Arrays.stream(v).filter(Double::isFinite).toArray();
        if (f.length < 2) {
            return Double.NaN;
        }
        double m = mean(f);
        double ss = 0;
        for (double x : f) {
            ss += (x - m) * (x - m);
        }
        return Math.sqrt(ss / (f.length - 1));
    }
}
