package org.xbar.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code --timings} breakdown of one command: how long the JVM took to reach the command (its
 * uptime when the command starts, which includes loading the launcher's classes), then each phase
 * the command marks, wall clock.
 */
final class Timings {
    private final long jvmStartMs;
    private final List<String> names = new ArrayList<>();
    private final List<Long> nanos = new ArrayList<>();
    private long last;

    Timings() {
        jvmStartMs = ManagementFactory.getRuntimeMXBean().getUptime();
        last = System.nanoTime();
    }

    /**
     * Ends a phase.
     *
     * @param phase what the time since the previous mark was spent on
     */
    void mark(String phase) {
        long now = System.nanoTime();
        names.add(phase);
        nanos.add(now - last);
        last = now;
    }

    /** @param err where the breakdown goes (one line) */
    void print(PrintWriter err) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "timings: JVM start %d ms", jvmStartMs));
        long total = jvmStartMs * 1_000_000L;
        for (int k = 0; k < names.size(); k++) {
            sb.append(String.format(Locale.ROOT, ", %s %.1f ms", names.get(k), nanos.get(k) * 1e-6));
            total += nanos.get(k);
        }
        sb.append(String.format(Locale.ROOT, "; total %.0f ms", total * 1e-6));
        err.println(sb);
        err.flush();
    }
}
