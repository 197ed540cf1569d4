package org.marginlab.train;

import org.marginlab.UserException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * {@code checkpoint.bin}: the state after {@code iteration} optimizer steps, written atomically.
 * <pre>"MLCKPT01" · long iteration · double elapsedSeconds · int n · byte[n] parameters (DJL
 * Block.saveParameters of backbone, then head) · int k · byte[k] optimizer state (NDList encoding) ·
 * long CRC-32 of everything before</pre>
 */
public record Checkpoint(long iteration, double elapsedSeconds, byte[] parameters, byte[] optimizer) {

    private static final byte[] MAGIC = {'M', 'L', 'C', 'K', 'P', 'T', '0', '1'};

    public void write(Path file) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(parameters.length + optimizer.length + 64);
        DataOutputStream o = new DataOutputStream(bytes);
        o.write(MAGIC);
        o.writeLong(iteration);
        o.writeDouble(elapsedSeconds);
        o.writeInt(parameters.length);
        o.write(parameters);
        o.writeInt(optimizer.length);
        o.write(optimizer);
        o.flush();
        CRC32 crc = new CRC32();
        crc.update(bytes.toByteArray());
        o.writeLong(crc.getValue());
        o.flush();
        RunFiles.writeAtomically(file, bytes.toByteArray());
    }

    public static Checkpoint read(Path file) {
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UserException(file + ": no checkpoint in this run; it cannot be resumed (it stopped before its first snapshot)");
        } catch (IOException e) {
            throw new UserException(file + ": cannot read (" + e.getMessage() + ")");
        }
        try {
            if (all.length < MAGIC.length + 8 || !Arrays.equals(Arrays.copyOf(all, MAGIC.length), MAGIC)) {
                throw new EOFException();
            }
            CRC32 crc = new CRC32();
            crc.update(all, 0, all.length - 8);
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(all));
            in.skipNBytes(MAGIC.length);
            long iteration = in.readLong();
            double elapsed = in.readDouble();
            byte[] params = in.readNBytes(in.readInt());
            byte[] opt = in.readNBytes(in.readInt());
            if (in.readLong() != crc.getValue()) {
                throw new EOFException();
            }
            return new Checkpoint(iteration, elapsed, params, opt);
        } catch (IOException | RuntimeException e) {
            throw new UserException(file + ": damaged checkpoint (bad header, length or checksum); resume is not possible from it");
        }
    }
}
