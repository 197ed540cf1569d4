package org.marginlab.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;

/**
 * Writes small data sets in each exact on-disk format, with pixels and labels a test can work out again:
 * pixel (image i, channel ch, row r, column c) = {@link #value}, label of image i = {@link #label}.
 */
public final class DataFiles {
    private DataFiles() {
    }

    /** A byte no two neighbouring images, channels, rows or columns share by accident. */
    public static int value(int i, int ch, int r, int c) {
        return (i * 37 + ch * 101 + r * 7 + c * 3) & 0xFF;
    }

    public static int label(int i, int classes) {
        return (i * 7) % classes;
    }

    /** One CIFAR record's 3072 pixel bytes of image {@code i}: red plane, green, blue, row-major. */
    static byte[] cifarPixels(int i) {
        byte[] px = new byte[3072];
        for (int ch = 0; ch < 3; ch++) {
            for (int r = 0; r < 32; r++) {
                for (int c = 0; c < 32; c++) {
                    px[ch * 1024 + r * 32 + c] = (byte) value(i, ch, r, c);
                }
            }
        }
        return px;
    }

    /**
     * {@code root/cifar-10-batches-bin/} as the official archive unpacks: five training batches of {@code perBatch}
     * records (image ids 0…5·perBatch−1 in order), a test batch of {@code test} (ids following), batches.meta.txt.
     */
    public static Path cifar10(Path root, int perBatch, int test) throws IOException {
        Path dir = Files.createDirectories(root.resolve("cifar-10-batches-bin"));
        int id = 0;
        for (int b = 1; b <= 5; b++) {
            id = cifarFile(dir.resolve("data_batch_" + b + ".bin"), id, perBatch, 1, 10);
        }
        cifarFile(dir.resolve("test_batch.bin"), id, test, 1, 10);
        Files.writeString(dir.resolve("batches.meta.txt"), String.join("\n", cifar10Names()) + "\n\n");
        return dir;
    }

    public static List<String> cifar10Names() {
        return List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");
    }

    /** {@code root/cifar-100-binary/}: train.bin, test.bin (coarse label i mod 20, fine {@link #label}(i, 100)), both name files. */
    public static Path cifar100(Path root, int train, int test) throws IOException {
        Path dir = Files.createDirectories(root.resolve("cifar-100-binary"));
        cifarFile(dir.resolve("train.bin"), 0, train, 2, 100);
        cifarFile(dir.resolve("test.bin"), train, test, 2, 100);
        Files.writeString(dir.resolve("fine_label_names.txt"),
                IntStream.range(0, 100).mapToObj(k -> "fine" + k).collect(Collectors.joining("\n")) + "\n");
        Files.writeString(dir.resolve("coarse_label_names.txt"),
                IntStream.range(0, 20).mapToObj(k -> "coarse" + k).collect(Collectors.joining("\n")) + "\n");
        return dir;
    }

    public static int coarse(int i) {
        return i % 20;
    }

    private static int cifarFile(Path file, int from, int n, int labelBytes, int classes) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = from; i < from + n; i++) {
                if (labelBytes == 2) {
                    out.write(coarse(i));
                }
                out.write(label(i, classes));
                out.write(cifarPixels(i));
            }
        }
        return from + n;
    }

    /**
     * A folder of PNGs, one sub-folder per class ("class-0" …), {@code perClass} images each, {@code side}×{@code side},
     * RGB with pixel (x, y) = ({@link #value}(i, 0, y, x), value(i, 1, y, x), value(i, 2, y, x)) where i is the
     * image's id (class·perClass + k), stored in its file name "img-&lt;id&gt;.png".
     */
    public static Path pngFolder(Path dir, int classes, int perClass, int side) throws IOException {
        for (int y = 0; y < classes; y++) {
            Path cls = Files.createDirectories(dir.resolve("class-" + y));
            for (int k = 0; k < perClass; k++) {
                int id = y * perClass + k;
                BufferedImage im = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
                for (int r = 0; r < side; r++) {
                    for (int c = 0; c < side; c++) {
                        im.setRGB(c, r, value(id, 0, r, c) << 16 | value(id, 1, r, c) << 8 | value(id, 2, r, c));
                    }
                }
                ImageIO.write(im, "png", cls.resolve("img-" + id + ".png").toFile());
            }
        }
        return dir;
    }

    /** An uncompressed IDX set (grey {@link #value}(i, 0, r, c)) with a classes.txt naming {@code names}. */
    public static Path idx(Path dir, int train, int test, int rows, int cols, List<String> names) throws IOException {
        Files.createDirectories(dir);
        idxPair(dir, "train", 0, train, rows, cols, names.size());
        idxPair(dir, "t10k", train, test, rows, cols, names.size());
        Files.writeString(dir.resolve("classes.txt"), String.join("\n", names) + "\n", StandardCharsets.UTF_8);
        return dir;
    }

    private static void idxPair(Path dir, String prefix, int from, int n, int rows, int cols, int classes) throws IOException {
        try (var out = new java.io.DataOutputStream(Files.newOutputStream(dir.resolve(prefix + "-images-idx3-ubyte")))) {
            out.writeInt(0x803);
            out.writeInt(n);
            out.writeInt(rows);
            out.writeInt(cols);
            for (int i = from; i < from + n; i++) {
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < cols; c++) {
                        out.write(value(i, 0, r, c));
                    }
                }
            }
        }
        try (var out = new java.io.DataOutputStream(Files.newOutputStream(dir.resolve(prefix + "-labels-idx1-ubyte")))) {
            out.writeInt(0x801);
            out.writeInt(n);
            for (int i = from; i < from + n; i++) {
                out.write(label(i, classes));
            }
        }
    }
}
