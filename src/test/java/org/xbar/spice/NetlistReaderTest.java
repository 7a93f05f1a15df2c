package org.xbar.spice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xbar.TestCrossbars.assertClose;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbar.circuit.Circuit;
import org.xbar.error.NetlistException;
import org.xbar.results.CircuitSolution;
import org.xbar.solve.CircuitSolver;

/** The netlist reader: what it reads, what it skips with a warning, what it refuses and where. */
class NetlistReaderTest {

    private static Netlist read(String... lines) {
        return NetlistReader.read("t.cir", List.of(lines));
    }

    private static NetlistException refused(String... lines) {
        return assertThrows(NetlistException.class, () -> read(lines));
    }

    @Test
    void readsTheResistiveSubset() {
        Netlist n = read("R1 looks like an element but is the title",
                "* comment",
                "V1 IN 0 DC 2.5  ; inline comment",
                "r1 in MID 1.5K",
                "R2 mid gnd",
                "+ 3k $ another comment",
                "I1 0 mid 1m",
                ".op",
                ".end",
                "R3 after the end is ignored");
        assertEquals("R1 looks like an element but is the title", n.title());
        Circuit c = n.circuit();
        assertEquals(2, c.resistors().size());
        assertEquals(1500.0, c.resistors().value(0));
        assertEquals(3000.0, c.resistors().value(1));
        assertEquals(c.nodeIndex("mid"), c.resistors().first(1), "names are case-insensitive");
        assertEquals(Circuit.GROUND, c.resistors().second(1), "gnd is ground");
        assertEquals(1e-3, c.currentSources().value(0));
        assertTrue(n.warnings().isEmpty(), n.warnings().toString());
        // 2.5 V through 1.5k into mid; mid to ground through 3k; 1 mA injected into mid:
        // (v - 2.5)/1.5k + v/3k = 1 mA -> v = (1e-3 + 2.5/1.5e3) / (1/1.5e3 + 1/3e3) = 2.666... V
        CircuitSolution s = new CircuitSolver().solve(c);
        assertClose("v(mid)", s.voltage("mid"), (1e-3 + 2.5 / 1.5e3) / (1 / 1.5e3 + 1 / 3e3), 1e-14, 0);
    }

    @Test
    void titleCardAndSourceForms() {
        Netlist n = read("first line", ".title The real title", "V1 a 0 3", "V2 b 0 DC -1.5V", "Vx c 0 dc 1 ac 1 0",
                "I1 a b dc 2u sin(0 1 1k)", "R1 a b 1", "R2 b c 1", "R3 c 0 1", ".tran 1n 1u", ".end");
        assertEquals("The real title", n.title());
        assertEquals(3.0, n.circuit().voltageSources().value(0));
        assertEquals(-1.5, n.circuit().voltageSources().value(1));
        assertEquals(1.0, n.circuit().voltageSources().value(2));
        assertEquals(2e-6, n.circuit().currentSources().value(0));
        assertEquals(3, n.warnings().size(), n.warnings().toString());
        assertTrue(n.warnings().get(0).startsWith("t.cir:5: AC and transient parts of Vx skipped"), n.warnings().get(0));
        assertTrue(n.warnings().get(2).startsWith("t.cir:10: .tran skipped"), n.warnings().get(2));
    }

    @Test
    void controlBlocksAreSkipped() {
        Netlist n = read("t", "R1 a 0 1", "V1 a 0 1", ".control", "run", "R9 x y 5", ".endc", ".end");
        assertEquals(1, n.circuit().resistors().size(), "cards inside .control are not elements");
        assertTrue(n.warnings().get(0).contains(".control block skipped"));
        assertTrue(refused("t", "R1 a 0 1", ".control", "run").getMessage().contains("has no matching .endc"));
    }

    @Test
    void refusalsNameFileLineAndText() {
        assertEquals("t.cir:3: \".subckt cell a b\" is not supported: subcircuits are not supported; flatten the netlist",
                refused("t", "R1 a 0 1", ".subckt cell a b", ".ends").getMessage());
        assertTrue(refused("t", ".param r=1k").getMessage().startsWith("t.cir:2: \".param r=1k\" is not supported"));
        assertTrue(refused("t", ".model rm r(tc1=0.1)").getMessage().contains("device models are not supported"));
        assertTrue(refused("t", ".include other.cir").getMessage().contains("included files"));
        assertTrue(refused("t", ".frobnicate").getMessage().contains("is an unknown card"));
        assertTrue(refused("t", "R1 a 0 1k rmod").getMessage().contains("resistor models are not supported"));
        assertTrue(refused("t", "R1 a 0 1k m=2").getMessage().contains("multiplier m="));
        assertTrue(refused("t", "R1 a 0 1k tc1=0.01").getMessage().contains("resistor parameters (tc1=0.01)"));
        assertTrue(refused("t", "C1 a 0 1p").getMessage().contains("C1 is a capacitor"));
        assertTrue(refused("t", "M1 d g s b nmos").getMessage().contains("MOSFET"));
        assertTrue(refused("t", "X1 a b cell").getMessage().contains("subcircuit instance"));
        assertTrue(refused("t", "R1 a 0 0").getMessage().contains("0-ohm resistor"));
        assertTrue(refused("t", "R1 a 0 -5").getMessage().contains("negative resistance"));
        assertTrue(refused("t", "R1 a 0 1k", "r1 b 0 2k").getMessage().contains("repeats the element name r1"));
        assertTrue(refused("t", "R1 a 0").getMessage().contains("needs two nodes and a value"));
        assertTrue(refused("t", "V1 a 0 PULSE(0 1 1n)").getMessage().contains("has no DC value"));
        assertTrue(refused("t", "V1 a 0 DC").getMessage().contains("DC without a value"));
        assertTrue(refused("t", "V1 a 0 foo").getMessage().contains("\"foo\" where a DC value"));
        assertTrue(refused("t", "+ 1k").getMessage().contains("continues no card"));
        assertTrue(refused("t", ".options rshunt=1e12").getMessage().contains("rshunt"));
        NetlistException e = refused("t", "R1 a 0 1k", "* c", "R2 a", "+ 0 1x5");
        assertEquals("t.cir:5: \"R2 a 0 1x5\" has \"1x5\" where a number was expected (unexpected \"x5\" after the number)",
                e.getMessage(), "the line of the offending token, not of the card's start");
        assertEquals(5, e.line());
    }
}
