package org.xbar.spice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xbar.TestCrossbars.assertClose;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.xbar.TestCrossbars;
import org.xbar.circuit.Circuit;
import org.xbar.compare.SpiceCrossCheck;
import org.xbar.results.CircuitSolution;
import org.xbar.results.OutputBatch;
import org.xbar.solve.CircuitSolver;
import org.xbar.solve.NodalEngine;
import org.xbar.spec.CrossbarSpec;
import org.xbar.spec.Drive;
import org.xbar.spec.InputBatch;
import org.xbar.spec.WeightMapping;

/** Netlists written by xbar read back to the same circuit, and never hold a 0-ohm resistor. */
class NetlistWriterTest {

    @ParameterizedTest
    @EnumSource(WeightMapping.class)
    void exportedCrossbarReadsBackToTheSameOutputs(WeightMapping mapping) {
        for (double wire : new double[] {0, 2.5}) {
            for (Drive drive : Drive.values()) {
                CrossbarSpec spec = TestCrossbars.random(6, 5, mapping, wire, drive, 3);
                double[] v = InputBatch.random(1, 6, 1.0, 9).vector(0);
                String text = new CrossbarNetlist(spec, v).text(List.of());
                assertFalse(text.lines().anyMatch(l -> l.startsWith("r") && l.endsWith(" 0")), "no 0-ohm resistor");
                Netlist back = NetlistReader.read("x.cir", text.lines().toList());
                CircuitSolution s = new CircuitSolver().solve(back.circuit());
                OutputBatch nodal = new NodalEngine().evaluate(spec, InputBatch.single(v));
                int columns = mapping == WeightMapping.COLUMN_PAIR ? 2 * spec.outputs() : spec.outputs();
                double[] column = new double[columns];
                for (int q = 0; q < columns; q++) {
                    column[q] = s.sourceCurrent("vout" + q);
                }
                for (int j = 0; j < spec.outputs(); j++) {
                    double out = mapping == WeightMapping.COLUMN_PAIR ? column[2 * j] - column[2 * j + 1] : column[j];
                    assertClose(mapping + " wire " + wire + " " + drive + " output " + j, out, nodal.get(0, j), 1e-9, 1e-15);
                }
            }
        }
    }

    @Test
    void zeroOhmElementsBecomeOneNode() {
        Circuit.Builder b = Circuit.builder();
        int a = b.node("a");
        int a2 = b.node("a2");
        int c = b.node("c");
        b.voltageSource("v1", a, Circuit.GROUND, 1);
        b.resistor("short", a, a2, 0);
        b.resistor("r1", a2, c, 100);
        b.resistor("r2", c, Circuit.GROUND, 100);
        b.resistor("tie", c, Circuit.GROUND, 50);
        Circuit circuit = b.build();
        NetlistWriter writer = new NetlistWriter(circuit);
        String text = writer.write("t", List.of("a comment"));
        assertEquals("a", writer.writtenName(circuit.nodeIndex("a2")));
        assertTrue(text.contains("r1 a c 100\n"), text);
        assertTrue(text.contains("*   a also stands for a2"), text);
        assertTrue(text.contains("* a comment\n"), text);
        assertFalse(text.contains("short"), text);
        CircuitSolution back = new CircuitSolver().solve(NetlistReader.read("t.cir", text.lines().toList()).circuit());
        CircuitSolution direct = new CircuitSolver().solve(circuit);
        assertClose("v(c)", back.voltage("c"), direct.voltage("c"), 1e-15, 0);
        assertClose("i(v1)", back.sourceCurrent("v1"), direct.sourceCurrent("v1"), 1e-15, 0);
    }

    @Test
    void namesBecomeSpiceNames() {
        Circuit.Builder b = Circuit.builder();
        int a = b.node("a");
        b.voltageSource("supply", a, Circuit.GROUND, 1);
        b.resistor("load", a, Circuit.GROUND, 10);
        b.resistor("r_load", a, Circuit.GROUND, 10);
        b.resistor("R_LOAD2", a, Circuit.GROUND, 10);
        NetlistWriter writer = new NetlistWriter(b.build());
        String text = writer.write("t", List.of());
        assertTrue(text.contains("\nr_load a 0 10\n"), text);
        assertTrue(text.contains("\nr_load_2 a 0 10\n"), "names stay unique: " + text);
        assertTrue(text.contains("\nv_supply a 0 DC 1\n"), text);
        assertEquals("v_supply", writer.writtenVoltageSource(0));
        Netlist back = NetlistReader.read("t.cir", text.lines().toList());
        assertEquals(3, back.circuit().resistors().size());
        assertEquals(-0.3, SpiceCrossCheck.named(new CircuitSolver().solve(back.circuit())).get("i(v_supply)"), 1e-15);
    }

