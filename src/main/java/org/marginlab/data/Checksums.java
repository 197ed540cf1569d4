package org.marginlab.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.marginlab.IoErrors;
import org.marginlab.UserException;

/**
 * SHA-256 checks of dataset files against a {@code SHA256SUMS} file in {@code sha256sum} format,
 * or, when the folder has none, against the sums of the official files shipped with MarginLab.
 */
public final class Checksums {
    public static final String MANIFEST = "SHA256SUMS";

    private Checksums() {
    }

    /** The outcome of checking one folder. */
    public enum Status {
        OK("checksums OK"),
        OK_BUILT_IN("checksums OK (built-in list)");

        private final String text;

        Status(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /** Verifies each named file and returns how; a mismatch is a one-line {@link UserException}. */
    public static Status verify(Path dir, List<String> files) {
        Path manifest = dir.resolve(MANIFEST);
        Map<String, String> expected;
        Status status;
        if (Files.isRegularFile(manifest)) {
            expected = parse(manifest);
            status = Status.OK;
        } else {
            expected = builtIn();
            status = Status.OK_BUILT_IN;
        }
        for (String name : files) {
            String want = expected.get(name);
            Path file = dir.resolve(name);
            if (want == null) {
                throw new UserException(manifest + ": no checksum for " + name + "; add a line '<sha256>  " + name + "'");
            }
            if (!Files.isRegularFile(file)) {
                throw new UserException(UserException.Field.DATASET_FOLDER,
                        file + ": missing; choose a dataset folder holding the four Fashion-MNIST .gz files");
            }
            String got = sha256(file);
            if (!got.equalsIgnoreCase(want)) {
                throw new UserException(file + ": checksum mismatch (SHA-256 " + got.substring(0, 12) + "…, expected "
                        + want.substring(0, 12) + "…); replace the file with the original or fix " + manifest.getFileName());
            }
        }
        return status;
    }

    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UserException(file + ": cannot read (" + IoErrors.describe(e) + ")");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM lacks SHA-256", e);
        }
    }

    /**
     * One SHA-256 for several files: that of their sha256sum lines ("hex  name\n") in the given order, so it
     * can be checked by hand with {@code sha256sum FILES | sha256sum}.
     */
    public static String combined(List<Path> files) {
        StringBuilder lines = new StringBuilder();
        for (Path f : files) {
            lines.append(sha256(f)).append("  ").append(f.getFileName()).append('\n');
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(lines.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM lacks SHA-256", e);
        }
    }

    /** Whether each file matches the built-in Fashion-MNIST list (false when any differs or is missing). */
    public static boolean matchesBuiltIn(Path dir, List<String> files) {
        Map<String, String> expected = builtIn();
        for (String name : files) {
            Path f = dir.resolve(name);
            if (!expected.containsKey(name) || !Files.isRegularFile(f) || !sha256(f).equalsIgnoreCase(expected.get(name))) {
                return false;
            }
        }
        return true;
    }

    static Map<String, String> parse(Path manifest) {
        try {
            return parse(manifest.toString(), Files.readAllLines(manifest));
        } catch (IOException e) {
            throw new UserException(manifest + ": cannot read (" + IoErrors.describe(e) + ")");
        }
    }

    static Map<String, String> parse(String source, List<String> lines) {
        Map<String, String> sums = new LinkedHashMap<>();
        int lineNo = 0;
        for (String line : lines) {
            lineNo++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            String[] parts = t.split("\\s+\\*?", 2);
            if (parts.length != 2 || !parts[0].matches("[0-9a-fA-F]{64}")) {
                throw new UserException(source + ": line " + lineNo + " is not '<sha256>  <file name>'");
            }
            sums.put(parts[1].strip(), parts[0]);
        }
        return sums;
    }

    private static Map<String, String> builtIn() {
        try (InputStream in = Checksums.class.getResourceAsStream("fashion-mnist.sha256")) {
            if (in == null) {
                throw new IllegalStateException("built-in checksum list missing from the jar");
            }
            return parse("built-in checksum list", new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the built-in checksum list", e);
        }
    }
}
