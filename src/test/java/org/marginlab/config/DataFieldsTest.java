package org.marginlab.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.marginlab.data.DataRecord;
import org.marginlab.loss.HeadKind;

/** The data fields in config.json: augment by name (and the old booleans), the data options, the recorded data set. */
class DataFieldsTest {

    @Test
    void augmentIsNamedAndOldBooleansStillRead() {
        TrainConfig d = TrainConfig.defaults(HeadKind.ARC);
        assertTrue(ConfigJson.toJson(d).contains("\"augment\": \"none\""));
        TrainConfig on = d.with(ConfigField.AUGMENT, ConfigField.AUGMENT.parse("crop-flip", HeadKind.ARC));
        assertTrue(on.augment());
        assertTrue(ConfigJson.toJson(on).contains("\"augment\": \"crop-flip\""));
        assertTrue(ConfigJson.parse("{\"augment\": true}", "old.json").augment());
        assertFalse(ConfigJson.parse("{\"augment\": false}", "old.json").augment());
        assertEquals("old.json: field 'augment' must be one of none, crop-flip (got \"flip\")",
                org.junit.jupiter.api.Assertions.assertThrows(org.marginlab.UserException.class,
                        () -> ConfigJson.parse("{\"augment\": \"flip\"}", "old.json")).getMessage());
    }

    @Test
    void dataSetRecordRoundTripsAndNamesClasses() {
        DataRecord r = new DataRecord("cifar-100-binary", "/data/cifar-100-binary", 50_000, 10_000, 3, 32, 32,
                "ab".repeat(32), java.util.stream.IntStream.range(0, 100).mapToObj(k -> "c" + k).toList());
        TrainConfig c = TrainConfig.defaults(HeadKind.COSFACE).toBuilder().dataset(r).cifar100Labels(CifarLabels.FINE)
                .imageSize(0).colour(ImageColour.AUTO).build();
        String json = ConfigJson.toJson(c);
        assertTrue(json.contains("\"class_names\": ["), json);
        TrainConfig back = ConfigJson.parse(json, "config.json");
        assertEquals(c, back);
        assertEquals("c42", back.className(42));
        assertEquals(100, back.datasetClasses());
        // a config without a record (every run before data sets were recorded) names Fashion-MNIST's classes
        TrainConfig old = ConfigJson.parse("{\"head\": \"arc\"}", "x");
        assertNull(old.dataset());
        assertEquals("Ankle boot", old.className(9));
        assertEquals(10, old.datasetClasses());
    }

    @Test
    void dataOptionsFollowTheFields() {
        TrainConfig c = TrainConfig.defaults(HeadKind.SOFTMAX).toBuilder().cifar100Labels(CifarLabels.COARSE)
                .imageSize(48).colour(ImageColour.GREY).seed(7).build();
        // the split seed is the data's, not the run's: runs of other seeds test on the same images
        assertEquals(new org.marginlab.data.DataOptions(true, 48, 1, 42), c.dataOptions());
        assertEquals(List.of("none", "crop-flip"), ConfigField.AUGMENT.choices());
    }
}
