package org.marginlab.reproduce;

import org.marginlab.figures.RunData;
import org.marginlab.metrics.AngleStatistics;
import org.marginlab.run.IterationSnapshot;
import org.marginlab.run.MetricsRow;
import org.marginlab.run.RunReader;
import org.marginlab.run.RunSummary;

import java.util.ArrayList;
import java.util.List;

/**
 * What the report needs from one finished (or failed) run, as plain values: its summary.json, its metric
 * rows, WC-Intra per iteration snapshot (from the probe) and the spread of its final class weights.
 *
 * @param run          the planned run
 * @param summary      summary.json; null when the run never ended
 * @param metrics      metrics.csv rows
 * @param wcIntraCurve {iteration, WC-Intra in rad} per iteration snapshot, from the probe features (Eq. 12)
 * @param wMinAngle    smallest angle between two final class weights (rad), NaN when unknown
 * @param wMaxAngle    largest angle between two final class weights (rad), NaN when unknown
 * @param last         the last iteration snapshot (for the embedding figures); may be null
 * @param lastEpoch    the last end-of-epoch evaluation on the test set (similarity matrix, confusion); may be null
 */
public record RunOutcome(PlannedRun run, RunSummary summary, List<MetricsRow> metrics, List<double[]> wcIntraCurve,
                         double wMinAngle, double wMaxAngle, IterationSnapshot last, org.marginlab.run.EpochSnapshot lastEpoch) {

    public RunOutcome {
        metrics = List.copyOf(metrics);
        wcIntraCurve = List.copyOf(wcIntraCurve);
    }

    /** An outcome without an end-of-epoch evaluation (tests, runs that never evaluated). */
    public RunOutcome(PlannedRun run, RunSummary summary, List<MetricsRow> metrics, List<double[]> wcIntraCurve,
                      double wMinAngle, double wMaxAngle, IterationSnapshot last) {
        this(run, summary, metrics, wcIntraCurve, wMinAngle, wMaxAngle, last, null);
    }

    public boolean finished() {
        return summary != null && "finished".equals(summary.state());
    }

    /** Reads the run directory back through the engine's reader. */
    public static RunOutcome read(PlannedRun planned, RunReader.Run run) {
        List<double[]> curve = new ArrayList<>();
        IterationSnapshot last = null;
        for (IterationSnapshot s : run.iterations()) {
            curve.add(new double[] {s.iteration(), probeWcIntra(s)});
            last = s;
        }
        double min = Double.NaN;
        double max = Double.NaN;
        if (last != null) {
            float[][] w = last.weights();
            for (int i = 0; i < w.length; i++) {
                for (int j = i + 1; j < w.length; j++) {
                    double a = AngleStatistics.angle(w[i], w[j]);
                    min = Double.isNaN(min) ? a : Math.min(min, a);
                    max = Double.isNaN(max) ? a : Math.max(max, a);
                }
            }
        }
        return new RunOutcome(planned.trainedOn(run.config()), run.summary(), run.metrics(), curve, min, max, last,
                run.epochs().isEmpty() ? null : run.epochs().getLast());
    }

    /** Eq. 12 on the snapshot's probe features. */
    static double probeWcIntra(IterationSnapshot s) {
        return AngleStatistics.of(s.embeddings(), s.probeLabels(), s.weights()).wcIntra();
    }

    /** Test error (%) read at the end of the given epoch (1-based) from the metric rows; NaN when absent. */
    public double testErrorAtEpoch(int epoch, long itersPerEpoch) {
        for (MetricsRow r : metrics) {
            if (r.iteration() == epoch * itersPerEpoch && !Double.isNaN(r.testAccuracy())) {
                return 100 * (1 - r.testAccuracy());
            }
        }
        return Double.NaN;
    }

    /**
     * The head and the values it trained with at the last snapshot, e.g. {@code "SphereFace m = 4, λ = 5"} or
     * {@code "SphereFace m = 4, λ = 33.6 → 5 (annealing)"} where λ had not reached its end; empty without a snapshot.
     */
    public String headAtEnd() {
        String t = last == null ? null : runData().paramsLabel(last);
        return t == null ? "" : t;
    }

    /** What the run's schedules moved from its start to its last snapshot ({@link RunData#scheduleNote}), or "—". */
    public String scheduleOverRun() {
        String t = last == null ? "" : runData().scheduleNote();
        return t.isEmpty() ? "—" : t;
    }

    private RunData runData() {
        return new RunData(run.label(), run.config(), last == null ? List.of() : List.of(last), List.of());
    }

    /** Final test error (%) from summary.json; NaN when unknown. */
    public double finalTestError() {
        return summary == null || summary.testError() == null ? Double.NaN : 100 * summary.testError();
    }
}
