package org.xbar.error;

/**
 * Root of every error the xbar library raises on purpose. It is unchecked: callers that can
 * recover catch it, the command line turns it into a message and exit code 2 (bad input) or 1
 * (a failure while computing).
 */
public class XbarException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, naming the culprit (parameter, node, file and line)
     */
    public XbarException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the culprit
     * @param cause   the underlying exception
     */
    public XbarException(String message, Throwable cause) {
        super(message, cause);
    }
}
