package org.marginlab.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.marginlab.IoErrors;
import org.marginlab.UserException;

/**
 * CIFAR-10 and CIFAR-100 in their official binary versions (Krizhevsky 2009, www.cs.toronto.edu/~kriz/cifar.html).
 * A CIFAR-10 record is one label byte (0–9) and 3072 pixel bytes: the 32×32 red plane, then green, then blue,
 * each row-major; {@code data_batch_1.bin} … {@code data_batch_5.bin} hold the training set and
 * {@code test_batch.bin} the test set, {@code batches.meta.txt} the class names one per line. A CIFAR-100
 * record has two label bytes, coarse (0–19) then fine (0–99), before the same 3072 pixels; {@code train.bin},
 * {@code test.bin}, {@code coarse_label_names.txt}, {@code fine_label_names.txt}.
 *
 * <p>The page publishes only an MD5 of each archive, not a checksum of the files inside, so what is
 * verified here is what the format promises: whole records and labels in range. The files' SHA-256 is
 * recorded in config.json so a run names the exact data it saw.
 */
public final class CifarBinary {
    public static final int SIDE = 32;
    public static final int CHANNELS = 3;
    public static final int PIXELS = CHANNELS * SIDE * SIDE;
    public static final List<String> CIFAR10_TRAIN = List.of(
            "data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin");
    public static final String CIFAR10_TEST = "test_batch.bin";
    public static final String CIFAR10_META = "batches.meta.txt";
    public static final String CIFAR100_TRAIN = "train.bin";
    public static final String CIFAR100_TEST = "test.bin";
    public static final String CIFAR100_FINE = "fine_label_names.txt";
    public static final String CIFAR100_COARSE = "coarse_label_names.txt";

    private CifarBinary() {
    }

    static boolean isCifar10(Path dir) {
        return Files.isRegularFile(dir.resolve(CIFAR10_TRAIN.get(0))) && Files.isRegularFile(dir.resolve(CIFAR10_TEST));
    }

    static boolean isCifar100(Path dir) {
        return Files.isRegularFile(dir.resolve(CIFAR100_TRAIN)) && Files.isRegularFile(dir.resolve(CIFAR100_TEST));
    }

    static DataSet readCifar10(Path dir, DataOptions o) {
        checkOptions(dir, o);
        List<Path> trainFiles = CIFAR10_TRAIN.stream().map(dir::resolve).toList();
        for (Path p : trainFiles) {
            if (!Files.isRegularFile(p)) {
                throw new UserException(UserException.Field.DATASET_FOLDER, p + ": missing; a CIFAR-10 binary folder holds "
                        + String.join(", ", CIFAR10_TRAIN) + " and " + CIFAR10_TEST);
            }
        }
        Path testFile = dir.resolve(CIFAR10_TEST);
        long trainN = 0;
        for (Path p : trainFiles) {
            trainN += records(p, 1);
        }
        long testN = records(testFile, 1);
        MemoryCheck.require(DataFormat.CIFAR10.title() + " in " + dir, trainN + testN, CHANNELS, SIDE, SIDE);
        List<String> names = names(dir.resolve(CIFAR10_META), 10);
        Split train = read("train", trainFiles, 1, 0, 10, (int) trainN);
        Split test = read("test", List.of(testFile), 1, 0, 10, (int) testN);
        List<Path> all = new ArrayList<>(trainFiles);
        all.add(testFile);
        return new DataSet(DataFormat.CIFAR10, dir, train, test, names, Checksums.combined(all), "");
    }

