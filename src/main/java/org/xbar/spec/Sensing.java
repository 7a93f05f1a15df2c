package org.xbar.spec;

/** How the end of every column line is read (DESIGN section 2). */
public enum Sensing {
    /**
     * Current sensing: the column's last node goes through the neuron resistance {@code R_N} into
     * a virtual ground ({@code R_N = 0}: the node is the virtual ground). The output is the current
     * into the sense, ampere.
     */
    CURRENT,
    /**
     * Voltage sensing: no neuron resistance, the column floats. Its last node feeds a
     * high-impedance input (the gate of an inverter, PHAX) that draws no DC current, so the column
     * settles near the conductance-weighted mean of its inputs. The output is that node's voltage,
     * volt. A column without any device has no DC path and is refused as floating.
     */
    VOLTAGE
}
