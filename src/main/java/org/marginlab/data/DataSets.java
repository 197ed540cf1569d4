package org.marginlab.data;

import java.nio.file.Files;
import java.nio.file.Path;
import org.marginlab.UserException;

/**
 * Reads a data set by what it finds at a path: nothing given, the bundled Fashion-MNIST
 * ({@link DatasetLocator}); else, in this order, CIFAR-10 binary ({@code data_batch_1.bin}), CIFAR-100
 * binary ({@code train.bin}, {@code test.bin}), an IDX set ({@code train-images-idx3-ubyte[.gz]}) or a
 * folder of images. A folder that holds {@code cifar-10-batches-bin/} or {@code cifar-100-binary/}, as the
 * official archives unpack, is read through it.
 */
public final class DataSets {
    private DataSets() {
    }

    public static DataSet load(Path pathOrNull, DataOptions options) {
        if (pathOrNull == null) {
            if (options.imageSize() != 0 || options.channels() == 3) {
                throw new UserException("Fashion-MNIST images are 28×28 grey; --image-size and --colour apply to image folders only");
            }
            FashionMnist fm = FashionMnist.load(null);
            return new DataSet(DataFormat.FASHION_MNIST, null, fm.train(), fm.test(), FashionMnist.CLASS_NAMES,
                    Checksums.combined(FashionMnist.FILES.stream().map(fm.directory()::resolve).toList()), fm.checksums().text());
        }
        Path dir = pathOrNull;
        if (!Files.isDirectory(dir)) {
            throw new UserException(UserException.Field.DATASET_FOLDER, "data set folder " + dir + ": no such folder; give "
                    + "a CIFAR-10/100 binary folder, an IDX set (Fashion-MNIST, MNIST, …) or a folder of one sub-folder of images per class");
        }
        for (String inner : new String[] {"cifar-10-batches-bin", "cifar-100-binary"}) {
            if (Files.isDirectory(dir.resolve(inner)) && !CifarBinary.isCifar10(dir) && !CifarBinary.isCifar100(dir)) {
                dir = dir.resolve(inner);
                break;
            }
        }
        if (CifarBinary.isCifar10(dir)) {
            return CifarBinary.readCifar10(dir, options);
        }
        if (CifarBinary.isCifar100(dir)) {
            return CifarBinary.readCifar100(dir, options);
        }
        if (IdxSet.isIdx(dir)) {
            return IdxSet.read(dir, options);
        }
        if (ImageFolder.isImageFolder(dir)) {
            return ImageFolder.read(dir, options);
        }
        throw new UserException(UserException.Field.DATASET_FOLDER, dir + ": no data set found; expected CIFAR-10 binary "
                + "(data_batch_1.bin …), CIFAR-100 binary (train.bin, test.bin), an IDX set (train-images-idx3-ubyte[.gz] …) "
                + "or one sub-folder of PNG/JPEG images per class");
    }
}
