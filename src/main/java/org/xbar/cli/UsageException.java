package org.xbar.cli;

import org.xbar.error.XbarException;

/**
 * Bad usage of a command-line flag that picocli cannot see by itself (a value out of range, flags
 * that contradict each other). The message names the flag; the exit code is 2.
 */
final class UsageException extends XbarException {
    private static final long serialVersionUID = 1L;

    /**
     * @param flag    the flag at fault, such as {@code --rs}
     * @param message what is wrong with it
     */
    UsageException(String flag, String message) {
        super(flag + ": " + message);
    }
}
