package org.xbar.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.xbar.spice.CrossbarNetlist;
import org.xbar.spice.Netlist;
import org.xbar.spice.NetlistReader;

/**
 * Parsing a large SPICE netlist with {@link NetlistReader#read}: the netlist of the seeded n x n
 * crossbar of {@link BenchmarkCrossbars} with 2.5 ohm wires for one input vector, as
 * {@code xbar export} writes it ({@link CrossbarNetlist}: a driver, a source resistor and a sense
 * source per line, a device and two wire segments per cell - about 3 n^2 cards, 194,927 lines at
 * n = 256). The text is generated and split into lines once in set-up; only the parse into a
 * circuit is timed, not reading the file from disk.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
@State(Scope.Benchmark)
public class NetlistParsing {
    /** Rows and columns of the crossbar. */
    @Param({"256"})
    public int n;

    private List<String> lines;
    private String fileName;

    /** Writes the crossbar's netlist and checks that it parses to as many resistors as written (not timed). */
    @Setup(Level.Trial)
    public void setUp() {
        CrossbarNetlist netlist = new CrossbarNetlist(BenchmarkCrossbars.crossbar(n),
                BenchmarkCrossbars.inputs(1, n).vector(0));
        lines = netlist.text(List.of()).lines().toList();
        fileName = "crossbar-" + n + ".cir";
        Netlist parsed = NetlistReader.read(fileName, lines);
        int written = netlist.circuit().resistors().size();
        int read = parsed.circuit().resistors().size();
        if (written != read) {
            throw new IllegalStateException(fileName + ": written with " + written + " resistors, read with " + read);
        }
        System.out.printf("%n[netlist] %s: %d lines, %d resistors, %d nodes%n", fileName, lines.size(), read,
                parsed.circuit().nodeCount());
    }

    /**
     * Parses the netlist's lines into a circuit.
     *
     * @param blackhole consumes the netlist read
     */
    @Benchmark
    public void parse(Blackhole blackhole) {
        blackhole.consume(NetlistReader.read(fileName, lines));
    }
}
