package org.marginlab.train;

import org.junit.jupiter.api.Test;
import org.marginlab.UserException;
import org.marginlab.config.ConfigCheck;
import org.marginlab.config.ConfigException;
import org.marginlab.config.ConfigField;
import org.marginlab.config.ConfigJson;
import org.marginlab.config.TrainConfig;
import org.marginlab.loss.HeadKind;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --holdout-classes}: what training sees, what config.json keeps, what is refused. */
class HoldoutClassesTest {

    /** 1×1 images: image i has pixel value {@code px[i]} and label {@code y[i]}. */
    private static TrainingData data(int[] px, int[] y) {
        byte[] p = new byte[px.length];
        byte[] l = new byte[y.length];
        for (int i = 0; i < px.length; i++) {
            p[i] = (byte) px[i];
            l[i] = (byte) y[i];
        }
        return TrainingData.of(p, l, p.length, p.clone(), l.clone(), l.length, 1, 1);
    }

    @Test
    void heldOutClassesLeaveBothSplitsAndTheRestAreRelabelledInOrder() {
        // classes 0..3; hold out 1 → 0→0, 2→1, 3→2
        TrainingData all = data(new int[] {0, 51, 102, 153, 204, 255}, new int[] {0, 1, 2, 3, 1, 0});
        TrainingData kept = all.holdingOut(List.of(1));
        assertEquals(3, kept.classes());
        assertEquals(4, kept.train().count());
        assertEquals(4, kept.test().count());
        int[] labels = new int[4];
        for (int i = 0; i < 4; i++) {
            labels[i] = kept.train().label(i);
        }
        assertArrayEquals(new int[] {0, 1, 2, 0}, labels);
        // Normalisation from the kept training pixels 0, 102, 153, 255 (/255: 0, 0.4, 0.6, 1): mean 0.5,
        // variance (0.25 + 0.01 + 0.01 + 0.25)/4 = 0.13.
        assertEquals(0.5, kept.train().mean(), 1e-6);
        assertEquals(Math.sqrt(0.13), kept.train().std(), 1e-6);
        assertEquals(kept.train().mean(), kept.test().mean());
        assertSame(all, all.holdingOut(List.of()));
    }

