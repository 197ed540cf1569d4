package org.marginlab.run;

import org.marginlab.IoErrors;
import org.marginlab.UserException;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The one writer of a run directory: an OS lock ({@link FileChannel#tryLock}) on its {@code writer.lock}
 * held for as long as a process writes the run. The file says who holds it (pid, host, since when) so that a
 * second writer can name the holder. The operating system drops the lock when its process dies, however it
 * dies, so a lock left by a killed process never blocks; the file itself stays, naming the last writer.
 */
public final class RunLock implements AutoCloseable {

    private static final DateTimeFormatter SINCE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    /**
     * The runs this process holds, by their lock file, with the note written in it. The OS lock is a POSIX record
     * lock: closing any other channel this process has on the file drops it (while the FileLock still says
     * valid), so a run held here is answered from this map and its file never opened a second time.
     */
    private static final java.util.concurrent.ConcurrentHashMap<Path, String> HELD_HERE = new java.util.concurrent.ConcurrentHashMap<>();

    private final FileChannel channel;
    private final FileLock lock;
    private final Path key;
    private final String note;

    private RunLock(FileChannel channel, FileLock lock, Path key, String note) {
        this.channel = channel;
        this.lock = lock;
        this.key = key;
        this.note = note;
    }

    private static Path key(Path dir) {
        Path folder = dir.toAbsolutePath().normalize();
        try {
            folder = folder.toRealPath(); // one key for every spelling of the folder (a link, "..")
        } catch (IOException e) {
            // not there (yet): nothing can hold it
        }
        return folder.resolve(RunFiles.LOCK);
    }

    /**
     * Takes the lock of the run in {@code dir} (an existing folder), or throws a one-line UserException naming
     * the process that holds it. Writes nothing else.
     */
    public static synchronized RunLock acquire(Path dir) {
        Path file = dir.resolve(RunFiles.LOCK);
        if (HELD_HERE.containsKey(key(dir))) {
            // this process writes it already (the window's Compare tab training it, say): refused without
            // opening the file, whose closing would drop the lock
            throw new UserException("run folder " + dir + " is being written by " + holder(dir)
                    + "; wait until it ends or stop it, then try again (nothing was changed)");
        }
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UserException(UserException.Field.RUN_FOLDER, "run folder " + dir
                    + ": cannot open its " + RunFiles.LOCK + " (" + IoErrors.describe(e) + "); check the folder's permissions");
        }
        FileLock l;
        try {
            l = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            l = null; // this process writes it already (the window training it, say)
        } catch (IOException e) {
            closeQuietly(ch);
            throw new UserException(UserException.Field.RUN_FOLDER, "run folder " + dir + ": cannot lock "
                    + RunFiles.LOCK + " (" + IoErrors.describe(e) + ")");
        }
        if (l == null) {
            closeQuietly(ch);
            throw new UserException("run folder " + dir + " is being written by "
                    + holder(dir) + "; wait until it ends or stop it, then try again (nothing was changed)");
        }
        String note = ProcessHandle.current().pid() + " " + host() + " " + Instant.now();
        try {
            byte[] who = (note + "\n").getBytes(StandardCharsets.UTF_8);
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(who), 0);
            ch.force(false);
        } catch (IOException e) {
            // The lock holds without the note; a second writer then reads "an unknown process".
        }
        Path key = key(dir);
        HELD_HERE.put(key, note);
        return new RunLock(ch, l, key, note);
    }

    /** Who holds (or last held) the lock of {@code dir}, in words: "process 123 on host since …". */
    public static String holder(Path dir) {
        String text = HELD_HERE.get(key(dir));
        if (text == null) {
            try {
                text = Files.readString(dir.resolve(RunFiles.LOCK), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                return "another process";
            }
        }
        String[] f = text.split(" ");
        if (f.length != 3) {
            return "another process";
        }
        String since;
        try {
            since = SINCE.format(Instant.parse(f[2]));
        } catch (RuntimeException e) {
            since = f[2];
        }
        return "process " + f[0] + " on " + f[1] + " since " + since;
    }

    /**
     * Whether a process holds the lock of {@code dir} now. Tried with a lock of our own, released at once;
     * true also when this process holds it.
     */
    public static boolean held(Path dir) {
        if (HELD_HERE.containsKey(key(dir))) {
            return true; // held here: opening the file again would drop the lock
        }
        Path file = dir.resolve(RunFiles.LOCK);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock l = ch.tryLock();
            if (l == null) {
                return true;
            }
            l.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            return false; // a read-only folder: nobody can be writing it
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "this host";
        }
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing was written through it
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel below releases it too
        }
        closeQuietly(channel);
        HELD_HERE.remove(key, note); // after the release: until then a second acquire here is refused
    }
}
