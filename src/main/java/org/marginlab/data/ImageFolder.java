package org.marginlab.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.marginlab.IoErrors;
import org.marginlab.UserException;

/**
 * A folder of images, one sub-folder per class (its name is the class name; classes in name order), PNG or
 * JPEG of any size, each resized to a square {@link DataOptions#imageSize()} and kept grey or RGB. With
 * {@code train/} and {@code test/} sub-folders those are the splits; else each class is split on its own,
 * seeded, {@link DataOptions#TEST_SHARE} of it to test (stratified), so every class is in both.
 */
public final class ImageFolder {
    public static final String TRAIN = "train";
    public static final String TEST = "test";

    private ImageFolder() {
    }

    /** Whether {@code dir} has at least one class sub-folder holding a PNG or JPEG (directly or under train/). */
    static boolean isImageFolder(Path dir) {
        Path root = Files.isDirectory(dir.resolve(TRAIN)) ? dir.resolve(TRAIN) : dir;
        return classFolders(root).stream().anyMatch(c -> !images(c).isEmpty());
    }

    static DataSet read(Path dir, DataOptions o) {
        int size = o.imageSize() == 0 ? DataOptions.DEFAULT_FOLDER_SIZE : o.imageSize();
        boolean given = Files.isDirectory(dir.resolve(TRAIN)) && Files.isDirectory(dir.resolve(TEST));
        Path trainRoot = given ? dir.resolve(TRAIN) : dir;
        List<Path> classDirs = classFolders(trainRoot).stream().filter(c -> !images(c).isEmpty()).toList();
        List<String> names = classDirs.stream().map(p -> p.getFileName().toString()).toList();
        if (names.size() < 2 || names.size() > DataSet.MAX_CLASSES) {
            throw new UserException(UserException.Field.DATASET_FOLDER, trainRoot + ": " + names.size()
                    + " class folders with images; MarginLab trains 2 to " + DataSet.MAX_CLASSES + " (one sub-folder per class)");
        }
        List<List<Path>> trainFiles = new ArrayList<>();
        List<List<Path>> testFiles = new ArrayList<>();
        for (int y = 0; y < classDirs.size(); y++) {
            List<Path> files = images(classDirs.get(y));
            if (given) {
                trainFiles.add(files);
                testFiles.add(images(dir.resolve(TEST).resolve(names.get(y))));
            } else {
                int[] order = shuffled(files.size(), BatchSeeds.mix(o.splitSeed(), y));
                int nTest = files.size() < 2 ? 0 : Math.max(1, (int) Math.round(files.size() * DataOptions.TEST_SHARE));
                List<Path> te = new ArrayList<>();
                List<Path> tr = new ArrayList<>();
                for (int k = 0; k < order.length; k++) {
                    (k < nTest ? te : tr).add(files.get(order[k]));
                }
                te.sort(null);
                tr.sort(null);
                trainFiles.add(tr);
                testFiles.add(te);
            }
        }
        if (given) {
            for (Path c : classFolders(dir.resolve(TEST))) {
                if (!names.contains(c.getFileName().toString()) && !images(c).isEmpty()) {
                    throw new UserException(c + ": a test class with no folder in " + trainRoot + "; the two must name the same classes");
                }
            }
        }
        long n = Stream.concat(trainFiles.stream(), testFiles.stream()).mapToLong(List::size).sum();
        MemoryCheck.require(DataFormat.IMAGE_FOLDER.title() + " " + dir, n, o.channels() == 1 ? 1 : 3, size, size);
        Decoded tr = decode(trainFiles, size);
        Decoded te = decode(testFiles, size);
        int channels = o.channels() != 0 ? o.channels() : (tr.colour || te.colour ? 3 : 1);
        Split train = tr.split(TRAIN, size, channels);
        Split test = te.split(TEST, size, channels);
        if (test.count() == 0) {
            throw new UserException(UserException.Field.DATASET_FOLDER, dir + ": no test images (a class needs at least two images "
                    + "to be split, or give train/ and test/ sub-folders)");
        }
        String how = given ? "train/ and test/" : String.format(Locale.ROOT, "split %.0f/%.0f per class, seed %d",
                100 * (1 - DataOptions.TEST_SHARE), 100 * DataOptions.TEST_SHARE, o.splitSeed());
        return new DataSet(DataFormat.IMAGE_FOLDER, dir, train, test, names, null, how);
    }