    @Test
    void keptTestImagesRememberTheirIndexInTheOriginalTestSet() {
        // test labels 0 1 2 3 1 0; holding out 1 keeps indices 0, 2, 3, 5
        TrainingData all = data(new int[] {0, 51, 102, 153, 204, 255}, new int[] {0, 1, 2, 3, 1, 0});
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5}, all.testIds());
        assertArrayEquals(new int[] {0, 2, 3, 5}, all.holdingOut(List.of(1)).testIds());
        // holding out again from the reduced data still points into the original set: drop (new) class 1 = old 2
        assertArrayEquals(new int[] {0, 3, 5}, all.holdingOut(List.of(1)).holdingOut(List.of(1)).testIds());
    }

    @Test
    void snapshotIdsIndexTheFullTestSetWhenClassesAreHeldOut(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        TrainConfig c = TestData.small(2, 8).with(ConfigField.HOLDOUT_CLASSES, List.of(2, 5));
        TrainingSession s = TrainingSession.create(c, TestData.get(), TestData.SOFTMAX, dir);
        s.start();
        s.completion().get(120, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(org.marginlab.run.RunState.FINISHED, s.state(), s.message());
        var snap = org.marginlab.run.RunReader.read(dir).iterations().getLast();
        int[] original = {0, 1, 3, 4, 6, 7, 8, 9}; // head class → Fashion-MNIST class with 2 and 5 held out
        BatchPipeline test = TestData.get().test();
        assertEquals(80, snap.probeIds().length);
        for (int i = 0; i < snap.probeIds().length; i++) {
            assertEquals(original[snap.probeLabels()[i]], test.label(snap.probeIds()[i]), "probe row " + i);
        }
        // the exported embedding names each point by its Fashion-MNIST class, the one its id has in the test set
        var run = org.marginlab.run.RunReader.read(dir);
        var fig = new org.marginlab.figures.embedding.EmbeddingCircleFigure();
        fig.setRun(org.marginlab.figures.RunData.of(null, run.config(), run.iterations(), run.epochs()));
        int points = 0;
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (String[] row : fig.csv()) {
            if (row[0].equals("point")) {
                int y = test.label(Integer.parseInt(row[5]));
                assertEquals(Integer.toString(y), row[1], "class of sample " + row[5]);
                assertEquals(org.marginlab.data.FashionMnist.CLASS_NAMES.get(y), row[2]);
                points++;
            } else if (row[0].equals("weight_direction")) {
                names.add(row[1] + " " + row[2]);
            }
        }
        assertEquals(80, points);
        assertEquals(java.util.Set.of("0 T-shirt/top", "1 Trouser", "3 Dress", "4 Coat", "6 Shirt", "7 Sneaker", "8 Bag",
                "9 Ankle boot"), names, "head class 2 is Dress; Pullover (2) and Sandal (5) were held out");
    }

    @Test
    void headClassesMapToTheDatasetClassesLeftInOrder() {
        TrainConfig c = TrainConfig.defaults(HeadKind.SOFTMAX).with(ConfigField.HOLDOUT_CLASSES, List.of(5, 2));
        int[] got = new int[8];
        for (int j = 0; j < 8; j++) {
            got[j] = c.datasetClass(j);
        }
        assertArrayEquals(new int[] {0, 1, 3, 4, 6, 7, 8, 9}, got);
        assertEquals(7, TrainConfig.defaults(HeadKind.SOFTMAX).with(ConfigField.HOLDOUT_CLASSES, List.of(0, 1, 2)).datasetClass(4));
        assertEquals(4, TrainConfig.defaults(HeadKind.SOFTMAX).datasetClass(4));
        for (int j = 0; j < 8; j++) {
            assertEquals(j, c.headClass(got[j]), "head class of " + got[j]);
        }
        assertEquals(-1, c.headClass(2));
        assertEquals(-1, c.headClass(5));
    }

    @Test
    void configJsonKeepsTheHeldOutClassesSorted() {
        TrainConfig c = TrainConfig.defaults(HeadKind.ARCFACE).with(ConfigField.HOLDOUT_CLASSES, List.of(9, 8));
        assertEquals(List.of(8, 9), c.holdoutClasses());
        TrainConfig back = ConfigJson.parse(ConfigJson.toJson(c), "config.json");
        assertEquals(c, back);
        assertTrue(ConfigJson.toJson(c).contains("\"holdout_classes\": [\n    8,\n    9\n  ]"));
        assertEquals(List.of(), ConfigJson.parse("{\"head\": \"arcface\"}", "x").holdoutClasses());
    }

    @Test
    void badHoldoutsAreOneLineNamingTheFlag() {
        TrainConfig d = TrainConfig.defaults(HeadKind.SOFTMAX);
        for (List<Integer> bad : List.of(List.of(100), List.of(-1), List.of(3, 3))) {
            ConfigException e = assertThrows(ConfigException.class, () -> ConfigCheck.validate(d.with(ConfigField.HOLDOUT_CLASSES, bad)));
            assertTrue(e.withFlag().startsWith("--holdout-classes must be distinct class ids of the data set (0–99) leaving at least two classes"), e.withFlag());
        }
        ConfigCheck.validate(d.with(ConfigField.HOLDOUT_CLASSES, List.of(0, 1, 2, 3, 4, 5, 6, 7)));
        // The data set's own class count is checked when it is loaded: ten classes here.
        TrainingData ten = data(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
        UserException notAClass = assertThrows(UserException.class, () -> ten.holdingOut(List.of(10)));
        assertEquals("held-out class 10 is not a class of this data set (0–9)", notAClass.getMessage());
        UserException tooMany = assertThrows(UserException.class, () -> ten.holdingOut(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8)));
        assertEquals("holding out 9 of 10 classes leaves fewer than two to train on", tooMany.getMessage());
        assertEquals(List.of(9, 8), ConfigField.HOLDOUT_CLASSES.parse(" 9, 8", HeadKind.SOFTMAX));
        assertEquals("8,9", ConfigField.HOLDOUT_CLASSES.text(List.of(8, 9)));
        UserException e = assertThrows(UserException.class, () -> ConfigJson.parse("{\"holdout_classes\": 8}", "c.json"));
        assertEquals("c.json: field 'holdout_classes' must be an array of integers, e.g. [8, 9]", e.getMessage());
        e = assertThrows(UserException.class, () -> ConfigJson.parse("{\"holdout_classes\": [8, 100]}", "c.json"));
        assertEquals("c.json: field 'holdout_classes' must be distinct class ids of the data set (0–99) leaving at least two "
                + "classes, e.g. 8,9 (got 8,100)",
                e.getMessage());
    }
}
