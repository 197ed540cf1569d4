package org.marginlab.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.marginlab.IoErrors;
import org.marginlab.UserException;

/**
 * One gzipped IDX file (LeCun's MNIST format): a big-endian magic 0x0000TTNN (TT = 0x08 for unsigned
 * bytes, NN = number of dimensions), NN big-endian int32 sizes, then the bytes in row-major order.
 *
 * @param dims  the sizes, outermost first
 * @param data  the payload, product(dims) unsigned bytes
 */
public record IdxFile(int[] dims, byte[] data) {

    private static final int UBYTE = 0x08;

    /** Reads and checks a .gz IDX file whose dimension count must be {@code expectedRank}. */
    public static IdxFile readGz(Path file, int expectedRank) {
        byte[] raw;
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16), 1 << 16)) {
            raw = in.readAllBytes();
        } catch (NoSuchFileException e) {
            throw new UserException(UserException.Field.DATASET_FOLDER,
                        file + ": missing; choose a dataset folder holding the four Fashion-MNIST .gz files");
        } catch (EOFException e) {
            throw new UserException(file + ": truncated gzip (the file ends early); copy it again");
        } catch (ZipException e) {
            throw new UserException(file + ": not a valid gzip file (" + e.getMessage() + "); copy it again");
        } catch (IOException e) {
            throw new UserException(file + ": cannot read (" + IoErrors.describe(e) + ")");
        }
        return parse(file, raw, expectedRank);
    }

    /** Reads an IDX file, gunzipping it when its name ends in .gz. */
    public static IdxFile read(Path file, int expectedRank) {
        if (file.getFileName().toString().endsWith(".gz")) {
            return readGz(file, expectedRank);
        }
        try {
            return parse(file, Files.readAllBytes(file), expectedRank);
        } catch (NoSuchFileException e) {
            throw new UserException(UserException.Field.DATASET_FOLDER, file + ": missing");
        } catch (IOException e) {
            throw new UserException(file + ": cannot read (" + IoErrors.describe(e) + ")");
        }
    }

    static IdxFile parse(Path file, byte[] raw, int expectedRank) {
        if (raw.length < 4) {
            throw new UserException(file + ": too short for an IDX header (" + raw.length + " bytes)");
        }
        ByteBuffer buf = ByteBuffer.wrap(raw).order(ByteOrder.BIG_ENDIAN);
        int magic = buf.getInt();
        int expectedMagic = (UBYTE << 8) | expectedRank;
        if (magic != expectedMagic) {
            throw new UserException(String.format("%s: wrong magic 0x%08X, expected 0x%08X (unsigned-byte IDX of rank %d); is this the right file?",
                    file, magic, expectedMagic, expectedRank));
        }
        if (raw.length < 4 + 4 * expectedRank) {
            throw new UserException(file + ": truncated IDX header");
        }
        int[] dims = new int[expectedRank];
        long size = 1;
        for (int i = 0; i < expectedRank; i++) {
            dims[i] = buf.getInt();
            if (dims[i] < 0) {
                throw new UserException(file + ": negative size " + dims[i] + " in dimension " + i);
            }
            size *= dims[i];
        }
        int header = 4 + 4 * expectedRank;
        if (raw.length - header != size) {
            throw new UserException(String.format("%s: header promises %d data bytes but the file holds %d; the file is truncated or corrupt",
                    file, size, raw.length - header));
        }
        byte[] data = new byte[(int) size];
        System.arraycopy(raw, header, data, 0, data.length);
        return new IdxFile(dims, data);
    }
}
