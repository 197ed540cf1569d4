package org.marginlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marginlab.UserException;

/** Each format read back from files written here: every pixel and label against what was written. */
class DataSetsTest {
    @TempDir
    Path tmp;

    /** Image {@code k} of a split equals what {@link DataFiles} wrote for image id {@code id}. */
    private static void assertImage(Split s, int k, int id) {
        int plane = s.rows() * s.cols();
        for (int ch = 0; ch < s.channels(); ch++) {
            for (int r = 0; r < s.rows(); r++) {
                for (int c = 0; c < s.cols(); c++) {
                    int got = s.pixel(k, ch * plane + r * s.cols() + c);
                    if (got != DataFiles.value(id, ch, r, c)) {
                        throw new AssertionError(s.name() + " image " + k + " (id " + id + ") channel " + ch + " ("
                                + r + ", " + c + "): " + got + ", wrote " + DataFiles.value(id, ch, r, c));
                    }
                }
            }
        }
    }

    @Test
    void cifar10BinaryDecodesEveryPixelAndLabel() throws Exception {
        Path dir = DataFiles.cifar10(tmp, 6, 7);
        DataSet set = DataSets.load(tmp, DataOptions.DEFAULTS); // finds cifar-10-batches-bin/ inside
        assertEquals(DataFormat.CIFAR10, set.format());
        assertEquals(dir, set.path());
        assertEquals("CIFAR-10 binary: 30 train / 7 test, 10 classes, 32×32 RGB", set.summary());
        assertEquals(DataFiles.cifar10Names(), set.classNames());
        assertEquals(3, set.train().channels());
        for (int i = 0; i < 30; i++) {
            assertImage(set.train(), i, i);
            assertEquals(DataFiles.label(i, 10), set.train().label(i));
        }
        for (int i = 0; i < 7; i++) {
            assertImage(set.test(), i, 30 + i);
            assertEquals(DataFiles.label(30 + i, 10), set.test().label(i));
        }
        // The recorded checksum is the SHA-256 of sha256sum's lines for the six files, in reading order.
        StringBuilder lines = new StringBuilder();
        for (String f : List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin",
                "data_batch_5.bin", "test_batch.bin")) {
            lines.append(hex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(dir.resolve(f))))).append("  ").append(f).append('\n');
        }
        assertEquals(hex(MessageDigest.getInstance("SHA-256").digest(lines.toString().getBytes(StandardCharsets.UTF_8))),
                set.record().sha256());
        assertEquals("cifar-10-binary", set.record().format());
        assertEquals(dir.toAbsolutePath().toString(), set.record().path());
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    @Test
    void cifarRecordCutShortOrLabelOutOfRangeIsNamedInOneLine() throws Exception {
        Path dir = DataFiles.cifar10(tmp, 2, 2);
        Path third = dir.resolve("data_batch_3.bin");
        Files.write(third, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
        UserException e = assertThrows(UserException.class, () -> DataSets.load(dir, DataOptions.DEFAULTS));
        assertEquals(third + ": record 3 is cut short (3 of 3073 bytes; the file holds 6149 bytes, not a whole number "
                + "of 3073-byte records); copy the file again", e.getMessage());
        byte[] b = Files.readAllBytes(third);
        byte[] fixed = java.util.Arrays.copyOf(b, 2 * 3073);
        fixed[3073] = 10; // record 2's label
        Files.write(third, fixed);
        e = assertThrows(UserException.class, () -> DataSets.load(dir, DataOptions.DEFAULTS));
        assertEquals(third + ": record 2 has label 10, not a class 0–9; the file is corrupt or not CIFAR-10", e.getMessage());
        assertTrue(e.getMessage().lines().count() == 1);
    }

    /**
     * A read that fails names the file and the reason in words, never the path again in place of the reason
     * (a NoSuchFileException's message is its path): the reasons as the OS gives them (EISDIR, ENOENT) or as
     * the decoder does (bytes that are not UTF-8), triggered as any user can.
     */
    @Test
    void aFileThatCannotBeReadIsNamedWithTheReasonInWords() throws Exception {
        // CIFAR-10 class names that are not UTF-8 (0xFF never occurs in UTF-8)
        Path dir = DataFiles.cifar10(tmp, 1, 1);
        Path meta = dir.resolve("batches.meta.txt");
        Files.write(meta, new byte[] {'c', 'a', 't', (byte) 0xFF, '\n'});
        UserException e = assertThrows(UserException.class, () -> DataSets.load(dir, DataOptions.DEFAULTS));
        assertEquals(meta + ": cannot read (not UTF-8 text)", e.getMessage());

        // a folder where a file is expected: EISDIR
        Path folder = Files.createDirectories(tmp.resolve("SHA256SUMS"));
        e = assertThrows(UserException.class, () -> Checksums.parse(folder));
        assertEquals(folder + ": cannot read (is a directory)", e.getMessage());
        Path gz = Files.createDirectories(tmp.resolve("train-images-idx3-ubyte.gz"));
        e = assertThrows(UserException.class, () -> IdxFile.readGz(gz, 3));
        assertEquals(gz + ": cannot read (is a directory)", e.getMessage());

        // a dangling symlink: the file it names is gone
        Path dangling = Files.createSymbolicLink(tmp.resolve("data_batch_9.bin"), tmp.resolve("gone.bin"));
        e = assertThrows(UserException.class, () -> Checksums.sha256(dangling));
        assertEquals(dangling + ": cannot read (no such file or folder)", e.getMessage());
    }

    @Test
    void cifar100FineByDefaultCoarseOnRequest() throws Exception {
        Path dir = DataFiles.cifar100(tmp, 120, 30);
        DataSet fine = DataSets.load(dir, DataOptions.DEFAULTS);
        assertEquals(DataFormat.CIFAR100, fine.format());
        assertEquals(100, fine.classes());
        assertEquals("fine37", fine.classNames().get(37));
        assertEquals("CIFAR-100 binary: 120 train / 30 test, 100 classes, 32×32 RGB; fine labels", fine.summary());
        for (int i = 0; i < 120; i++) {
            assertImage(fine.train(), i, i);
            assertEquals(DataFiles.label(i, 100), fine.train().label(i));
        }
        for (int i = 0; i < 30; i++) {
            assertImage(fine.test(), i, 120 + i);
            assertEquals(DataFiles.label(120 + i, 100), fine.test().label(i));
        }
        DataSet coarse = DataSets.load(dir, new DataOptions(true, 0, 0, 42));
        assertEquals(20, coarse.classes());
        assertEquals("coarse3", coarse.classNames().get(3));
        for (int i = 0; i < 120; i++) {
            assertEquals(DataFiles.coarse(i), coarse.train().label(i));
        }
        assertArrayEquals(fine.train().pixels(), coarse.train().pixels());
    }

    @Test
    void pngFolderSplitsEachClassSeededAndDecodesPixels() throws Exception {
        DataFiles.pngFolder(tmp, 3, 5, 32);
        DataSet set = DataSets.load(tmp, DataOptions.DEFAULTS);
        assertEquals(DataFormat.IMAGE_FOLDER, set.format());
        assertEquals(List.of("class-0", "class-1", "class-2"), set.classNames());
        // round(5 · 0.2) = 1 test image per class
        assertEquals("image folder: 12 train / 3 test, 3 classes, 32×32 RGB; split 80/20 per class, seed 42", set.summary());
        assertNull(set.record().sha256());
        Set<Integer> seen = new HashSet<>();
        for (Split s : List.of(set.train(), set.test())) {
            for (int k = 0; k < s.count(); k++) {
                // the image's id is recoverable: class·5 + j, with value(id, 0, 0, 0) = 37·id mod 256 unique for id < 15
                int id = -1;
                for (int cand = 0; cand < 15; cand++) {
                    if (DataFiles.value(cand, 0, 0, 0) == s.pixel(k, 0)) {
                        id = cand;
                    }
                }
                assertTrue(id >= 0);
                assertEquals(id / 5, s.label(k), "image " + id + " sits in class-" + id / 5);
                assertImage(s, k, id);
                assertTrue(seen.add(id));
            }
        }
        assertEquals(15, seen.size());
        // the same seed, the same split
        DataSet again = DataSets.load(tmp, DataOptions.DEFAULTS);
        assertArrayEquals(set.test().pixels(), again.test().pixels());
    }

    @Test
    void imageFolderResizesAndTurnsGrey() throws Exception {
        for (String split : List.of("train", "test")) {
            for (String cls : List.of("red", "blue")) {
                Path d = Files.createDirectories(tmp.resolve(split).resolve(cls));
                BufferedImage im = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
                int rgb = cls.equals("red") ? 0xC80000 : 0x0000C8;
                for (int y = 0; y < 48; y++) {
                    for (int x = 0; x < 64; x++) {
                        im.setRGB(x, y, rgb);
                    }
                }
                ImageIO.write(im, "png", d.resolve("a.png").toFile());
            }
        }
        DataSet rgb = DataSets.load(tmp, new DataOptions(false, 16, 0, 42));
        assertEquals("image folder: 2 train / 2 test, 2 classes, 16×16 RGB; train/ and test/", rgb.summary());
        assertEquals(List.of("blue", "red"), rgb.classNames());
        // a flat colour stays itself when resized: blue (class 0) is (0, 0, 200) everywhere
        for (int k = 0; k < 256; k++) {
            assertEquals(0, rgb.train().pixel(0, k));
            assertEquals(200, rgb.train().pixel(0, 512 + k));
            assertEquals(200, rgb.train().pixel(1, k));
        }
        DataSet grey = DataSets.load(tmp, new DataOptions(false, 16, 1, 42));
        assertEquals(1, grey.channels());
        // BT.601 luma: 0.114 · 200 = 22.8 → 23 (blue), 0.299 · 200 = 59.8 → 60 (red)
        assertEquals(23, grey.train().pixel(0, 100));
        assertEquals(60, grey.train().pixel(1, 100));
    }

    @Test
    void idxSetTakesClassNamesFromClassesTxt() throws Exception {
        DataFiles.idx(tmp, 8, 4, 5, 6, List.of("zero", "one", "two"));
        DataSet set = DataSets.load(tmp, DataOptions.DEFAULTS);
        assertEquals(DataFormat.IDX, set.format());
        assertEquals("IDX: 8 train / 4 test, 3 classes, 5×6 grey", set.summary());
        assertEquals(List.of("zero", "one", "two"), set.classNames());
        for (int i = 0; i < 8; i++) {
            assertImage(set.train(), i, i);
            assertEquals(DataFiles.label(i, 3), set.train().label(i));
        }
        assertImage(set.test(), 3, 11);
    }

    @Test
    void idxTestImagesOfAnotherSizeThanTrainAreRefusedNamingBothSizes() throws Exception {
        // train 5×6, test 7×6: a model built for 30 pixels cannot evaluate 42; one line naming the test file
        Path set = DataFiles.idx(tmp.resolve("set"), 8, 4, 5, 6, List.of("zero", "one", "two"));
        Path other = DataFiles.idx(tmp.resolve("other"), 8, 4, 7, 6, List.of("zero", "one", "two"));
        Files.copy(other.resolve("t10k-images-idx3-ubyte"), set.resolve("t10k-images-idx3-ubyte"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        UserException e = assertThrows(UserException.class, () -> DataSets.load(set, DataOptions.DEFAULTS));
        assertEquals(set.resolve("t10k-images-idx3-ubyte") + ": images are 7×6, but the training images ("
                + "train-images-idx3-ubyte) are 5×6; both must come from the same set", e.getMessage());
    }

    @Test
    void idxImagesCutShortInTheirHeaderSayWhereNotNull() throws Exception {
        // an IDX3 header is 16 bytes (magic, count, rows, cols); a copy cut at byte 10 ends inside the rows field
        Path set = DataFiles.idx(tmp.resolve("set"), 8, 4, 5, 6, List.of("zero", "one", "two"));
        Path images = set.resolve("train-images-idx3-ubyte");
        byte[] all = Files.readAllBytes(images);
        Files.write(images, java.util.Arrays.copyOf(all, 10));
        UserException e = assertThrows(UserException.class, () -> DataSets.load(set, DataOptions.DEFAULTS));
        assertEquals(images + ": cut short inside its 16-byte IDX header (10 bytes); copy it again", e.getMessage());
    }

    @Test
    void aSetTooLargeForMemorySaysSoWithTheNumber() {
        UserException e = assertThrows(UserException.class,
                () -> MemoryCheck.require("CIFAR-10 binary in /x", 60_000, 3, 32, 32, 100L << 20));
        // 60 000 · 3072 bytes = 184 320 000 bytes = 176 MB (MiB, rounded up)
        assertEquals("CIFAR-10 binary in /x: 60 000 images at 3×32×32 need 176 MB of memory as uint8 pixels, but only "
                + "100 MB is free; give Java more (-Xmx, e.g. JAVA_TOOL_OPTIONS=-Xmx2g) or choose a smaller --image-size "
                + "or --colour grey", e.getMessage());
    }

    @Test
    void aFolderWithNoDataSetSaysWhatItExpected() throws IOException {
        Files.writeString(tmp.resolve("notes.txt"), "hello");
        UserException e = assertThrows(UserException.class, () -> DataSets.load(tmp, DataOptions.DEFAULTS));
        assertTrue(e.getMessage().startsWith(tmp + ": no data set found; expected CIFAR-10 binary"), e.getMessage());
    }
}
