package org.marginlab;

/**
 * A problem the user can fix (bad file, bad flag, missing data). Its message is one line that names
 * the file or field and how to fix it; the CLI and the window show it without a stack trace.
 */
public class UserException extends RuntimeException {
    public UserException(String message) {
        super(message);
    }

    public UserException(String message, Throwable cause) {
        super(message, cause);
    }
}
