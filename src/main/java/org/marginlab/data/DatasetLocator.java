package org.marginlab.data;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.marginlab.UserException;

/**
 * Finds the Fashion-MNIST folder: an explicit one (the CLI's {@code --data}, the window's dataset folder),
 * else {@code datasets/fashion-mnist} of the checkout (the working directory, or beside the jar / app image), else Debian's
 * {@code /usr/share/datasets/fashion-mnist}.
 */
public final class DatasetLocator {
    public static final Path RELATIVE = Path.of("datasets", "fashion-mnist");
    public static final Path SYSTEM = Path.of("/usr/share/datasets/fashion-mnist");

    private DatasetLocator() {
    }

    public static Path locate(Path explicit) {
        if (explicit != null) {
            if (Files.isRegularFile(explicit)) {
                throw new UserException(UserException.Field.DATASET_FOLDER, "dataset folder " + explicit
                        + ": is a file, not a folder; give the folder that holds the four Fashion-MNIST .gz files"
                        + (explicit.toAbsolutePath().getParent() != null ? " (" + explicit.toAbsolutePath().getParent() + "?)" : ""));
            }
            if (!Files.isDirectory(explicit)) {
                throw new UserException(UserException.Field.DATASET_FOLDER, "dataset folder " + explicit
                        + ": no such folder; give the folder that holds the four Fashion-MNIST .gz files");
            }
            return explicit;
        }
        List<Path> tried = candidates();
        for (Path p : tried) {
            if (Files.isRegularFile(p.resolve(FashionMnist.TRAIN_IMAGES))) {
                return p;
            }
        }
        throw new UserException(UserException.Field.DATASET_FOLDER, "Fashion-MNIST not found in " + tried
                + "; choose a dataset folder or run from the MarginLab checkout (apt-get install dataset-fashion-mnist also works)");
    }

    /** The folders searched when none is given, in order. */
    public static List<Path> candidates() {
        List<Path> out = new ArrayList<>();
        out.add(Path.of("").toAbsolutePath().resolve(RELATIVE));
        Path codeDir = codeLocation();
        // target/marginlab.jar → checkout; app image lib/app/marginlab.jar → image root.
        for (Path p = codeDir; p != null && out.size() < 5; p = p.getParent()) {
            Path c = p.resolve(RELATIVE);
            if (!out.contains(c)) {
                out.add(c);
            }
        }
        out.add(SYSTEM);
        return out;
    }

    private static Path codeLocation() {
        try {
            Path p = Path.of(DatasetLocator.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return p.getParent();
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}
