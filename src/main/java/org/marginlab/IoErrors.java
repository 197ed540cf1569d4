package org.marginlab;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/**
 * An I/O failure in the user's words ("permission denied", "no space left on device"), for the one-line
 * messages: never the exception's class name, and never the JDK's bare "Input length = 1".
 */
public final class IoErrors {
    private IoErrors() {
    }

    public static String describe(IOException e) {
        if (e instanceof CharacterCodingException) {
            return "not UTF-8 text";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "already exists";
        }
        if (e instanceof NotDirectoryException) {
            return "not a folder";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "folder not empty";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason().toLowerCase(Locale.ROOT);
        }
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return "input/output error";
        }
        return m.lines().findFirst().orElse(m).toLowerCase(Locale.ROOT);
    }

    /**
     * Where a JSON parser stopped, as " at line L column C", from Gson's message (which otherwise names its
     * own classes and settings); empty when it does not say.
     */
    public static String jsonWhere(RuntimeException e) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("line (\\d+) column (\\d+)")
                .matcher(String.valueOf(e.getMessage()));
        return m.find() ? " at line " + m.group(1) + " column " + m.group(2) : "";
    }

}
