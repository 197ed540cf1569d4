package org.marginlab.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A data set as read from disk: its two splits, its class names (from the data set's own files, else
 * "0" … "C−1"), and what config.json records of it.
 *
 * @param format     what was found
 * @param path       the folder read; null for the bundled Fashion-MNIST found by search
 * @param train      the training split
 * @param test       the test split
 * @param classNames one per class, label order
 * @param sha256     see {@link DataRecord#sha256}; null when not computed
 * @param checks     what was verified, e.g. "checksums OK (built-in list)"; empty when nothing was published to check
 */
public record DataSet(DataFormat format, Path path, Split train, Split test, List<String> classNames, String sha256,
                      String checks) {

    public static final int MAX_CLASSES = 100;

    public DataSet {
        classNames = List.copyOf(classNames);
    }

    public int classes() {
        return classNames.size();
    }

    public int channels() {
        return train.channels();
    }

    /** "CIFAR-10 binary: 50 000 train / 10 000 test, 10 classes, 32×32 RGB". */
    public String summary() {
        return String.format(Locale.ROOT, "%s: %s train / %s test, %d classes, %d×%d %s", format.title(),
                grouped(train.count()), grouped(test.count()), classes(), train.rows(), train.cols(),
                channels() == 3 ? "RGB" : "grey") + (checks == null || checks.isEmpty() ? "" : "; " + checks);
    }

    /** What config.json records. */
    public DataRecord record() {
        return new DataRecord(format.id(), path == null ? null : path.toAbsolutePath().normalize().toString(),
                train.count(), test.count(), channels(), train.rows(), train.cols(), sha256, classNames);
    }

    /** 50000 → "50 000", as the one-line description writes counts. */
    public static String grouped(long n) {
        return String.format(Locale.ROOT, "%,d", n).replace(',', ' ');
    }
}
