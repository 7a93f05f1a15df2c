package org.xbar.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command line in process for tests, capturing its exit code and output. */
final class CliRunner {
    private CliRunner() {
    }

    /**
     * @param code exit code
     * @param out  standard output
     * @param err  standard error
     */
    record Run(int code, String out, String err) {
    }

    /**
     * @param args command-line arguments
     * @return what the run returned and printed
     */
    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }
}
