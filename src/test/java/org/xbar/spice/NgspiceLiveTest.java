package org.xbar.spice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbar.compare.SpiceCrossCheck;
import org.xbar.device.Technology;
import org.xbar.error.ExternalToolException;
import org.xbar.report.OperatingPointCsv;
import org.xbar.spec.Drive;
import org.xbar.spec.WeightMapping;
import org.xbar.study.NgspiceCheck;
import org.xbar.study.ValidationSuite;

/** Live cross-checks against Debian's ngspice (crossbars of 64x64 and below, DESIGN section 5). */
@Tag("ngspice")
class NgspiceLiveTest {

    static Stream<Path> netlists() throws IOException {
        return ReferenceNetlistsTest.netlists();
    }

    /** The reference netlists solved live: xbar agrees with ngspice, and the golden files are current. */
    @ParameterizedTest
    @MethodSource("netlists")
    void referenceNetlistsLive(Path cir) throws IOException {
        Ngspice ngspice = NgspiceAvailable.orSkip();
        String text = Files.readString(cir);
        Netlist netlist = NetlistReader.read(cir.toString(), text.lines().toList());
        NgspiceCheck.Outcome outcome = NgspiceCheck.check(netlist.circuit(), netlist.title(), List.of(), netlist.options(),
                ngspice);
        assertTrue(outcome.passed(), cir + ": " + outcome.result().summary());
        Ngspice.Run run = ngspice.run(withOperatingPoint(text));
        SpiceCrossCheck.Result golden = SpiceCrossCheck.compare(OperatingPointCsv.read(Path.of(cir.toString()
                .replace(".cir", ".op.csv"))), run.operatingPoint(), n -> n, 1e-12, 1e-15, 1e-18);
        assertTrue(golden.passed(), cir + ": golden file out of date (scripts/regenerate-golden): " + golden.summary());
    }

    /**
     * The file as it is, but for ngspice's own regression netlists, which have a transient or AC
     * analysis and no {@code .op}: their analysis cards give way to {@code .op} (an operating point
     * is what is compared), every element and source card untouched.
     */
    static String withOperatingPoint(String text) {
        List<String> lines = text.lines().toList();
        boolean operatingPoint = lines.stream().map(l -> l.strip().toLowerCase(java.util.Locale.ROOT))
                .anyMatch(l -> l.equals(".op") || l.startsWith(".op ") || l.startsWith(".op\t"));
        if (operatingPoint) {
            return text;
        }
        StringBuilder sb = new StringBuilder();
        for (String line : lines) {
            String l = line.strip().toLowerCase(java.util.Locale.ROOT);
            if (l.startsWith(".tran") || l.startsWith(".ac ") || l.startsWith(".dc ")) {
                continue;
            }
            if (l.startsWith(".end") && !l.startsWith(".ends") && !l.startsWith(".endc")) {
                sb.append(".op\n");
            }
            sb.append(line).append('\n');
        }
        return sb.toString();
    }

    static Stream<Arguments> crossbars() {
        List<Arguments> cases = new ArrayList<>();
        long seed = 500;
        Technology t = Technology.TIO2;
        for (WeightMapping mapping : WeightMapping.values()) {
            for (Drive drive : Drive.values()) {
                cases.add(Arguments.of(new ValidationSuite.Case("live", 12, mapping, t, 800, 200, 2.5, drive, seed++)));
                cases.add(Arguments.of(new ValidationSuite.Case("live", 10, mapping, t, 0, 0, 0, drive, seed++)));
            }
        }
        cases.add(Arguments.of(new ValidationSuite.Case("live", 24, WeightMapping.ROW_PAIR, Technology.TAOX, 200, 0, 10,
                Drive.ONE_END, seed++)));
        for (WeightMapping mapping : WeightMapping.values()) {
            cases.add(Arguments.of(new ValidationSuite.Case("live", 12, mapping, t, 800, 0, 2.5, Drive.BOTH_ENDS,
                    org.xbar.spec.Sensing.VOLTAGE, seed++)));
        }
        cases.add(Arguments.of(new ValidationSuite.Case("live", 64, WeightMapping.SINGLE, t, 800, 200, 2.5,
                Drive.ONE_END, seed++)));
        return cases.stream();
    }

    /** Exported crossbars: the structured solver and the direct solver against ngspice at every node. */
    @ParameterizedTest
    @MethodSource("crossbars")
    void exportedCrossbarsLive(ValidationSuite.Case testCase) {
        ValidationSuite.CaseResult r = ValidationSuite.run(testCase, NgspiceAvailable.orSkip());
        assertTrue(r.passed(), testCase.describe() + ": engine " + r.engine().summary() + "; reference "
                + r.reference().summary() + "; ngspice warnings " + r.spiceWarnings());
        int rows = testCase.mapping() == WeightMapping.ROW_PAIR ? 2 * testCase.size() : testCase.size();
        int cols = testCase.mapping() == WeightMapping.COLUMN_PAIR ? 2 * testCase.size() : testCase.size();
        assertTrue(r.engine().compared() >= 2 * rows * cols, "every cell node compared: " + r.engine().compared());
    }

    static Stream<ValidationSuite.NetworkCase> networks() {
        return ValidationSuite.networkCases().stream().filter(c -> c.sizes()[0] <= 24);
    }

    /** Inverter-neuron networks (level-1 and behavioral neurons): the Newton solve against ngspice at every node. */
    @ParameterizedTest
    @MethodSource("networks")
    void networksLive(ValidationSuite.NetworkCase testCase) {
        ValidationSuite.CaseResult r = ValidationSuite.runNetwork(testCase, NgspiceAvailable.orSkip());
        assertTrue(r.passed(), testCase.describe() + ": " + r.engine().summary() + "; ngspice warnings " + r.spiceWarnings());
    }

    @Test
    void ngspiceFailureIsReportedWithItsOutput() {
        Ngspice ngspice = NgspiceAvailable.orSkip();
        ExternalToolException e = assertThrows(ExternalToolException.class,
                () -> ngspice.run("bad\nV1 a 0 1\nR1 a 0 1k\nQ1 a b c nomodel\n.op\n.end\n"));
        assertEquals("ngspice", e.tool());
        assertEquals(1, e.exitCode(), e.getMessage());
        assertTrue(e.lastLines().stream().anyMatch(line -> line.contains("q1 a b c nomodel")),
                "its last output names the offending card: " + e.lastLines());
    }

    @Test
    void floatingNodeMakesNgspiceWarn() {
        Ngspice ngspice = NgspiceAvailable.orSkip();
        Ngspice.Run run = ngspice.run("float\nV1 a 0 1\nR1 a 0 1k\nR2 b c 1k\n.op\n.end\n");
        assertTrue(run.warnings().stream().anyMatch(w -> w.contains("singular matrix")), run.warnings().toString());
    }

    @Test
    void missingProgramIsNamed() {
        Ngspice missing = new Ngspice(Path.of("/nonexistent/ngspice"), Duration.ofSeconds(5));
        ExternalToolException e = assertThrows(ExternalToolException.class, () -> missing.run("t\n.end\n"));
        assertEquals("ngspice", e.tool());
        assertEquals(-1, e.exitCode(), "it did not run: " + e.getMessage());
        assertEquals(List.of(), e.lastLines());
        // the program's path has no field: the message is where the user sees which program could not start
        assertTrue(e.getMessage().contains("cannot start /nonexistent/ngspice"), e.getMessage());
    }
}
