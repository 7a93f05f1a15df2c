package org.xbar.error;

import java.util.List;

/**
 * An external program (ngspice) was missing, failed or gave output xbar cannot use. The message
 * names the program, its exit code and the last lines it printed.
 */
public class ExternalToolException extends XbarException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    /**
     * @param tool      program name
     * @param exitCode  its exit code, or -1 when it did not run
     * @param what      what went wrong
     * @param lastLines the last lines it printed, most recent last
     */
    public ExternalToolException(String tool, int exitCode, String what, List<String> lastLines) {
        super(tool + (exitCode >= 0 ? " (exit code " + exitCode + ")" : "") + ": " + what
                + (lastLines.isEmpty() ? "" : "; its last output:\n  " + String.join("\n  ", lastLines)));
        this.exitCode = exitCode;
    }

    /** @return the program's exit code, -1 when it did not run */
    public int exitCode() {
        return exitCode;
    }
}
