package org.xbar.spice;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.xbar.error.ExternalToolException;
import org.xbar.error.InputFormatException;

/**
 * Runs Debian's {@code ngspice} in batch mode on a netlist and reads its ASCII rawfile:
 * {@code SPICE_ASCIIRAWFILE=1 ngspice -b -n -r out.raw netlist.cir} in a temporary directory
 * ({@code -n}: no {@code .spiceinit}, so a user's settings cannot change the results). A missing
 * program, a non-zero exit code, a timeout or a missing rawfile is an {@link ExternalToolException}
 * with the exit code and the last lines ngspice printed.
 *
 * <p>The netlist it runs must be one xbar wrote ({@link NetlistWriter}, or
 * {@link NetlistWriter#forNgspice} for a netlist read from a file), never a user's file as it is:
 * ngspice runs {@code .control} blocks and {@code *#} lines as commands (including {@code shell})
 * and reads the files {@code .include} names, even on the first line.
 */
public final class Ngspice {
    /** System property or environment variable naming the ngspice program; default {@code ngspice} on the PATH. */
    public static final String PROGRAM_PROPERTY = "xbar.ngspice";
    private static final int LAST_LINES = 12;

    private final Path program;
    private final Duration timeout;

    /**
     * @param program the ngspice executable
     * @param timeout how long one run may take
     */
    public Ngspice(Path program, Duration timeout) {
        this.program = program;
        this.timeout = timeout;
    }

    /**
     * @return ngspice as named by {@code -Dxbar.ngspice}, {@code XBAR_NGSPICE}, or found on the PATH
     */
    public static Optional<Path> locate() {
        String named = System.getProperty(PROGRAM_PROPERTY, System.getenv("XBAR_NGSPICE"));
        if (named != null && !named.isBlank()) {
            Path p = Path.of(named);
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "ngspice");
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * @param timeout how long one run may take
     * @return ngspice found by {@link #locate()}
     * @throws ExternalToolException when it is not installed
     */
    public static Ngspice find(Duration timeout) {
        return new Ngspice(locate().orElseThrow(() -> new ExternalToolException("ngspice", -1,
                "not found on the PATH; install Debian's package (sudo apt-get install ngspice) or name it with -D"
                        + PROGRAM_PROPERTY + "=/path/to/ngspice", List.of())), timeout);
    }

    /**
     * The outcome of one run.
     *
     * @param plots   the plots of the rawfile
     * @param nanos   wall-clock time of the ngspice process, nanoseconds
     * @param output  what ngspice printed
     */
    public record Run(List<RawFile.Plot> plots, long nanos, List<String> output) {
        /**
         * @return the values of the operating point ({@code .op}), by name
         * @throws ExternalToolException when ngspice wrote no operating point
         */
        public Map<String, Double> operatingPoint() {
            for (RawFile.Plot plot : plots) {
                if (plot.name() != null && plot.name().toLowerCase(java.util.Locale.ROOT).contains("operating point")) {
                    return plot.at(0);
                }
            }
            throw new ExternalToolException("ngspice", 0, "wrote no operating point (is .op missing?)", last(output));
        }

        /**
         * @return ngspice's own peak memory, its "Maximum ngspice program size = 21.859 MB." line,
         *         in bytes (0 when it printed none)
         */
        public long programSizeBytes() {
            for (String line : output) {
                String l = line.strip();
                if (l.startsWith("Maximum ngspice program size")) {
                    String[] parts = l.substring(l.indexOf('=') + 1).strip().split("\\s+");
                    try {
                        double value = Double.parseDouble(parts[0]);
                        String unit = parts.length > 1 ? parts[1].toUpperCase(java.util.Locale.ROOT) : "MB";
                        double scale = unit.startsWith("G") ? 1L << 30 : unit.startsWith("K") ? 1L << 10 : 1L << 20;
                        return (long) (value * scale);
                    } catch (NumberFormatException e) {
                        return 0;
                    }
                }
            }
            return 0;
        }

        /**
         * @return ngspice's warnings ("Warning: singular matrix: check node b", ...); on a linear
         *         circuit any warning about a singular matrix or gmin stepping means its answer is
         *         not the circuit's
         */
        public List<String> warnings() {
            List<String> w = new ArrayList<>();
            for (String line : output) {
                String l = line.strip();
                if (l.startsWith("Circuit:")) {
                    continue;
                }
                if (l.startsWith("Warning") || l.contains("singular matrix") || l.contains("gmin stepping")
                        || l.contains("source stepping")) {
                    w.add(l);
                }
            }
            return w;
        }
    }

    /**
     * @param netlist the netlist text, as {@link NetlistWriter} wrote it
     * @return the parsed rawfile, the time and the output
     */
    public Run run(String netlist) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("xbar-ngspice");
            Path cir = dir.resolve("netlist.cir");
            Path raw = dir.resolve("out.raw");
            Path log = dir.resolve("ngspice.log");
            Files.writeString(cir, netlist, StandardCharsets.UTF_8);
            ProcessBuilder pb = new ProcessBuilder(program.toString(), "-b", "-n", "-r", raw.toString(), cir.toString())
                    .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("SPICE_ASCIIRAWFILE", "1");
            long start = System.nanoTime();
            Process process;
            try {
                process = pb.start();
            } catch (IOException e) {
                throw new ExternalToolException("ngspice", -1, "cannot start " + program + ": " + e.getMessage(), List.of());
            }
            boolean done;
            try {
                done = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new ExternalToolException("ngspice", -1, "interrupted", List.of());
            }
            long nanos = System.nanoTime() - start;
            List<String> output = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
            if (!done) {
                process.destroyForcibly();
                throw new ExternalToolException("ngspice", -1, "did not finish within " + timeout.toSeconds() + " s",
                        last(output));
            }
            if (process.exitValue() != 0) {
                throw new ExternalToolException("ngspice", process.exitValue(), "failed", last(output));
            }
            if (!Files.exists(raw)) {
                throw new ExternalToolException("ngspice", 0, "wrote no results (rawfile missing)", last(output));
            }
            List<RawFile.Plot> plots;
            try {
                plots = RawFile.parse(raw.toString(), Files.readAllLines(raw, StandardCharsets.ISO_8859_1));
            } catch (InputFormatException e) {
                throw new ExternalToolException("ngspice", 0, "wrote a rawfile xbar cannot read: " + e.getMessage(),
                        last(output));
            }
            if (plots.isEmpty() || plots.get(0).values().length == 0) {
                throw new ExternalToolException("ngspice", 0, "wrote an empty rawfile", last(output));
            }
            return new Run(plots, nanos, output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (dir != null) {
                deleteQuietly(dir);
            }
        }
    }

    /** ngspice's closing statistics, which say nothing about what went wrong. */
    private static final List<String> BOILERPLATE = List.of("total dram", "dram currently", "maximum ngspice program size",
            "current ngspice program size", "shared ngspice pages", "text (code) pages", "stack =", "library pages",
            "total analysis time", "total elapsed time", "no compatibility mode", "no resource usage",
            "or no active circuit available");

    private static List<String> last(List<String> output) {
        List<String> lines = new ArrayList<>();
        for (String l : output) {
            String lower = l.strip().toLowerCase(java.util.Locale.ROOT);
            if (!lower.isEmpty() && BOILERPLATE.stream().noneMatch(lower::contains)) {
                lines.add(l.strip());
            }
        }
        return lines.subList(Math.max(0, lines.size() - LAST_LINES), lines.size());
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temporary directory loses nothing
        }
    }
}
