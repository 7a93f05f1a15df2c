package org.xbar.error;

import java.util.List;

/**
 * An external program (ngspice) was missing, failed or gave output xbar cannot use. The message
 * names the program, its exit code and the last lines it printed.
 */
public class ExternalToolException extends XbarException {
    private static final long serialVersionUID = 1L;

    private final String tool;
    private final int exitCode;
    private final List<String> lastLines;

    /**
     * @param tool      program name
     * @param exitCode  its exit code, or -1 when it did not run
     * @param what      what went wrong
     * @param lastLines the last lines it printed, most recent last
     */
    public ExternalToolException(String tool, int exitCode, String what, List<String> lastLines) {
        super(tool + (exitCode >= 0 ? " (exit code " + exitCode + ")" : "") + ": " + what
                + (lastLines.isEmpty() ? "" : "; its last output:\n  " + String.join("\n  ", lastLines)));
        this.tool = tool;
        this.exitCode = exitCode;
        this.lastLines = List.copyOf(lastLines);
    }

    /** @return the program's name */
    public String tool() {
        return tool;
    }

    /** @return the program's exit code, -1 when it did not run */
    public int exitCode() {
        return exitCode;
    }

    /** @return the last lines the program printed, most recent last; empty when it printed none or did not run */
    public List<String> lastLines() {
        return lastLines;
    }
}
