package org.marginlab.data;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.marginlab.UserException;

/** Fashion-MNIST (Xiao, Rasul & Vollgraf 2017): 60 000 training and 10 000 test images, 28×28, ten classes. */
public final class FashionMnist {
    public static final List<String> CLASS_NAMES = List.of(
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte.gz";
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte.gz";
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte.gz";
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte.gz";
    public static final List<String> FILES = List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);

    private final Path directory;
    private final Checksums.Status checksums;
    private final Split train;
    private final Split test;

    private FashionMnist(Path directory, Checksums.Status checksums, Split train, Split test) {
        this.directory = directory;
        this.checksums = checksums;
        this.train = train;
        this.test = test;
    }

    /** Locates (see {@link DatasetLocator}), verifies and reads all four files. */
    public static FashionMnist load(Path explicitDirOrNull) {
        Path dir = DatasetLocator.locate(explicitDirOrNull);
        Checksums.Status status = Checksums.verify(dir, FILES);
        // The two splits decompress in parallel: gunzip dominates the load time.
        CompletableFuture<Split> train = CompletableFuture.supplyAsync(() -> readSplit(dir, "train", TRAIN_IMAGES, TRAIN_LABELS));
        Split test = readSplit(dir, "test", TEST_IMAGES, TEST_LABELS);
        try {
            return new FashionMnist(dir, status, train.join(), test);
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof UserException u) {
                throw u;
            }
            throw e;
        }
    }

    /** The test split alone (e.g. to show a probe's picture), without the checksum pass. */
    public static Split loadTest(Path explicitDirOrNull) {
        return readSplit(DatasetLocator.locate(explicitDirOrNull), "test", TEST_IMAGES, TEST_LABELS);
    }

    static Split readSplit(Path dir, String name, String imagesFile, String labelsFile) {
        IdxFile images = IdxFile.readGz(dir.resolve(imagesFile), 3);
        IdxFile labels = IdxFile.readGz(dir.resolve(labelsFile), 1);
        int n = images.dims()[0];
        if (labels.dims()[0] != n) {
            throw new UserException(dir.resolve(labelsFile) + ": holds " + labels.dims()[0] + " labels but "
                    + imagesFile + " holds " + n + " images; the two files must come from the same release");
        }
        byte[] lab = labels.data();
        for (int i = 0; i < lab.length; i++) {
            if ((lab[i] & 0xFF) >= CLASS_NAMES.size()) {
                throw new UserException(dir.resolve(labelsFile) + ": label " + (lab[i] & 0xFF) + " at index " + i
                        + " is not a class 0–9");
            }
        }
        return new Split(name, n, images.dims()[1], images.dims()[2], images.data(), lab);
    }

    public Path directory() {
        return directory;
    }

    Checksums.Status checksums() {
        return checksums;
    }

    public Split train() {
        return train;
    }

    public Split test() {
        return test;
    }
}
