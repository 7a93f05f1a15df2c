package org.xbar.cli;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import org.xbar.report.TextTable;
import org.xbar.results.PowerBreakdown;

/** The {@code --read-ns} flag and the power table of {@code solve --power}, shared by the commands that report power. */
final class PowerOutput {
    private PowerOutput() {
    }

    /**
     * @param readNs the value of {@code --read-ns}, or null when not given
     * @return the read time in seconds, or empty when not given
     * @throws UsageException naming {@code --read-ns} unless it is finite and {@code > 0}
     */
    static OptionalDouble readSeconds(Double readNs) {
        if (readNs == null) {
            return OptionalDouble.empty();
        }
        if (!(readNs > 0) || Double.isInfinite(readNs)) {
            throw new UsageException("--read-ns", readNs + " is out of range: the read time must be finite and > 0 ns");
        }
        return OptionalDouble.of(readNs * 1e-9);
    }

    /**
     * The breakdown of one read, or of a batch its mean and its maximum (each term's maximum over
     * the vectors, so that line's terms need not add up), in watts, with the energy per read when
     * a read time is given, and the worst disagreement between dissipated and drawn power.
     *
     * @param reads       one breakdown per input vector, at least one
     * @param readSeconds the read time, or empty
     * @return the table and its last line, each line ending in a newline
     */
    static String table(List<PowerBreakdown> reads, OptionalDouble readSeconds) {
        String[] header = {"power per read", "devices W", "row wires W", "column wires W", "sources W", "neurons W",
            "dissipated W", "drawn W", "energy per read J"};
        TextTable table = new TextTable(readSeconds.isPresent() ? header : java.util.Arrays.copyOf(header, header.length - 1));
        if (reads.size() == 1) {
            table.row(cells("vector 1", reads.get(0), readSeconds));
        } else {
            table.row(cells("mean of " + reads.size() + " vectors", PowerBreakdown.mean(reads), readSeconds));
            table.row(cells("max of " + reads.size() + " vectors", PowerBreakdown.max(reads), readSeconds));
        }
        double imbalance = reads.stream().mapToDouble(PowerBreakdown::imbalance).max().orElse(0);
        return table + String.format(Locale.ROOT, "energy balance: |dissipated - drawn| / drawn <= %.1e%n", imbalance);
    }

    private static Object[] cells(String label, PowerBreakdown p, OptionalDouble readSeconds) {
        List<String> cells = new java.util.ArrayList<>(List.of(label, sci(p.devices()), sci(p.rowWires()), sci(p.columnWires()),
                sci(p.sources()), sci(p.neurons()), sci(p.dissipated()), sci(p.drawn())));
        if (readSeconds.isPresent()) {
            cells.add(sci(p.drawn() * readSeconds.getAsDouble()));
        }
        return cells.toArray();
    }

    private static String sci(double value) {
        return String.format(Locale.ROOT, "%.4e", value);
    }

    /**
     * @param value a quantity in its SI unit
     * @param unit  the unit's symbol
     * @return the value with an SI prefix from femto to giga and four significant digits, such as
     *         {@code 12.34 pJ}
     */
    static String si(double value, String unit) {
        String[] prefixes = {"f", "p", "n", "u", "m", "", "k", "M", "G"};
        double magnitude = Math.abs(value);
        int k = 5;
        if (magnitude > 0) {
            k = (int) Math.floor(Math.log10(magnitude) / 3) + 5;
            k = Math.max(0, Math.min(prefixes.length - 1, k));
        }
        double scaled = value / Math.pow(1000, k - 5);
        return String.format(Locale.ROOT, "%.4g %s%s", scaled, prefixes[k], unit);
    }
}
