package org.marginlab.train;

/**
 * {@code summary.json}: how a run ended. Angles in radians; NaN-free (unknown values are null in JSON).
 */
public record RunSummary(
        String state,
        String message,
        String head,
        String backbone,
        int dim,
        long seed,
        long iterations,
        int epochsCompleted,
        Double testAccuracy,
        Double testError,
        Double wcIntra,
        Double wInter,
        Double cInter,
        double totalSeconds,
        double imagesPerSecond,
        String device,
        String marginlabVersion,
        String djlVersion,
        String engine,
        String javaVersion) {
}