    static DataSet readCifar100(Path dir, DataOptions o) {
        checkOptions(dir, o);
        Path trainFile = dir.resolve(CIFAR100_TRAIN);
        Path testFile = dir.resolve(CIFAR100_TEST);
        long trainN = records(trainFile, 2);
        long testN = records(testFile, 2);
        MemoryCheck.require(DataFormat.CIFAR100.title() + " in " + dir, trainN + testN, CHANNELS, SIDE, SIDE);
        int which = o.coarseLabels() ? 0 : 1;
        int classes = o.coarseLabels() ? 20 : 100;
        List<String> names = names(dir.resolve(o.coarseLabels() ? CIFAR100_COARSE : CIFAR100_FINE), classes);
        Split train = read("train", List.of(trainFile), 2, which, classes, (int) trainN);
        Split test = read("test", List.of(testFile), 2, which, classes, (int) testN);
        return new DataSet(DataFormat.CIFAR100, dir, train, test, names, Checksums.combined(List.of(trainFile, testFile)),
                o.coarseLabels() ? "coarse labels" : "fine labels");
    }

    private static void checkOptions(Path dir, DataOptions o) {
        if (o.imageSize() != 0 && o.imageSize() != SIDE) {
            throw new UserException(dir + ": CIFAR images are 32×32; --image-size " + o.imageSize()
                    + " applies to image folders only; leave it at 0");
        }
        if (o.channels() == 1) {
            throw new UserException(dir + ": CIFAR images are RGB; --colour grey applies to image folders only; use auto or rgb");
        }
    }

    /** The number of whole records in a file, or a one-line error naming the record that is cut short. */
    private static long records(Path file, int labelBytes) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UserException(file + ": cannot read (" + IoErrors.describe(e) + ")");
        }
        int record = labelBytes + PIXELS;
        if (size == 0 || size % record != 0) {
            throw new UserException(file + ": record " + (size / record + 1) + " is cut short (" + size % record + " of "
                    + record + " bytes; the file holds " + size + " bytes, not a whole number of " + record
                    + "-byte records); copy the file again");
        }
        return size / record;
    }

    /** Reads every record of {@code files} in order, keeping label byte {@code labelAt} of {@code labelBytes}. */
    private static Split read(String name, List<Path> files, int labelBytes, int labelAt, int classes, int count) {
        int record = labelBytes + PIXELS;
        byte[] pixels = new byte[count * PIXELS];
        byte[] labels = new byte[count];
        int i = 0;
        byte[] buf = new byte[record * 1024];
        for (Path file : files) {
            int inFile = 0;
            try (InputStream in = Files.newInputStream(file)) {
                for (int n; (n = in.readNBytes(buf, 0, buf.length)) > 0; ) {
                    for (int at = 0; at < n; at += record) {
                        int y = buf[at + labelAt] & 0xFF;
                        if (y >= classes) {
                            throw new UserException(file + ": record " + (inFile + 1) + " has " + (labelBytes == 2
                                    ? (labelAt == 0 ? "coarse" : "fine") + " " : "") + "label " + y + ", not a class 0–"
                                    + (classes - 1) + "; the file is corrupt or not " + (labelBytes == 2 ? "CIFAR-100" : "CIFAR-10"));
                        }
                        labels[i] = (byte) y;
                        System.arraycopy(buf, at + labelBytes, pixels, i * PIXELS, PIXELS);
                        i++;
                        inFile++;
                    }
                }
            } catch (IOException e) {
                throw new UserException(file + ": cannot read (" + IoErrors.describe(e) + ")");
            }
        }
        return new Split(name, count, CHANNELS, SIDE, SIDE, pixels, labels);
    }

    /** The class names, one per non-blank line; "0" … "C−1" when the file is absent; {@code classes} −1: any number. */
    static List<String> names(Path file, int classes) {
        if (!Files.isRegularFile(file)) {
            return IntStream.range(0, classes).mapToObj(Integer::toString).toList();
        }
        List<String> names;
        try {
            names = Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip)
                    .filter(s -> !s.isEmpty()).toList();
        } catch (IOException e) {
            throw new UserException(file + ": cannot read (" + IoErrors.describe(e) + ")");
        }
        if (classes >= 0 && names.size() != classes) {
            throw new UserException(file + ": names " + names.size() + " classes, the labels need " + classes
                    + "; one name per line, in label order");
        }
        return names;
    }
}
