package org.marginlab.reproduce;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.marginlab.config.ConfigJson;

import java.nio.file.Path;

/**
 * {@code reproduce PRESET --plan}: the runs a preset would train, as JSON, for a scheduler or a person to
 * size a cluster job: each run's index, key, directory under the output folder, label, group, iterations
 * limit, and its whole config.json; plus the shard each run falls in for a given number of shards.
 */
public final class ReproducePlanJson {

    private ReproducePlanJson() {
    }

    public static String of(Plan plan, Path out) {
        JsonObject o = new JsonObject();
        o.addProperty("preset", plan.preset().id());
        o.addProperty("form", plan.quick() ? "quick" : "full");
        o.addProperty("seeds", plan.seeds());
        o.addProperty("out", out.toString());
        o.addProperty("train_subset", plan.trainSubset());
        o.addProperty("test_subset", plan.testSubset());
        o.addProperty("run_count", plan.runs().size());
        JsonArray settings = new JsonArray();
        plan.settings().forEach(settings::add);
        o.add("settings", settings);
        JsonArray runs = new JsonArray();
        for (int i = 0; i < plan.runs().size(); i++) {
            PlannedRun r = plan.runs().get(i);
            JsonObject j = new JsonObject();
            j.addProperty("index", i);
            j.addProperty("key", r.key());
            j.addProperty("dir", ReproduceRunner.runDirectory(out, r).toString());
            j.addProperty("label", r.label());
            j.addProperty("group", r.group());
            j.add("config", JsonParser.parseString(ConfigJson.toJson(r.config())));
            runs.add(j);
        }
        o.add("runs", runs);
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(o);
    }
}