    /**
     * What ngspice receives holds nothing it would act on besides the circuit: no line break in a
     * title or comment can start a card, a title ngspice would read as a card is prefixed, and
     * the options card holds numbers only.
     */
    @Test
    void titlesCommentsAndOptionsCannotBecomeCards() {
        Circuit.Builder b = Circuit.builder();
        int a = b.node("a");
        b.voltageSource("v1", a, Circuit.GROUND, 1);
        b.resistor("r1", a, Circuit.GROUND, 1000);
        NetlistWriter writer = new NetlistWriter(b.build());
        java.util.Map<String, Double> options = new java.util.HashMap<>();
        options.put("reltol", 1e-6);
        options.put("noopiter", 1.0);
        String text = writer.write(".include /etc/passwd", List.of("from x\n.control\nshell touch y\n.endc", "*# shell z"),
                options);
        List<String> lines = text.lines().toList();
        assertEquals(List.of("xbar: .include /etc/passwd", "* from x\\x0a.control\\x0ashell touch y\\x0a.endc",
                "* *# shell z", "r1 a 0 1000", "v1 a 0 DC 1", ".options noopiter reltol=1.0E-6", ".op", ".end"), lines);
        for (String title : new String[] {"*ng_script", "@stop", "+more", "", "t\r.control"}) {
            String first = writer.write(title, List.of()).lines().findFirst().orElseThrow();
            assertTrue(first.startsWith("xbar: ") || first.equals("t\\x0d.control"), first);
        }
        assertEquals("R1 looks like an element", NetlistWriter.titleLine("R1 looks like an element"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> NetlistWriter.optionsCard(java.util.Map.of("a b", 1.0)));
        Circuit.Builder bad = Circuit.builder();
        bad.resistor("r1", bad.node("a\nb"), Circuit.GROUND, 1);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new NetlistWriter(bad.build()));
    }

    /** A netlist read from a file reaches ngspice as the reader read it: the skipped cards are gone. */
    @Test
    void forNgspiceWritesOnlyWhatWasRead() {
        Netlist read = NetlistReader.read("t.cir", List.of("t", "V1 a 0 DC 1 AC 1", "R1 a b 1k", "R2 b 0 2k ac=5k",
                ".options reltol=1e-5 acct", ".control", "shell touch never", ".endc", "*# shell touch never", ".ac dec 1 1 10",
                ".op", ".end"));
        assertEquals("t\n* c\nr1 a b 1000\nr2 b 0 2000\nv1 a 0 DC 1\n.options reltol=1.0E-5\n.op\n.end\n",
                NetlistWriter.forNgspice(read, List.of("c")));
    }

    /** Diodes and their models are written back as D cards and .model D cards that read back to the same circuit. */
    @Test
    void diodesReadBackUnchanged() {
        Netlist read = NetlistReader.read("d.cir", List.of("d", "V1 a 0 1", "R1 a b 100", "D1 b 0 dz 2.5 off",
                "D2 b c dz", "R2 c 0 1k", ".model dz D(is=3e-14 n=1.2 rs=4 bv=6.2 ibv=2m nbv=1.5)", ".end"));
        String text = NetlistWriter.forNgspice(read, List.of());
        assertTrue(text.contains("d1 b 0 dz area=2.5 off\n"), text);
        assertTrue(text.contains(".model dz D(is=3.0E-14 n=1.2 rs=4 bv=6.2 ibv=0.002 nbv=1.5)\n")
                || text.contains(".model dz D("), text);
        Netlist again = NetlistReader.read("again.cir", text.lines().toList());
        assertEquals(read.circuit().diodes(), again.circuit().diodes());
        CircuitSolution first = new CircuitSolver().solve(read.circuit());
        CircuitSolution second = new CircuitSolver().solve(again.circuit());
        for (String node : new String[] {"a", "b", "c"}) {
            assertEquals(first.voltage(node), second.voltage(node), 0.0, node);
        }
    }
}
