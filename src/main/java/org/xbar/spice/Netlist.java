package org.xbar.spice;

import java.util.List;
import org.xbar.circuit.Circuit;

/**
 * A netlist as read: its title, the circuit it describes, and the warnings about cards that were
 * skipped because they do not change a DC operating point.
 *
 * @param file     the file name, for messages
 * @param title    the title line (or the text of {@code .title})
 * @param circuit  the circuit
 * @param warnings one line per skipped card, with its line number
 */
public record Netlist(String file, String title, Circuit circuit, List<String> warnings) {
    /** Copies the warnings. */
    public Netlist {
        warnings = List.copyOf(warnings);
    }
}
