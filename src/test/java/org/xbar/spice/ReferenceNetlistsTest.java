package org.xbar.spice;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbar.compare.SpiceCrossCheck;
import org.xbar.report.OperatingPointCsv;
import org.xbar.solve.CircuitSolver;

/**
 * Every netlist in {@code netlists/}, written by hand in styles xbar does not use (other node
 * names, continuation lines, mixed suffixes, a differential array, a mesh with current and
 * floating sources), solved by xbar and compared with the operating point ngspice gave for it
 * (the golden {@code .op.csv} beside it) at every node and source: 1e-6 relative, 1e-12 absolute.
 */
class ReferenceNetlistsTest {

    static Stream<Path> netlists() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("netlists"))) {
            files = s.filter(p -> p.toString().endsWith(".cir")).sorted().toList();
        }
        assertTrue(files.size() >= 6, "reference netlists present: " + files);
        return files.stream();
    }

    @ParameterizedTest
    @MethodSource("netlists")
    void matchesNgspiceGolden(Path cir) throws IOException {
        Netlist netlist = NetlistReader.read(cir.toString(), Files.readAllLines(cir));
        Map<String, Double> ours = SpiceCrossCheck.named(
                new CircuitSolver(org.xbar.solve.newton.NewtonOptions.fromSpice(netlist.options())).solve(netlist.circuit()));
        Map<String, Double> golden = OperatingPointCsv.read(Path.of(cir.toString().replace(".cir", ".op.csv")));
        SpiceCrossCheck.Result r = SpiceCrossCheck.compare(ours, golden, name -> name, 1e-6, 1e-12, 1e-12);
        assertTrue(r.passed(), cir + ": " + r.summary() + " " + r.failures());
        assertTrue(r.compared() == golden.size(), cir + ": compared " + r.compared() + " of " + golden.size());
    }
}
