package org.marginlab.run;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

import java.util.List;

/**
 * {@code summary.json}: how a run ended. Angles in radians; NaN-free (unknown values are null in JSON).
 * With {@code holdoutClasses}, test accuracy and the angle statistics cover the trained classes only
 * (closed-set); {@code marginlab evaluate} measures the held-out ones.
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
        String javaVersion,
        List<Integer> holdoutClasses) {

    // the same JSON style as config.json: snake_case keys, nulls written, indented for people reading it
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeNulls()
            .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES).create();

    String toJson() {
        return GSON.toJson(this);
    }

    static RunSummary fromJson(String json) {
        return GSON.fromJson(json, RunSummary.class);
    }
}
