package org.marginlab.run;

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
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * {@code checkpoint.bin}: the state after {@code iteration} optimizer steps, written atomically; the one
 * before it is kept as {@code checkpoint.prev.bin} (see {@link RunWriter#checkpoint}).
 * <pre>"MLCKPT02" · long iteration · double elapsedSeconds · int n · byte[n] parameters (DJL
 * Block.saveParameters of backbone, then head) · int k · byte[k] optimizer state (NDList encoding) ·
 * int count · count × (UTF name · int length · byte[length] state) · long CRC-32 of everything before</pre>
 * The named sections hold whatever else a resumed run needs to continue bit for bit: the training loop's
 * statistics window ({@code "loop"}), a head's own state ({@code "head"}, e.g. a dynamic scale). A new kind of
 * state is a new section; a reader skips sections it does not know. {@code "MLCKPT01"} files (no sections)
 * still read.
 */
public record Checkpoint(long iteration, double elapsedSeconds, byte[] parameters, byte[] optimizer,
                         Map<String, byte[]> state) {

    private static final byte[] MAGIC_V1 = {'M', 'L', 'C', 'K', 'P', 'T', '0', '1'};
    private static final byte[] MAGIC = {'M', 'L', 'C', 'K', 'P', 'T', '0', '2'};

    public Checkpoint {
        state = Collections.unmodifiableMap(new TreeMap<>(state));
    }

    public Checkpoint(long iteration, double elapsedSeconds, byte[] parameters, byte[] optimizer) {
        this(iteration, elapsedSeconds, parameters, optimizer, Map.of());
    }

    /** A named section of the state, or null when the checkpoint has none of that name. */
    public byte[] section(String name) {
        return state.get(name);
    }

    public void write(Path file) throws IOException {
        RunFiles.writeAtomically(file, bytes());
    }

    /** The file's bytes. */
    public byte[] bytes() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(parameters.length + optimizer.length + 64);
        DataOutputStream o = new DataOutputStream(bytes);
        o.write(MAGIC);
        o.writeLong(iteration);
        o.writeDouble(elapsedSeconds);
        o.writeInt(parameters.length);
        o.write(parameters);
        o.writeInt(optimizer.length);
        o.write(optimizer);
        o.writeInt(state.size());
        for (Map.Entry<String, byte[]> e : state.entrySet()) {
            o.writeUTF(e.getKey());
            o.writeInt(e.getValue().length);
            o.write(e.getValue());
        }
        o.flush();
        CRC32 crc = new CRC32();
        crc.update(bytes.toByteArray());
        o.writeLong(crc.getValue());
        o.flush();
        return bytes.toByteArray();
    }

    /** A checkpoint to resume from, and the one line to show when it is the previous one. */
    public record Found(Checkpoint checkpoint, String notice) {
    }

    /**
     * The run's latest sound checkpoint: {@code checkpoint.bin}, or {@code checkpoint.prev.bin} when the
     * latest is damaged or missing (then {@code notice} says so).
     *
     * @throws UserException naming the latest checkpoint's problem when neither can be read
     */
    public static Found latest(Path runDir) {
        Path latest = runDir.resolve(RunFiles.CHECKPOINT);
        Path previous = runDir.resolve(RunFiles.CHECKPOINT_PREVIOUS);
        String problem;
        try {
            return new Found(read(latest), null);
        } catch (UserException e) {
            if (!Files.isRegularFile(previous)) {
                if (!Files.exists(latest)) {
                    throw e;
                }
                throw new UserException(e.getMessage() + " and no " + RunFiles.CHECKPOINT_PREVIOUS
                        + ", so it cannot be resumed. The run is deterministic: marginlab train --config "
                        + runDir.resolve(RunFiles.CONFIG) + " --out NEW_FOLDER trains it again from the start");
            }
            problem = Files.exists(latest) ? e.getMessage() : latest + ": missing";
        }
        Checkpoint c;
        try {
            c = read(previous);
        } catch (UserException e) {
            throw new UserException(problem + "; " + e.getMessage() + "; so it cannot be resumed. The run is deterministic: "
                    + "marginlab train --config " + runDir.resolve(RunFiles.CONFIG) + " --out NEW_FOLDER trains it again from the start");
        }
        return new Found(c, problem + "; resuming from " + RunFiles.CHECKPOINT_PREVIOUS + " at iteration " + c.iteration());
    }

    /** Whether {@code file} is a complete checkpoint. */
    static boolean sound(Path file) {
        try {
            read(file);
            return true;
        } catch (UserException e) {
            return false;
        }
    }

    public static Checkpoint read(Path file) {
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UserException(file + ": no checkpoint in this run; it cannot be resumed (it stopped before its first snapshot); "
                    + "train it again with marginlab train --config " + file.resolveSibling(RunFiles.CONFIG) + " --out NEW_FOLDER");
        } catch (IOException e) {
            throw new UserException(file + ": cannot read it (" + org.marginlab.IoErrors.describe(e) + ")");
        }
        try {
            byte[] magic = all.length < MAGIC.length ? all : Arrays.copyOf(all, MAGIC.length);
            boolean v1 = Arrays.equals(magic, MAGIC_V1);
            if (all.length < MAGIC.length + 8 || !(v1 || Arrays.equals(magic, MAGIC))) {
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
            Map<String, byte[]> state = new TreeMap<>();
            for (int n = v1 ? 0 : in.readInt(); n > 0; n--) {
                String name = in.readUTF();
                state.put(name, in.readNBytes(in.readInt()));
            }
            if (in.readLong() != crc.getValue()) {
                throw new EOFException();
            }
            return new Checkpoint(iteration, elapsed, params, opt, state);
        } catch (IOException | RuntimeException e) {
            throw new UserException(file + ": damaged checkpoint (bad header, length or checksum)");
        }
    }
}
