package org.xbar.solve.sparse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.xbar.circuit.CrossbarCircuit;
import org.xbar.device.Quantizer;
import org.xbar.device.Technology;
import org.xbar.device.WeightMapper;
import org.xbar.error.InsufficientMemoryException;
import org.xbar.results.SolverStatistics;
import org.xbar.solve.LineRelaxationSolver;
import org.xbar.spec.CrossbarSpec;
import org.xbar.spec.InputBatch;
import org.xbar.spec.WeightMapping;

/** The memory estimate checked before a solve: it refuses with the numbers, and it is an upper bound that is not loose. */
class MemoryBudgetTest {
    private static final long MB = 1L << 20;

    /** An n x n crossbar of random 4-bit devices with 2.5 ohm wires, R_S 800 ohm, R_N 200 ohm. */
    private static CrossbarSpec crossbar(int n) {
        return new WeightMapper(new Quantizer(Technology.TIO2, 4)).random(n, n, WeightMapping.SINGLE, n).toSpec()
                .sourceOhms(800).neuronOhms(200).wireOhms(2.5).build();
    }

    @Test
    void refusesBeforeAllocatingAndSaysWhatItNeeds() {
        CrossbarCircuit circuit = CrossbarCircuit.of(crossbar(64));
        long[] asked = {0};
        MemoryBudget tight = new MemoryBudget(() -> {
            asked[0]++;
            return MB / 4;
        }, 512 * MB);
        LineRelaxationSolver solver = new LineRelaxationSolver(1e-13, 100, 1, tight);
        InsufficientMemoryException e = assertThrows(InsufficientMemoryException.class, () -> solver.prepare(circuit));
        assertEquals(solver.estimateBytes(circuit), e.neededBytes());
        assertTrue(e.neededBytes() <= LineRelaxationSolver.worstCaseBytes(64, 64) + 64 * 64 * 8,
                "the estimate for a crossbar stays within the worst case per cell");
        assertEquals(MB / 4, e.availableBytes());
        assertEquals(512 * MB, e.maxHeapBytes());
        assertEquals(1, e.suggestedHeapGigabytes(), e.getMessage());
        assertTrue(asked[0] >= 1);

        MemoryBudget enough = new MemoryBudget(() -> 64 * MB, 512 * MB);
        double[] v = InputBatch.random(1, 64, 1.0, 65).vector(0);
        SolverStatistics stats = new LineRelaxationSolver(1e-13, 100, 1, enough).prepare(circuit).solve(v).statistics();
        assertEquals(SolverStatistics.Path.ITERATIVE, stats.path());
        assertTrue(stats.relativeResidual() < 1e-11, "residual " + stats.relativeResidual());
    }

    @Test
    void suggestsAHeapThatFitsTheJob() {
        InsufficientMemoryException e = new InsufficientMemoryException("a 4096x4096 crossbar", 2000 * MB, 900 * MB, 1024 * MB);
        // in use 124 MB + 2000 MB needed, and a quarter more: 2655 MB -> 3 GB
        assertEquals(3, e.suggestedHeapGigabytes());
        // the message is what the user acts on: it must carry the suggestion and the numbers in megabytes
        assertTrue(e.getMessage().contains("JAVA_OPTS=-Xmx3g"), e.getMessage());
        assertTrue(e.getMessage().contains("needs about 2000 MB of heap, but this JVM can allocate only 900 MB more"),
                e.getMessage());
    }

    /**
     * What prepare and one solve allocate on the calling thread (one thread: the solver allocates
     * nothing elsewhere) is at most the estimate, and the estimate is at most 30 % above it.
     */
    @Test
    void estimateBoundsWhatTheSolverAllocates() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        for (int n : new int[] {128, 256}) {
            CrossbarCircuit circuit = CrossbarCircuit.of(crossbar(n));
            double[] v = InputBatch.random(1, n, 1.0, n + 1L).vector(0);
            LineRelaxationSolver solver = new LineRelaxationSolver(1e-13, 100, 1);
            solver.prepare(circuit).solve(v);
            long before = threads.getThreadAllocatedBytes(id);
            solver.prepare(circuit).solve(v);
            long allocated = threads.getThreadAllocatedBytes(id) - before;
            long estimate = LineRelaxationSolver.worstCaseBytes(n, n);
            assertTrue(allocated <= estimate, n + ": allocated " + allocated + " > estimate " + estimate);
            assertTrue(estimate <= 1.3 * allocated, n + ": estimate " + estimate + " far above allocated " + allocated);
            long own = solver.estimateBytes(circuit);
            assertTrue(allocated <= own && own <= 1.1 * allocated, n + ": allocated " + allocated + ", estimate " + own);
        }
    }

    /**
     * Without wires a line is one node, so the solver needs little more than its solution: the
     * estimate follows, and stays a tight upper bound.
     */
    @Test
    void estimateOfACrossbarWithoutWiresFollowsItsFewerUnknowns() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        int n = 256;
        CrossbarSpec spec = new WeightMapper(new Quantizer(Technology.TIO2, 4)).random(n, n, WeightMapping.SINGLE, n).toSpec()
                .sourceOhms(800).neuronOhms(200).build();
        CrossbarCircuit circuit = CrossbarCircuit.of(spec);
        double[] v = InputBatch.random(1, n, 1.0, n + 1L).vector(0);
        LineRelaxationSolver solver = new LineRelaxationSolver(1e-13, 100, 1);
        solver.prepare(circuit).solve(v);
        long before = threads.getThreadAllocatedBytes(id);
        solver.prepare(circuit).solve(v);
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        long estimate = solver.estimateBytes(circuit);
        assertTrue(allocated <= estimate && estimate <= 1.2 * allocated, "allocated " + allocated + ", estimate " + estimate);
        assertTrue(estimate < LineRelaxationSolver.worstCaseBytes(n, n) / 4, "the worst case would refuse it needlessly");
    }
}
