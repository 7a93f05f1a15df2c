package org.xbar.spice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Engineering numbers as SPICE reads them. */
class SpiceNumberTest {

    @Test
    void suffixes() {
        assertEquals(1500.0, SpiceNumber.parse("1.5k"));
        assertEquals(1500.0, SpiceNumber.parse("1.5K"));
        assertEquals(2e6, SpiceNumber.parse("2Meg"));
        assertEquals(2e6, SpiceNumber.parse("2MEG"));
        assertEquals(2e-3, SpiceNumber.parse("2M"), "M is milli, as in SPICE");
        assertEquals(10e-6, SpiceNumber.parse("10u"));
        assertEquals(20e-6, SpiceNumber.parse("20u"), "the double nearest 20e-6, not 20 * 1e-6");
        assertEquals(1e3, SpiceNumber.parse("1e3"));
        assertEquals(-4.7e-9, SpiceNumber.parse("-4.7n"));
        assertEquals(3e-12, SpiceNumber.parse("3p"));
        assertEquals(5e-15, SpiceNumber.parse("5f"));
        assertEquals(7e9, SpiceNumber.parse("7g"));
        assertEquals(2e12, SpiceNumber.parse("2T"));
        assertEquals(25.4e-6, SpiceNumber.parse("1mil"));
        assertEquals(0.5, SpiceNumber.parse(".5"));
        assertEquals(2.5e-2, SpiceNumber.parse("2.5e-5Meg") * 1e-3, 1e-18);
        assertEquals(1e-3, SpiceNumber.parse("1e-6k"));
    }

    @Test
    void unitsAfterTheNumberAreIgnored() {
        assertEquals(10e3, SpiceNumber.parse("10kohm"));
        assertEquals(1.5, SpiceNumber.parse("1.5V"));
        assertEquals(10e-6, SpiceNumber.parse("10uA"));
        assertEquals(3.0, SpiceNumber.parse("3Ohm"));
    }

    @Test
    void notNumbers() {
        for (String bad : new String[] {"abc", "", "k", "1..2", "1.5k!", "--1", "1e999"}) {
            assertThrows(NumberFormatException.class, () -> SpiceNumber.parse(bad), bad);
        }
    }

    @Test
    void formatRoundTrips() {
        for (double v : new double[] {1, 800, 2.5, 1.0 / 600e3, 600000.0 / 7, 1e-300, -0.3}) {
            assertEquals(v, SpiceNumber.parse(SpiceNumber.format(v)));
        }
        assertEquals("800", SpiceNumber.format(800));
    }
}
