package org.marginlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.marginlab.cli.CliRun.run;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marginlab.config.ConfigJson;
import org.marginlab.config.TrainConfig;
import org.marginlab.data.DataFiles;
import org.marginlab.data.DataRecord;
import org.marginlab.run.IterationSnapshot;
import org.marginlab.run.RunReader;

/**
 * {@code train --data} on a CIFAR-10 folder, a CIFAR-100 folder (100 classes) and a folder of PNGs, each written
 * here in its exact format: the one line saying what was found, a finished run, config.json recording the data set
 * and the snapshots holding one weight per class.
 */
class TrainOwnDataTest {

    private static String[] train(Path data, Path out, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("train", "--data", data.toString(), "--iterations", "3",
                "--batch", "16", "--snapshot-every", "3", "--probe-per-class", "2", "--device", "cpu", "--threads", "1",
                "--out", out.toString()));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    private static void assertRun(Path out, String format, int classes, int channels) {
        TrainConfig c = ConfigJson.read(out.resolve("config.json"));
        DataRecord d = c.dataset();
        assertEquals(format, d.format());
        assertEquals(classes, d.classes());
        assertEquals(channels, d.channels());
        List<IterationSnapshot> snaps = RunReader.read(out).iterations();
        assertEquals(3, snaps.getLast().iteration());
        assertEquals(classes, snaps.getLast().weights().length);
    }

    @Test
    void cifar10FolderTrainsWithCropFlip(@TempDir Path tmp) throws Exception {
        Path dir = DataFiles.cifar10(tmp.resolve("data"), 10, 20);
        Path out = tmp.resolve("run");
        String[] r = train(dir, out, "--augment", "crop-flip");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[2].startsWith("CIFAR-10 binary: 50 train / 20 test, 10 classes, 32×32 RGB\n"), r[2]);
        assertRun(out, "cifar-10-binary", 10, 3);
        TrainConfig c = ConfigJson.read(out.resolve("config.json"));
        assertTrue(c.augment());
        assertEquals(DataFiles.cifar10Names(), c.dataset().classNames());
        assertEquals(dir.toAbsolutePath().toString(), c.dataset().path());
        assertEquals(64, c.dataset().sha256().length());
    }

    @Test
    void cifar100FolderTrainsAHundredClasses(@TempDir Path tmp) throws Exception {
        // 7·i mod 100 runs through every class in any 100 consecutive ids: every class in both splits
        Path dir = DataFiles.cifar100(tmp.resolve("data"), 200, 200);
        Path out = tmp.resolve("run");
        String[] r = train(dir, out, "--dim", "8");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[2].startsWith("CIFAR-100 binary: 200 train / 200 test, 100 classes, 32×32 RGB; fine labels\n"), r[2]);
        assertRun(out, "cifar-100-binary", 100, 3);
        assertEquals("fine99", ConfigJson.read(out.resolve("config.json")).className(99));
        // the 20 superclasses on request
        Path coarse = tmp.resolve("coarse");
        r = train(dir, coarse, "--cifar100-labels", "coarse");
        assertEquals("0", r[0], r[2]);
        assertRun(coarse, "cifar-100-binary", 20, 3);
    }

    @Test
    void pngFolderTrainsOnItsSplit(@TempDir Path tmp) throws Exception {
        Path dir = DataFiles.pngFolder(tmp.resolve("pngs"), 3, 10, 32);
        Path out = tmp.resolve("run");
        String[] r = train(dir, out, "--backbone", "resnet20", "--epochs", "3");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[2].startsWith("image folder: 24 train / 6 test, 3 classes, 32×32 RGB; split 80/20 per class, seed 42\n"), r[2]);
        assertRun(out, "image-folder", 3, 3);
        assertEquals("class-2", ConfigJson.read(out.resolve("config.json")).className(2));
    }
}
