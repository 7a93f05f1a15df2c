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

    /**
     * Asserts that the netlist is refused at the given line of t.cir, naming the given card (or
     * token) as its text.
     */
    private static NetlistException refusedAt(int line, String text, String... lines) {
        NetlistException e = refused(lines);
        assertEquals("t.cir", e.file(), e.getMessage());
        assertEquals(line, e.line(), "line: " + e.getMessage());
        assertEquals(text, e.text(), "text: " + e.getMessage());
        return e;
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

    /**
     * At DC, as SPICE's operating point: capacitors open, inductors shorts (0 V branches carrying the
     * inductor's current), sources without a DC value at their transient value at time 0, each with
     * a warning naming the line.
     */
    @Test
    void capacitorsInductorsAndTransientSourcesAtDc() {
        Netlist n = read("t", "V1 in 0 SIN(1 2 1k 0 0 30)", "V2 x 0 pwl(-1 0 1 2)", "V3 y 0 EXP(0.5 1 1n 1n)",
                "I1 0 z pulse (1m 0 1n 1n 1n 1u 2u)", "V4 s 0 sffm(0.25 0.5 1meg 2 10k 90 30)", "R1 in mid 1k",
                "C1 mid 0 1u ic=0.3", "L1 mid out 1m", "R2 out 0 1k", "R3 x 0 2k", "R4 y 0 4k", "R5 z 0 500",
                "C2 z y 10p", "R6 s 0 1k", ".end");
        Circuit c = n.circuit();
        Netlist noisy = read("t", "V1 a 0 1", "R1 a 0 1k noisy=0 ac=2k");
        assertEquals(2, noisy.warnings().size(), noisy.warnings().toString());
        assertEquals(1e3, noisy.circuit().resistors().value(0));
        assertEquals(2.0, c.voltageSources().value(0), 1e-15, "SIN: VO + VA sin(PHASE)");
        assertEquals(1.0, c.voltageSources().value(1), 1e-15, "PWL interpolated at 0");
        assertEquals(0.5, c.voltageSources().value(2), 0, "EXP: V1");
        assertEquals(0.25 + 0.5 * Math.sin(Math.PI / 2 + 2 * Math.sin(Math.PI / 6)), c.voltageSources().value(3), 1e-15,
                "SFFM: VO + VA sin(PHASEC + MDI sin(PHASES))");
        assertEquals(1e-3, c.currentSources().value(0), 0, "PULSE: V1");
        assertEquals("l1", c.voltageSources().name(4), "the inductor is a 0 V branch named after it");
        assertEquals(0.0, c.voltageSources().value(4), 0);
        assertEquals(6, c.resistors().size(), "the capacitors are left out");
        assertTrue(n.warnings().contains("t.cir:2: V1 has no DC value: its SIN value at time 0, 2.0, used (ngspice's rule)"),
                n.warnings().toString());
        assertTrue(n.warnings().contains("t.cir:8: capacitor C1 is open at DC; its ic=0.3 skipped"), n.warnings().toString());
        assertTrue(n.warnings().contains("t.cir:9: inductor L1 is a short (a 0 V branch) at DC"), n.warnings().toString());
        CircuitSolution s = new CircuitSolver().solve(c);
        assertClose("v(mid)", s.voltage("mid"), 1.0, 1e-14, 0);
        assertClose("v(out)", s.voltage("out"), 1.0, 1e-14, 0);
        assertClose("i(l1), from mid through the inductor to out", s.sourceCurrent("l1"), 1e-3, 1e-14, 0);
        assertClose("v(z): 1 mA into 500 ohm, the capacitor open", s.voltage("z"), 0.5, 1e-14, 0);
        // a loop of an inductor and a voltage source is refused by name, as a loop of sources is
        Netlist loop = read("t", "V1 a 0 1", "L1 a 0 1u", "R1 a 0 1k");
        org.xbar.error.SingularCircuitException e = assertThrows(org.xbar.error.SingularCircuitException.class,
                () -> new CircuitSolver().solve(loop.circuit()));
        assertTrue(e.getMessage().contains("l1") && e.getMessage().contains("v1"), e.getMessage());
    }

    /**
     * A diode behind a resistor, solved by hand: the current through the resistor is the diode's
     * {@code IS (exp(V / N Vt) - 1) + GMIN V} at its voltage, Kirchhoff's law at the node to the
     * Newton tolerance's last step; a zener in breakdown conducts the other way.
     */
    @Test
    void diodesFollowTheirEquation() {
        Netlist n = read("t", "V1 a 0 1", "R1 a b 1k", "D1 b 0 dm", "V2 c 0 -10", "R2 c d 10k", "D2 d 0 dz",
                ".model dm D(is=2e-15 n=1.1)", ".model dz D(bv=5 ibv=1m rs=2 cjo=1p)", ".end");
        assertTrue(n.warnings().get(0).contains("cjo=1p skipped"), n.warnings().toString());
        CircuitSolution s = new CircuitSolver().solve(n.circuit());
        double vt = 1.38064852e-23 * 300.15 / 1.6021766208e-19;
        double vd = s.voltage("b");
        double diode = 2e-15 * (Math.exp(vd / (1.1 * vt)) - 1) + 1e-12 * vd;
        assertClose("KCL at b", (1 - vd) / 1e3, diode, 1e-6, 0);
        assertTrue(vd > 0.5 && vd < 0.8, "a forward silicon junction: " + vd);
        double vz = s.voltage("d");
        assertTrue(vz < -4.9 && vz > -5.5, "the zener holds its node near -BV: " + vz);
        assertEquals(1, n.circuit().diodes().stream().filter(d -> d.model().hasBreakdown()).count());
    }

    @Test
    void controlBlocksAreSkipped() {
        Netlist n = read("t", "R1 a 0 1", "V1 a 0 1", ".control", "run", "R9 x y 5", ".endc", ".end");
        assertEquals(1, n.circuit().resistors().size(), "cards inside .control are not elements");
        assertTrue(n.warnings().get(0).contains(".control block skipped"));
        refusedAt(3, ".control", "t", "R1 a 0 1", ".control", "run");
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
    void readsCurrentDefinedBehavioralSources() {
        Netlist n = read("t", "V1 in 0 1", "R1 in a 1k", "B1 a b I={250u/3*sinh(3*v(a,b))}", "B2 b 0 i = 1m*v(b)^2 + sqrt(abs(v(a)))");
        Circuit c = n.circuit();
        assertEquals(2, c.behavioralCurrents().size());
        assertEquals(0, c.behavioralSources().size());
        org.xbar.circuit.BehavioralCurrentSource b1 = c.behavioralCurrents().get(0);
        assertEquals("b1", b1.name());
        assertEquals(c.nodeIndex("a"), b1.plus(), "the current leaves the first node");
        assertEquals(c.nodeIndex("b"), b1.minus());
        double[] volts = new double[c.nodeCount()];
        volts[c.nodeIndex("a")] = 0.4;
        volts[c.nodeIndex("b")] = -0.1;
        assertClose("B1", b1.value().value(volts), 250e-6 / 3 * Math.sinh(3 * 0.5), 1e-15, 0);
        assertClose("B2", c.behavioralCurrents().get(1).value().value(volts), 1e-3 * 0.01 + Math.sqrt(0.4), 1e-15, 0);
        assertTrue(c.isNonlinear());
    }

    @Test
    void refusalsNameFileLineAndText() {
        refusedAt(3, ".subckt cell a b", "t", "R1 a 0 1", ".subckt cell a b", ".ends");
        refusedAt(2, ".param r=1k", "t", ".param r=1k");
        refusedAt(2, ".model rm r(tc1=0.1)", "t", ".model rm r(tc1=0.1)");
        refusedAt(2, ".model n1 nmos level=3 vto=0.5", "t", ".model n1 nmos level=3 vto=0.5");
        refusedAt(2, ".model n1 nmos rd=10", "t", ".model n1 nmos rd=10");
        refusedAt(2, ".model n1 nmos foo=1", "t", ".model n1 nmos foo=1");
        refusedAt(4, "M2 d g s b nope", "t", "M1 d g s b nch", ".model nch nmos", "M2 d g s b nope");
        refusedAt(3, "M1 d g s b nch W=1u IC=0.1", "t", ".model nch nmos", "M1 d g s b nch W=1u IC=0.1");
        refusedAt(2, "B1 a 0 Q=v(b)", "t", "B1 a 0 Q=v(b)");
        refusedAt(2, "B1 a 0 V=sin(v(b))", "t", "B1 a 0 V=sin(v(b))");
        refusedAt(2, "B1 a 0 I=pow(v(b))", "t", "B1 a 0 I=pow(v(b))");
        refusedAt(2, "B1 a 0 I=v(b)^", "t", "B1 a 0 I=v(b)^");
        refusedAt(2, ".options gshunt=1e-12", "t", ".options gshunt=1e-12");
        refusedAt(2, ".include other.cir", "t", ".include other.cir");
        refusedAt(2, ".frobnicate", "t", ".frobnicate");
        refusedAt(2, "R1 a 0 1k rmod", "t", "R1 a 0 1k rmod");
        refusedAt(2, "R1 a 0 1k m=2", "t", "R1 a 0 1k m=2");
        refusedAt(2, "R1 a 0 1k tc1=0.01", "t", "R1 a 0 1k tc1=0.01");
        refusedAt(2, "C1 a 0 cmod", "t", "C1 a 0 cmod");
        refusedAt(2, "L1 a 0", "t", "L1 a 0");
        refusedAt(2, "D1 a 0 dmod", "t", "D1 a 0 dmod");
        refusedAt(3, "D1 a 0 dm m=2", "t", ".model dm D(is=1e-14)", "D1 a 0 dm m=2");
        refusedAt(2, ".model dm D(is=1e-14 ikf=1m)", "t", ".model dm D(is=1e-14 ikf=1m)");
        refusedAt(2, ".model dm D(level=3)", "t", ".model dm D(level=3)");
        refusedAt(2, ".model dm D(is=-1)", "t", ".model dm D(is=-1)");
        refusedAt(2, "D1 a 0 nch", "t", "D1 a 0 nch", ".model nch nmos");
        refusedAt(2, "D1 a 0", "t", "D1 a 0");
        refusedAt(2, "X1 a b cell", "t", "X1 a b cell");
        refusedAt(2, "R1 a 0 0", "t", "R1 a 0 0");
        refusedAt(2, "R1 a 0 -5", "t", "R1 a 0 -5");
        refusedAt(3, "r1 b 0 2k", "t", "R1 a 0 1k", "r1 b 0 2k");
        refusedAt(2, "R1 a 0", "t", "R1 a 0");
        refusedAt(2, "V1 a 0 AM(1 0 1k 10k)", "t", "V1 a 0 AM(1 0 1k 10k)");
        refusedAt(2, "V1 a 0 PWL(0 1 1n)", "t", "V1 a 0 PWL(0 1 1n)");
        refusedAt(2, "V1 a 0 SIN(0)", "t", "V1 a 0 SIN(0)");
        refusedAt(2, "V1 a 0 PULSE(0 1) foo", "t", "V1 a 0 PULSE(0 1) foo");
        refusedAt(2, "V1 a 0 DC", "t", "V1 a 0 DC");
        refusedAt(2, "V1 a 0 foo", "t", "V1 a 0 foo");
        refusedAt(2, "+ 1k", "t", "+ 1k");
        refusedAt(2, ".options rshunt=1e12", "t", ".options rshunt=1e12");
        // the line of the offending token, not of the card's start
        refusedAt(5, "R2 a 0 1x5", "t", "R1 a 0 1k", "* c", "R2 a", "+ 0 1x5");
    }

    /** Cards that would make ngspice read or write another file, or run a command, never pass. */
    @Test
    void includesAndScriptsAreRefusedOrSkipped() {
        for (String card : new String[] {".include /etc/passwd", ".INC /etc/passwd", ".include \"/etc/passwd\"",
            ".incpslt x.lib", ".lib /etc/passwd tt", ".libsave /tmp/out.lib", ".endl"}) {
            refusedAt(3, card, "t", "V1 a 0 1", card, "R1 a 0 1k");
        }
        // ngspice acts on .include and .control on the first line too, and runs a *ng_script file as commands
        for (String first : new String[] {".include /etc/passwd", ".control", "*ng_script", "*NG_SCRIPT_WITH_PARAMS", "@x",
            "\u00ef\u00bb\u00bf.include /etc/passwd"}) {
            NetlistException e = refused(first, "V1 a 0 1", "R1 a 0 1k");
            assertEquals(1, e.line(), first);
        }
        assertEquals("The title", read(".title The title", "V1 a 0 1", "R1 a 0 1k").title());
        Netlist n = read("t", "V1 a 0 1", "*# shell touch /tmp/never", "R1 a 0 1k", ".control", "*# echo inside", "shell rm -rf x",
                ".endc", "*# source /etc/passwd");
        assertEquals(List.of("t.cir:3: *# line skipped (ngspice would run it as a control command; xbar runs none, and"
                + " ngspice never sees it)", "t.cir:5: .control block skipped (xbar runs no control scripts; ngspice never"
                + " sees it)", "t.cir:9: *# line skipped (ngspice would run it as a control command; xbar runs none, and"
                + " ngspice never sees it)"), n.warnings());
        assertEquals(1, n.circuit().resistors().size());
        assertEquals(3, refused("t", "R1 a 0 1k", ".endc").line());
        // a byte order mark at the start of a line is dropped, as ngspice drops it
        assertEquals(2, refused("t", "\u00ef\u00bb\u00bf.include x").line());
        assertEquals(1, read("t", "\ufeffR1 a 0 1k", "V1 a 0 1").circuit().resistors().size());
    }

    /** ngspice's own tests/resistance/res_partition.cir: an AC resistance does not change the operating point. */
    @Test
    void acResistanceIsSkipped() {
        Netlist n = read("* Resistive partition with different ratios for AC/DC (Print V(2))", "vin 1 0 DC 1V AC 1V",
                "r1  1 2 5K", "r2  2 0 5K ac=15k", "r3 2 0 5k AC = 1meg", ".OP", ".END");
        assertEquals(3, n.circuit().resistors().size());
        assertEquals(5000.0, n.circuit().resistors().value(1));
        assertTrue(n.warnings().contains("t.cir:4: AC resistance ac=15k of r2 skipped (it does not change the DC operating"
                + " point)"), n.warnings().toString());
        assertTrue(n.warnings().contains("t.cir:5: AC resistance AC=1meg of r3 skipped (it does not change the DC operating"
                + " point)"), n.warnings().toString());
        refusedAt(2, "R1 a 0 1k ac=x", "t", "R1 a 0 1k ac=x");
        refusedAt(2, "R1 a 0 1k ac=1k tc1=2", "t", "R1 a 0 1k ac=1k tc1=2");
    }

    /** Names are letters, digits and a few punctuation marks; anything else is refused at its column. */
    @Test
    void namesWithOtherCharactersAreRefused() {
        NetlistException e = refusedAt(2, "R1 a{b} 0 1k", "t", "R1 a{b} 0 1k");
        assertEquals(5, e.column(), "the column of the '{'");
        assertEquals(4, refused("t", "R1 a 0 1k", "B1 b 0", "+ V=2*v(x'y)").line());
        assertEquals(9, refused("t", "R1 a 0 1k", "B1 b 0", "+ V=2*v(x'y)").column(), "the column of x'y in its line");
        assertEquals(1, refused("t", "R\u00e91 a 0 1k").column() - 1, "the element name");
        assertEquals(9, refused("t", ".model n=m nmos").column(), "the '=' in the model name");
        Netlist n = read("t", "V1 in+ 0 1", "R1 in+ bus[3] 1k", "R2 bus[3] a/b:c.d#e<1>! 1k", "R_3 a/b:c.d#e<1>! 0 1k");
        assertEquals(4, n.circuit().nodeCount());
    }

    /** A control character in a netlist is quoted escaped, and a long card is cut, in every message. */
    @Test
    void messagesEscapeControlCharactersAndCutLongCards() {
        // the message is the product here: what it shows of the card must be escaped
        NetlistException e = refusedAt(2, "R1 a\u0007\u001b[2J 0 1k", "t", "R1 a\u0007\u001b[2J 0 1k");
        assertTrue(e.getMessage().contains("\"R1 a\\x07\\x1b[2J 0 1k\""), e.getMessage());
        NetlistException bell = refusedAt(2, "V1 a 0 \u0007", "t", "V1 a 0 \u0007");
        assertTrue(bell.getMessage().contains("\"\\x07\" where a DC value"), bell.getMessage());
        NetlistException csi = refusedAt(2, "Q\u009b1 a b c", "t", "Q\u009b1 a b c");
        assertTrue(csi.getMessage().contains("Q\\x9b1"), csi.getMessage());
        Netlist n = read("t", "V1 a 0 1", "R1 a 0 1k", ".options \u0007bell=1");
        assertTrue(n.warnings().get(0).contains("option \\x07bell skipped"), n.warnings().toString());
        String longCard = "R1 a 0 " + "9".repeat(50_000) + "x";
        NetlistException cut = refusedAt(2, longCard, "t", longCard);
        assertTrue(cut.getMessage().length() < 400, cut.getMessage());
        assertTrue(cut.getMessage().contains("(50008 characters)"), cut.getMessage());
    }

    /** Expressions nest at most 200 levels; a flat sum of 20,000 terms is one level and reads. */
    @Test
    void expressionDepthIsBoundedAndFlatChainsAreNot() {
        assertEquals(ExpressionParser.MAX_NESTING, 200);
        String deep = "(".repeat(200) + "v(a)" + ")".repeat(200);
        read("t", "V1 a 0 1", "B1 b 0 V=" + deep);
        String parentheses = "B1 b 0 V=" + "(".repeat(201) + "v(a)" + ")".repeat(201);
        NetlistException e = refusedAt(3, parentheses, "t", "V1 a 0 1", parentheses);
        assertEquals(10 + 200, e.column(), "the column of the 201st parenthesis");
        String calls = "B1 b 0 V=" + "tanh(".repeat(2_000) + "v(a)" + ")".repeat(2_000);
        NetlistException tanh = refusedAt(3, calls, "t", "V1 a 0 1", calls);
        assertEquals(10 + 5 * 201, tanh.column(), "the column of the 201st tanh's argument");
        String nested = "B1 b 0 V=" + "-(1+".repeat(150) + "v(a)" + ")".repeat(150);
        NetlistException operations = refusedAt(3, nested, "t", "V1 a 0 1", nested);
        assertTrue(operations.column() > "B1 b 0 V=".length() && operations.column() <= nested.length(),
                "a column inside the expression: " + operations.column());
        // a run of signs is one negation at most
        Netlist signs = read("t", "V1 a 0 1", "B1 b 0 V=" + "-".repeat(20_001) + "v(a)");
        double[] volts = new double[signs.circuit().nodeCount()];
        volts[signs.circuit().nodeIndex("a")] = 0.25;
        assertEquals(-0.25, signs.circuit().behavioralSources().get(0).value().value(volts));
        StringBuilder sum = new StringBuilder("B1 b 0 V=v(a)");
        double expected = 0.25;
        for (int k = 1; k < 20_000; k++) {
            sum.append(k % 2 == 0 ? " + " : " - ").append("0.5*v(a)");
            expected = k % 2 == 0 ? expected + 0.5 * 0.25 : expected - 0.5 * 0.25;
        }
        Netlist flat = read("t", "V1 a 0 1", sum.toString());
        org.xbar.circuit.Expression value = flat.circuit().behavioralSources().get(0).value();
        volts = new double[flat.circuit().nodeCount()];
        volts[flat.circuit().nodeIndex("a")] = 0.25;
        assertEquals(expected, value.value(volts), "left to right, as ngspice adds");
        double[] gradient = new double[volts.length];
        value.addGradient(volts, 1, gradient);
        assertEquals(0.5, gradient[flat.circuit().nodeIndex("a")], "1 - 0.5 (10,000 times) + 0.5 (9,999 times)");
        CircuitSolution s = new CircuitSolver().solve(flat.circuit());
        volts[flat.circuit().nodeIndex("a")] = 1;
        assertClose("v(b)", s.voltage("b"), value.value(volts), 1e-12, 0);
    }
}