    /** The images decoded as 0xRRGGBB at size×size, with their labels, and whether any had colour. */
    private record Decoded(int[][] rgb, byte[] labels, boolean colour) {
        Split split(String name, int size, int channels) {
            int plane = size * size;
            byte[] px = new byte[rgb.length * channels * plane];
            for (int i = 0; i < rgb.length; i++) {
                int[] im = rgb[i];
                int base = i * channels * plane;
                for (int k = 0; k < plane; k++) {
                    int r = (im[k] >> 16) & 0xFF;
                    int g = (im[k] >> 8) & 0xFF;
                    int b = im[k] & 0xFF;
                    if (channels == 3) {
                        px[base + k] = (byte) r;
                        px[base + plane + k] = (byte) g;
                        px[base + 2 * plane + k] = (byte) b;
                    } else {
                        px[base + k] = (byte) grey(r, g, b);
                    }
                }
            }
            return new Split(name, rgb.length, channels, size, size, px, labels);
        }
    }

    /** ITU-R BT.601 luma, as most image tools turn colour into grey; a grey pixel (r = g = b) stays itself. */
    static int grey(int r, int g, int b) {
        return (int) Math.round(0.299 * r + 0.587 * g + 0.114 * b);
    }

    private static Decoded decode(List<List<Path>> byClass, int size) {
        int n = byClass.stream().mapToInt(List::size).sum();
        int[][] rgb = new int[n][];
        byte[] labels = new byte[n];
        boolean colour = false;
        int i = 0;
        for (int y = 0; y < byClass.size(); y++) {
            for (Path f : byClass.get(y)) {
                rgb[i] = pixels(f, size);
                labels[i++] = (byte) y;
                for (int p : rgb[i - 1]) {
                    if (((p >> 16) & 0xFF) != (p & 0xFF) || ((p >> 8) & 0xFF) != (p & 0xFF)) {
                        colour = true;
                        break;
                    }
                }
            }
        }
        return new Decoded(rgb, labels, colour);
    }

    /** The image at size×size as 0xRRGGBB (alpha composited over black); an image already that size is copied exactly. */
    static int[] pixels(Path file, int size) {
        BufferedImage src;
        try {
            src = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new UserException(file + ": not a readable PNG or JPEG (" + e.getMessage() + "); remove or re-save it");
        }
        if (src == null) {
            throw new UserException(file + ": not a PNG or JPEG image; remove it from the class folder");
        }
        BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        if (src.getWidth() == size && src.getHeight() == size) {
            out.getGraphics().drawImage(src, 0, 0, null);
        } else {
            // Halve first while far larger, so a photo's detail averages instead of aliasing.
            BufferedImage cur = src;
            while (cur.getWidth() >= 2 * size && cur.getHeight() >= 2 * size) {
                BufferedImage half = new BufferedImage(cur.getWidth() / 2, cur.getHeight() / 2, BufferedImage.TYPE_INT_ARGB);
                Graphics2D g = half.createGraphics();
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.drawImage(cur, 0, 0, half.getWidth(), half.getHeight(), null);
                g.dispose();
                cur = half;
            }
            Graphics2D g = out.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(cur, 0, 0, size, size, null);
            g.dispose();
        }
        return out.getRGB(0, 0, size, size, null, 0, size);
    }

    private static List<Path> classFolders(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new UserException(root + ": cannot list (" + IoErrors.describe(e) + ")");
        }
    }

    private static List<Path> images(Path classDir) {
        if (!Files.isDirectory(classDir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(classDir)) {
            return s.filter(Files::isRegularFile).filter(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
            }).sorted().toList();
        } catch (IOException e) {
            throw new UserException(classDir + ": cannot list (" + IoErrors.describe(e) + ")");
        }
    }

    private static int[] shuffled(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** Seeds derived from two numbers (SplitMix64's finaliser), as the batch pipeline derives its own. */
    private static final class BatchSeeds {
        static long mix(long a, long b) {
            long z = a * 0x9E3779B97F4A7C15L + b;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }
    }
}
