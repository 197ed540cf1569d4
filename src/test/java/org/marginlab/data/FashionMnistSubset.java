package org.marginlab.data;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/**
 * A dataset folder holding the first images of the real Fashion-MNIST splits, with its own SHA256SUMS, so a
 * window test can train whole epochs in seconds through the same loading path as the full set, its classes
 * named in classes.txt.
 */
public final class FashionMnistSubset {
    private FashionMnistSubset() {
    }

    /** Writes the first {@code trainN} training and {@code testN} test images into {@code dir}; returns dir. */
    public static Path write(Path dir, int trainN, int testN) throws Exception {
        FashionMnist fm = FashionMnist.load(null);
        Files.createDirectories(dir);
        StringBuilder sums = new StringBuilder();
        Split[] splits = {fm.train(), fm.test()};
        int[] counts = {trainN, testN};
        String[][] names = {{FashionMnist.TRAIN_IMAGES, FashionMnist.TRAIN_LABELS}, {FashionMnist.TEST_IMAGES, FashionMnist.TEST_LABELS}};
        for (int k = 0; k < 2; k++) {
            Split s = splits[k];
            int n = counts[k];
            int plane = s.rows() * s.cols();
            sums.append(idx(dir.resolve(names[k][0]), 0x803, new int[] {n, s.rows(), s.cols()}, s.pixels(), n * plane));
            sums.append(idx(dir.resolve(names[k][1]), 0x801, new int[] {n}, s.labels(), n));
        }
        Files.writeString(dir.resolve(Checksums.MANIFEST), sums);
        // A subset is no longer the built-in set (its checksums differ), so it names its classes as any IDX set does.
        Files.writeString(dir.resolve(IdxSet.CLASSES_FILE), String.join("\n", FashionMnist.CLASS_NAMES) + "\n");
        return dir;
    }

    /** Writes a gzipped unsigned-byte IDX file; returns its SHA256SUMS line. */
    private static String idx(Path file, int magic, int[] dims, byte[] data, int length) throws IOException {
        try (OutputStream raw = Files.newOutputStream(file);
             DataOutputStream out = new DataOutputStream(new GZIPOutputStream(raw))) {
            out.writeInt(magic);
            for (int d : dims) {
                out.writeInt(d);
            }
            out.write(data, 0, length);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
            return HexFormat.of().formatHex(digest) + "  " + file.getFileName() + "\n";
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
