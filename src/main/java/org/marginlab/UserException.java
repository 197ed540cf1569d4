package org.marginlab;

/**
 * A problem the user can fix (bad file, bad flag, missing data). Its message is one line that names
 * the file or field and how to fix it; the CLI and the window show it without a stack trace.
 */
public class UserException extends RuntimeException {

    /**
     * A folder the user chose, which the CLI sets with a flag and the window with a field. The engine's message
     * names it in words both can show ("dataset folder"); the CLI adds its flag when it prints the message.
     */
    public enum Field {
        DATASET_FOLDER, RUN_FOLDER, OUTPUT_FOLDER
    }

    private final Field field;

    public UserException(String message) {
        this(null, message, null);
    }

    public UserException(String message, Throwable cause) {
        this(null, message, cause);
    }

    public UserException(Field field, String message) {
        this(field, message, null);
    }

    private UserException(Field field, String message, Throwable cause) {
        super(message, cause);
        this.field = field;
    }

    /** The folder this problem is about, or null when it is not about one. */
    public Field field() {
        return field;
    }
}
