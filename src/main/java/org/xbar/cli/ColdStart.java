package org.xbar.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.xbar.circuit.Circuit;
import org.xbar.circuit.CrossbarCircuit;
import org.xbar.error.XbarException;
import org.xbar.io.CsvMatrix;
import org.xbar.solve.sparse.NodalSystem;
import org.xbar.solve.sparse.SparseMatrix;
import org.xbar.spec.CrossbarSpec;
import org.xbar.spec.InputBatch;
import org.xbar.study.PerformanceStudy;

/**
 * Measures {@link PerformanceStudy.ColdStartTarget}: the benchmark crossbar's conductances and one
 * input vector are written as CSV files, {@code xbar solve} runs on them as a fresh process of the
 * same Java and class path (median of three), and, when {@code python3} with SciPy is on the path,
 * the crossbar's nodal system (the direct solver's, {@link NodalSystem}) is written in Matrix
 * Market form and factored and solved by {@code scipy.sparse.linalg.splu}, timed inside Python
 * (reading the file and starting Python excluded).
 */
final class ColdStart {
    private static final String SCIPY = String.join("\n",
            "import sys, time, numpy as np, scipy.io, scipy.sparse.linalg as sla",
            "A = scipy.io.mmread(sys.argv[1]).tocsc(); b = np.loadtxt(sys.argv[2])",
            "best = float('inf')",
            "for _ in range(3):",
            "    t = time.perf_counter(); x = sla.splu(A).solve(b); best = min(best, time.perf_counter() - t)",
            "print('%.6f' % best)");

    private ColdStart() {
    }

    /**
     * Measures in a temporary directory, removed afterwards (the matrix file of 512x512 is 50 MB).
     *
     * @param n the crossbar's size
     * @return the target's figures
     */
    static PerformanceStudy.ColdStartTarget measure(int n) {
        Path work;
        try {
            work = Files.createTempDirectory("xbar-cold-start");
        } catch (IOException e) {
            throw new XbarException("cannot create a temporary directory: " + e.getMessage(), e);
        }
        try {
            return measure(n, work);
        } finally {
            try (var files = Files.list(work)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
                Files.deleteIfExists(work);
            } catch (IOException e) {
                // left behind in the temporary directory; nothing else depends on it
            }
        }
    }

    private static PerformanceStudy.ColdStartTarget measure(int n, Path work) {
        try {
            Files.createDirectories(work);
            CrossbarSpec spec = PerformanceStudy.crossbar(n);
            double[] input = InputBatch.random(1, n, 1.0, n + 1L).vector(0);
            Path g = work.resolve("G.csv");
            Path v = work.resolve("V.csv");
            Path out = work.resolve("OUT.csv");
            CsvMatrix.write(g, spec.positive().toArray());
            CsvMatrix.write(v, new double[][] {input});
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> command = List.of(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(), "solve",
                    "--g", g.toString(), "--v", v.toString(), "--rs", "800", "--rn", "200", "--rw", "2.5", "--out",
                    out.toString());
            double[] times = new double[3];
            for (int k = 0; k < times.length; k++) {
                long start = System.nanoTime();
                run(command, work.resolve("solve.log"), 600);
                times[k] = (System.nanoTime() - start) * 1e-6;
            }
            Arrays.sort(times);
            double processMs = times[1];
            Circuit circuit = CrossbarCircuit.of(spec).toCircuit(input);
            NodalSystem system = NodalSystem.of(circuit);
            Path matrix = work.resolve("A.mtx");
            Path rhs = work.resolve("b.txt");
            writeMatrixMarket(system.matrix(), matrix);
            double[] b = new double[system.unknowns()];
            system.rightHandSide(system.defaultSourceVolts(), system.defaultCurrentAmps(), b);
            try (BufferedWriter w = Files.newBufferedWriter(rhs, StandardCharsets.US_ASCII)) {
                for (double x : b) {
                    w.write(Double.toString(x));
                    w.write('\n');
                }
            }
            Path script = work.resolve("splu.py");
            Files.writeString(script, SCIPY, StandardCharsets.US_ASCII);
            double scipyMs = Double.NaN;
            String note;
            try {
                String printed = run(List.of("python3", script.toString(), matrix.toString(), rhs.toString()),
                        work.resolve("scipy.log"), 1800);
                scipyMs = Double.parseDouble(printed.strip()) * 1e3;
                note = String.format(Locale.ROOT, "scipy.sparse.linalg.splu + solve of the %d-unknown nodal system, fastest"
                        + " of 3", system.unknowns());
            } catch (XbarException | NumberFormatException e) {
                note = "SciPy not run: " + e.getMessage();
            }
            return new PerformanceStudy.ColdStartTarget(n, processMs, scipyMs, note);
        } catch (IOException e) {
            throw new XbarException("cold-start measurement in " + work + ": " + e.getMessage(), e);
        }
    }

    /** Runs a process to its end; its output goes to a log file. @return its standard output's last line */
    private static String run(List<String> command, Path log, long timeoutSeconds) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new XbarException(command.get(0) + " took more than " + timeoutSeconds + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new XbarException("interrupted while timing " + command.get(0), e);
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new XbarException(command.get(0) + " exited with " + p.exitValue() + (lines.isEmpty() ? ""
                    : ": " + lines.get(lines.size() - 1)));
        }
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    private static void writeMatrixMarket(SparseMatrix m, Path file) throws IOException {
        int[] start = m.columnStart();
        int[] row = m.rowIndex();
        double[] value = m.values();
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            w.write("%%MatrixMarket matrix coordinate real general\n");
            w.write(m.order() + " " + m.order() + " " + start[m.order()] + "\n");
            for (int j = 0; j < m.order(); j++) {
                for (int k = start[j]; k < start[j + 1]; k++) {
                    w.write((row[k] + 1) + " " + (j + 1) + " " + value[k] + "\n");
                }
            }
        }
    }
}
