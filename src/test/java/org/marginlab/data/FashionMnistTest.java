package org.marginlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marginlab.UserException;

class FashionMnistTest {

    @TempDir
    Path dir;

    /** Writes a tiny, valid dataset: n images of 2×3 whose pixel k of image i is i*10 + k. */
    private void writeDataset(int nTrain, int nTest) throws IOException {
        writeIdx(FashionMnist.TRAIN_IMAGES, 0x803, images(nTrain), nTrain, 2, 3);
        writeIdx(FashionMnist.TRAIN_LABELS, 0x801, labels(nTrain), nTrain);
        writeIdx(FashionMnist.TEST_IMAGES, 0x803, images(nTest), nTest, 2, 3);
        writeIdx(FashionMnist.TEST_LABELS, 0x801, labels(nTest), nTest);
        writeSums();
    }

    private static byte[] images(int n) {
        byte[] b = new byte[n * 6];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 6; k++) {
                b[i * 6 + k] = (byte) (i * 10 + k);
            }
        }
        return b;
    }

    private static byte[] labels(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (9 - i % 10);
        }
        return b;
    }

    private void writeIdx(String name, int magic, byte[] payload, int... dims) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(4 + 4 * dims.length).putInt(magic);
        for (int d : dims) {
            header.putInt(d);
        }
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve(name)))) {
            out.write(header.array());
            out.write(payload);
        }
    }

    private void writeSums() throws IOException {
        List<String> lines = new ArrayList<>();
        for (String f : FashionMnist.FILES) {
            lines.add(Checksums.sha256(dir.resolve(f)) + "  " + f);
        }
        Files.write(dir.resolve(Checksums.MANIFEST), lines);
    }

    private String loadError() {
        return assertThrows(UserException.class, () -> FashionMnist.load(dir)).getMessage();
    }

    @Test
    void readsPixelsAndLabelsBigEndian() throws IOException {
        writeDataset(12, 4);
        FashionMnist data = FashionMnist.load(dir);
        assertEquals(Checksums.Status.OK, data.checksums());
        assertEquals(12, data.train().count());
        assertEquals(2, data.train().rows());
        assertEquals(3, data.train().cols());
        assertEquals(4, data.test().count());
        assertEquals(11 * 10 + 5, data.train().pixel(11, 5));
        assertEquals(9, data.train().label(0));
        assertEquals(8, data.test().label(1));
    }

    @Test
    void missingFileIsNamed() throws IOException {
        writeDataset(3, 3);
        Files.delete(dir.resolve(FashionMnist.TEST_LABELS));
        String msg = loadError();
        assertTrue(msg.contains(FashionMnist.TEST_LABELS) && msg.contains("missing"), msg);
        assertEquals(1, msg.lines().count());
    }

    @Test
    void truncatedGzipIsNamed() throws IOException {
        writeDataset(50, 3);
        Path f = dir.resolve(FashionMnist.TRAIN_IMAGES);
        byte[] all = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(all, all.length / 2));
        writeSums();
        String msg = loadError();
        assertTrue(msg.contains(FashionMnist.TRAIN_IMAGES) && msg.contains("truncated gzip"), msg);
    }

    @Test
    void wrongMagicIsNamed() throws IOException {
        writeDataset(3, 3);
        writeIdx(FashionMnist.TEST_IMAGES, 0x801, images(3), 3, 2, 3);
        writeSums();
        String msg = loadError();
        assertTrue(msg.contains(FashionMnist.TEST_IMAGES) && msg.contains("wrong magic 0x00000801"), msg);
    }

    @Test
    void countMismatchIsNamed() throws IOException {
        writeDataset(5, 3);
        writeIdx(FashionMnist.TRAIN_LABELS, 0x801, labels(4), 4);
        writeSums();
        String msg = loadError();
        assertTrue(msg.contains(FashionMnist.TRAIN_LABELS) && msg.contains("4 labels") && msg.contains("5 images"), msg);
    }

    @Test
    void payloadShorterThanHeaderIsNamed() throws IOException {
        writeDataset(3, 3);
        writeIdx(FashionMnist.TEST_IMAGES, 0x803, images(2), 3, 2, 3);
        writeSums();
        String msg = loadError();
        assertTrue(msg.contains(FashionMnist.TEST_IMAGES) && msg.contains("promises 18 data bytes") && msg.contains("holds 12"), msg);
    }

    @Test
    void checksumMismatchIsNamed() throws IOException {
        writeDataset(3, 3);
        writeIdx(FashionMnist.TRAIN_LABELS, 0x801, new byte[] {1, 1, 1}, 3);
        String msg = loadError();
        assertTrue(msg.contains(FashionMnist.TRAIN_LABELS) && msg.contains("checksum mismatch"), msg);
    }

    @Test
    void missingFolderIsNamed() {
        Path none = dir.resolve("nope");
        UserException e = assertThrows(UserException.class, () -> FashionMnist.load(none));
        assertEquals("dataset folder " + none + ": no such folder; give the folder that holds the four Fashion-MNIST .gz files",
                e.getMessage());
        assertEquals(UserException.Field.DATASET_FOLDER, e.field());
    }

    @Test
    void shippedDatasetLoadsWithOfficialCounts() {
        FashionMnist data = FashionMnist.load(null);
        assertEquals(60_000, data.train().count());
        assertEquals(10_000, data.test().count());
        assertEquals(28, data.train().rows());
        // Every class has exactly 6 000 training and 1 000 test images in the official release.
        int[] counts = new int[10];
        for (int i = 0; i < data.test().count(); i++) {
            counts[data.test().label(i)]++;
        }
        int[] expected = new int[10];
        Arrays.fill(expected, 1000);
        assertArrayEqualsInt(expected, counts);
        // First training image is an ankle boot (label 9) in the official files.
        assertEquals(9, data.train().label(0));
    }

    private static void assertArrayEqualsInt(int[] a, int[] b) {
        assertEquals(Arrays.toString(a), Arrays.toString(b));
    }

    @Test
    void idxParseRejectsTinyHeader() {
        String msg = assertThrows(UserException.class,
                () -> IdxFile.parse(Path.of("x.gz"), new ByteArrayOutputStream().toByteArray(), 1)).getMessage();
        assertTrue(msg.startsWith("x.gz: too short"), msg);
    }
}
