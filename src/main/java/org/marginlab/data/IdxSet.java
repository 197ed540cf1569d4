package org.marginlab.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.marginlab.UserException;

/**
 * Any IDX image set laid out as MNIST is (LeCun's format, see {@link IdxFile}): {@code train-images-idx3-ubyte},
 * {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte}, each
 * optionally gzipped and optionally prefixed (EMNIST's {@code emnist-digits-train-images-idx3-ubyte.gz}).
 * Class names come from a {@code classes.txt} beside them (one per line), else "0" … "C−1". The four files
 * of Fashion-MNIST, matching the built-in checksums, read as Fashion-MNIST with its names.
 */
public final class IdxSet {
    public static final String CLASSES_FILE = "classes.txt";
    static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

    private IdxSet() {
    }

    static boolean isIdx(Path dir) {
        return find(dir, TRAIN_IMAGES) != null;
    }

    static DataSet read(Path dir, DataOptions o) {
        if (o.imageSize() != 0 || o.channels() == 3) {
            throw new UserException(dir + ": IDX images keep their stored size and are grey; --image-size and "
                    + "--colour apply to image folders only");
        }
        Path trImg = required(dir, TRAIN_IMAGES);
        Path trLab = required(dir, TRAIN_LABELS);
        Path teImg = required(dir, TEST_IMAGES);
        Path teLab = required(dir, TEST_LABELS);
        int[] a = header(trImg);
        int[] b = header(teImg);
        if (a[1] != b[1] || a[2] != b[2]) {
            // one model reads both: test images of another size cannot be evaluated
            throw new UserException(teImg + ": images are " + b[1] + "×" + b[2] + ", but the training images ("
                    + trImg.getFileName() + ") are " + a[1] + "×" + a[2] + "; both must come from the same set");
        }
        MemoryCheck.require("IDX set in " + dir, (long) a[0] + b[0], 1, a[1], a[2]);
        if (Checksums.matchesBuiltIn(dir, FashionMnist.FILES)) {
            FashionMnist fm = FashionMnist.load(dir);
            return new DataSet(DataFormat.FASHION_MNIST, dir, fm.train(), fm.test(), FashionMnist.CLASS_NAMES,
                    Checksums.combined(FashionMnist.FILES.stream().map(dir::resolve).toList()), fm.checksums().text());
        }
        String checks = "";
        List<Path> files = List.of(trImg, trLab, teImg, teLab);
        if (Files.isRegularFile(dir.resolve(Checksums.MANIFEST))) {
            checks = Checksums.verify(dir, files.stream().map(p -> p.getFileName().toString()).toList()).text();
        }
        Split train = split(dir, "train", trImg, trLab);
        Split test = split(dir, "test", teImg, teLab);
        int classes = 0;
        for (Split s : List.of(train, test)) {
            for (int i = 0; i < s.count(); i++) {
                classes = Math.max(classes, s.label(i) + 1);
            }
        }
        Path namesFile = dir.resolve(CLASSES_FILE);
        List<String> names;
        if (Files.isRegularFile(namesFile)) {
            names = CifarBinary.names(namesFile, -1);
            if (names.size() < classes) {
                throw new UserException(namesFile + ": names " + names.size() + " classes but the labels go up to "
                        + (classes - 1) + "; one name per line, in label order");
            }
        } else {
            names = IntStream.range(0, classes).mapToObj(Integer::toString).toList();
        }
        if (names.size() < 2 || names.size() > DataSet.MAX_CLASSES) {
            throw new UserException(trLab + ": " + names.size() + " classes; MarginLab trains 2 to " + DataSet.MAX_CLASSES);
        }
        return new DataSet(DataFormat.IDX, dir, train, test, names, Checksums.combined(files), checks);
    }

    private static Split split(Path dir, String name, Path images, Path labels) {
        IdxFile im = IdxFile.read(images, 3);
        IdxFile lb = IdxFile.read(labels, 1);
        int n = im.dims()[0];
        if (lb.dims()[0] != n) {
            throw new UserException(labels + ": holds " + lb.dims()[0] + " labels but " + images.getFileName()
                    + " holds " + n + " images; the two files must come from the same release");
        }
        byte[] lab = lb.data();
        for (int i = 0; i < lab.length; i++) {
            if ((lab[i] & 0xFF) >= DataSet.MAX_CLASSES) {
                throw new UserException(labels + ": label " + (lab[i] & 0xFF) + " at index " + i + " is not a class 0–"
                        + (DataSet.MAX_CLASSES - 1));
            }
        }
        return new Split(name, n, 1, im.dims()[1], im.dims()[2], im.data(), lab);
    }

    /** The file whose name ends in {@code stem} or {@code stem.gz}, or null. */
    static Path find(Path dir, String stem) {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> hits = new ArrayList<>(s.filter(p -> {
                String n = p.getFileName().toString();
                return Files.isRegularFile(p) && (n.endsWith(stem) || n.endsWith(stem + ".gz"));
            }).sorted().toList());
            return hits.isEmpty() ? null : hits.get(0);
        } catch (IOException e) {
            return null;
        }
    }

    private static Path required(Path dir, String stem) {
        Path p = find(dir, stem);
        if (p == null) {
            throw new UserException(UserException.Field.DATASET_FOLDER, dir + ": no " + stem + "[.gz]; an IDX set needs "
                    + TRAIN_IMAGES + ", " + TRAIN_LABELS + ", " + TEST_IMAGES + " and " + TEST_LABELS);
        }
        return p;
    }

    /** {count, rows, cols} from an image file's header, without reading the pixels. */
    private static int[] header(Path file) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file));
             InputStream in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            byte[] h = in.readNBytes(16);
            if (h.length < 16) {
                throw new UserException(file + ": cut short inside its 16-byte IDX header (" + h.length
                        + " bytes); copy it again");
            }
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(h); // IDX is big-endian, as ByteBuffer's default
            int magic = b.getInt();
            if (magic != 0x0803) {
                throw new UserException(String.format("%s: wrong magic 0x%08X, expected 0x00000803 (unsigned-byte IDX of rank 3)", file, magic));
            }
            return new int[] {b.getInt(), b.getInt(), b.getInt()};
        } catch (IOException e) {
            throw new UserException(file + ": cannot read its IDX header (" + org.marginlab.IoErrors.describe(e) + ")");
        }
    }
}
