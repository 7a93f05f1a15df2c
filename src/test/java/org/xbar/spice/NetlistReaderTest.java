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
    void readsTransistorsBehavioralSourcesAndOptions() {
        Netlist n = read("inverter",
                "M1 out in vss vss nch W = 0.6u L=0.1u",
                "Mp out in vdd vdd PCH w=1u l=100n m=2 ad=1p as=1p pd=4u ps=4u OFF",
                ".model nch nmos (level=1 vto=0.15 kp=300u lambda=0.5)",
                ".MODEL pch PMOS VTO=-0.15 KP=120U",
                "B1 bout 0 V = -0.00124 + -0.24833*tanh(31.758*(v(in) - -0.02346))",
                "B2 diff 0 v={v(in, vss) / 2}",
                ".options reltol=1e-4 gmin=1e-13 noopiter filetype=ascii",
                ".temp 50",
                ".op");
        Circuit c = n.circuit();
        assertEquals(2, c.mosfets().size());
        org.xbar.circuit.Mosfet m1 = c.mosfets().get(0);
        assertEquals(0.6e-6, m1.width(), 1e-20);
        assertEquals(0.15, m1.model().vto());
        assertEquals(300e-6, m1.model().kp(), 1e-18);
        org.xbar.circuit.Mosfet mp = c.mosfets().get(1);
        assertTrue(mp.model().pmos() && mp.off());
        assertEquals(2.0, mp.multiplier());
        assertEquals(1e-12, mp.drainArea(), 1e-24);
        assertEquals(2, c.behavioralSources().size());
        double[] volts = new double[c.nodeCount()];
        volts[c.nodeIndex("in")] = 0.1;
        volts[c.nodeIndex("vss")] = -0.25;
        assertClose("B1 at 0.1 V", c.behavioralSources().get(0).value().value(volts),
                -0.00124 + -0.24833 * Math.tanh(31.758 * (0.1 + 0.02346)), 1e-15, 0);
        assertClose("B2", c.behavioralSources().get(1).value().value(volts), 0.35 / 2, 1e-15, 0);
        assertEquals(1e-4, n.options().get("reltol"));
        assertEquals(1e-13, n.options().get("gmin"));
        assertEquals(1.0, n.options().get("noopiter"));
        assertEquals(50.0, n.options().get("temp"));
        assertTrue(n.warnings().stream().anyMatch(w -> w.contains("option filetype skipped")), n.warnings().toString());
    }

    @Test
    void refusalsNameFileLineAndText() {
        assertEquals("t.cir:3: \".subckt cell a b\" is not supported: subcircuits are not supported; flatten the netlist",
                refused("t", "R1 a 0 1", ".subckt cell a b", ".ends").getMessage());
        assertTrue(refused("t", ".param r=1k").getMessage().startsWith("t.cir:2: \".param r=1k\" is not supported"));
        assertTrue(refused("t", ".model rm r(tc1=0.1)").getMessage().contains("r models are not supported (only level-1 nmos and pmos)"));
        assertTrue(refused("t", ".model n1 nmos level=3 vto=0.5").getMessage().contains("MOSFET level 3"));
        assertTrue(refused("t", ".model n1 nmos rd=10").getMessage().contains("series resistances are not supported"));
        assertTrue(refused("t", ".model n1 nmos foo=1").getMessage().contains("not a level-1 MOSFET parameter"));
        assertTrue(refused("t", "M1 d g s b nch", ".model nch nmos", "M2 d g s b nope").getMessage()
                .contains("uses the model nope, which no .model card defines"));
        assertTrue(refused("t", ".model nch nmos", "M1 d g s b nch W=1u IC=0.1").getMessage().contains("initial conditions"));
        assertTrue(refused("t", "B1 a 0 I=v(b)").getMessage().contains("behavioral current sources"));
        assertTrue(refused("t", "B1 a 0 V=sin(v(b))").getMessage().contains("the function sin is not supported"));
        assertTrue(refused("t", "B1 a 0 V=v(b)**2").getMessage().contains("the power operator"));
        assertTrue(refused("t", ".options gshunt=1e-12").getMessage().contains("gshunt changes the circuit"));
        assertTrue(refused("t", ".include other.cir").getMessage().contains("included files"));
        assertTrue(refused("t", ".frobnicate").getMessage().contains("is an unknown card"));
        assertTrue(refused("t", "R1 a 0 1k rmod").getMessage().contains("resistor models are not supported"));
        assertTrue(refused("t", "R1 a 0 1k m=2").getMessage().contains("multiplier m="));
        assertTrue(refused("t", "R1 a 0 1k tc1=0.01").getMessage().contains("resistor parameters (tc1=0.01)"));
        assertTrue(refused("t", "C1 a 0 1p").getMessage().contains("C1 is a capacitor"));
        assertTrue(refused("t", "D1 a 0 dmod").getMessage().contains("D1 is a diode"));
        assertTrue(refused("t", "X1 a b cell").getMessage().contains("subcircuit instance"));
        assertTrue(refused("t", "R1 a 0 0").getMessage().contains("0-ohm resistor"));
        assertTrue(refused("t", "R1 a 0 -5").getMessage().contains("negative resistance"));
        assertTrue(refused("t", "R1 a 0 1k", "r1 b 0 2k").getMessage().contains("repeats the element name r1"));
        assertTrue(refused("t", "R1 a 0").getMessage().contains("needs two nodes and a value"));
        assertTrue(refused("t", "V1 a 0 PULSE(0 1 1n)").getMessage().contains("has no DC value"));
        assertTrue(refused("t", "V1 a 0 DC").getMessage().contains("DC without a value"));
        assertTrue(refused("t", "V1 a 0 foo").getMessage().contains("\"foo\" where a DC value"));
        assertTrue(refused("t", "+ 1k").getMessage().contains("continues no card"));
        assertTrue(refused("t", ".options rshunt=1e12").getMessage().contains("rshunt changes the circuit"));
        NetlistException e = refused("t", "R1 a 0 1k", "* c", "R2 a", "+ 0 1x5");
        assertEquals("t.cir:5: \"R2 a 0 1x5\" has \"1x5\" where a number was expected (unexpected \"x5\" after the number)",
                e.getMessage(), "the line of the offending token, not of the card's start");
        assertEquals(5, e.line());
    }
}
