package org.xbar.spice;

import java.util.List;
import org.xbar.circuit.Circuit;

/**
 * A netlist as read: its title, the circuit it describes, the simulator options it sets, and the
 * warnings about cards that were skipped because they do not change a DC operating point.
 *
 * @param file     the file name, for messages
 * @param title    the title line (or the text of {@code .title})
 * @param circuit  the circuit
 * @param options  options that change the operating point, by lower-case ngspice name
 *                 ({@code reltol}, {@code vntol}, {@code abstol}, {@code gmin}, {@code itl1},
 *                 {@code itl2}, {@code gminsteps}, {@code srcsteps}, {@code noopiter} (1),
 *                 {@code temp} and {@code tnom} in Celsius)
 * @param warnings one line per skipped card, with its line number
 */
public record Netlist(String file, String title, Circuit circuit, java.util.Map<String, Double> options,
        List<String> warnings) {
    /** Copies the options and warnings. */
    public Netlist {
        options = java.util.Map.copyOf(options);
        warnings = List.copyOf(warnings);
    }
}
