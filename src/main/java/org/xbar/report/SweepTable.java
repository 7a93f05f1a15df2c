package org.xbar.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xbar.error.InputFormatException;
import org.xbar.error.XbarException;
import org.xbar.io.CsvMatrix;
import org.xbar.io.OutputFiles;
import org.xbar.study.sweep.PointResult.ModelResult;
import org.xbar.study.sweep.PointResult;
import org.xbar.study.sweep.SweepPoint;

/**
 * A sweep's results as CSV, one line per point and model, appended as points finish so that an
 * interrupted sweep keeps what it computed and resumes where it stopped.
 *
 * <p>Columns: {@value #HEADER}. {@code point} is the point's stable id ({@link SweepPoint#id()}); the
 * parameters follow (resistances in ohm and in percent of R_max; {@code nonlinearity} is the devices'
 * sinh K in 1/V, 0 for linear devices, and for K > 0 the exact solution is Newton's, whose steps
 * {@code max_iterations} counts); then the model and its errors
 * against the exact nodal solution: range- and mean-normalized NRMSD (DESIGN section 5), the worst
 * relative error over outputs above 1 % of the largest, {@code mean |model| / mean |exact|}; then the
 * exact solver's statistics (most iterations, largest relative residual), the power all tiles draw
 * from their drivers while reading one vector, exact, mean and largest over the vectors, watt
 * ({@code power_mean_w}, {@code power_max_w}; empty on rows upgraded from a file without them),
 * and the time per vector of
 * the exact solve and of the model, milliseconds (setup included; these vary from run to run).
 */
public final class SweepTable {
    /** The header line. */
    public static final String HEADER = "point,study,technology,rows,cols,tile,mapping,bits,weights,inputs,input_volts,"
            + "drive,seed,rs_ohm,rs_percent,rn_ohm,rn_percent,wire_ohm,chip_deviations,chip_sigma,device_sigma,"
            + "stuck_on_rate,stuck_off_rate,nonlinearity,model,nrmsd_range,nrmsd_mean,worst_relative,mean_ratio,"
            + "exact_solver,max_iterations,max_residual,power_mean_w,power_max_w,exact_ms_per_vector,model_ms_per_vector";
    /**
     * The header before the nonlinearity axis and the power columns: such a file is upgraded when
     * opened, each row given {@code nonlinearity} 0.0 (its devices were linear, and its point ids
     * are unchanged) and empty power columns (not measured then).
     */
    static final String LINEAR_HEADER = HEADER.replace("stuck_off_rate,nonlinearity,", "stuck_off_rate,")
            .replace("max_residual,power_mean_w,power_max_w,", "max_residual,");
    private static final int NONLINEARITY_COLUMN = List.of(HEADER.split(",")).indexOf("nonlinearity");
    private static final int POWER_COLUMN = List.of(HEADER.split(",")).indexOf("power_mean_w");
    private static final int COLUMNS = HEADER.split(",").length;
    private static final int MODEL_COLUMN = List.of(HEADER.split(",")).indexOf("model");

    /**
     * A model's numbers at one point, as read back from the file.
     *
     * @param point         the point id
     * @param model         the model
     * @param nrmsdRange    range-normalized NRMSD
     * @param nrmsdMean     mean-normalized NRMSD
     * @param worstRelative worst relative error
     * @param meanRatio     mean |model| / mean |exact|
     * @param line          the CSV line
     */
    public record Row(String point, String model, double nrmsdRange, double nrmsdMean, double worstRelative,
            double meanRatio, String line) {
    }

    private final Path file;
    private final Map<String, Map<String, Row>> rows = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    private SweepTable(Path file) {
        this.file = file;
    }

    /**
     * Opens a results file, reading what it holds. A last line cut off by an interruption (no
     * newline at its end) is removed, and said so in {@link #notes()}.
     *
     * @param file the CSV; need not exist
     * @return the table
     * @throws InputFormatException when the file is not a sweep CSV of this version, naming the line
     * @throws org.xbar.error.OutputFileException when something other than a regular file is at the
     *         path (behind any symbolic links): the table is written there as results come in
     */
    public static SweepTable open(Path file) {
        SweepTable table = new SweepTable(file);
        OutputFiles.requireRegular(file);
        if (Files.exists(file)) {
            table.load();
        }
        return table;
    }

    private void load() {
        String name = file.toString();
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            if (!text.isEmpty() && !text.endsWith("\n")) {
                int cut = text.lastIndexOf('\n') + 1;
                byte[] complete = text.substring(0, cut).getBytes(StandardCharsets.UTF_8);
                OutputFiles.write(file, out -> out.write(complete));
                notes.add("removed an incomplete last line from " + name + " (the previous run was interrupted)");
                text = text.substring(0, cut);
            }
            String[] lines = text.split("\n", -1);
            if (text.isEmpty()) {
                return;
            }
            if (lines[0].equals(LINEAR_HEADER)) {
                lines = upgrade(name, lines);
            } else if (!lines[0].equals(HEADER)) {
                throw new InputFormatException(name, 1, 0, "not a sweep results file of this xbar version (the header "
                        + "differs); write to another --out directory");
            }
            for (int k = 1; k < lines.length; k++) {
                if (lines[k].isEmpty()) {
                    continue;
                }
                Row row = parse(name, k + 1, lines[k]);
                rows.computeIfAbsent(row.point(), p -> new LinkedHashMap<>()).put(row.model(), row);
            }
        } catch (IOException e) {
            throw new XbarException("cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Rewrites a file of the linear-only format with the nonlinearity column (0.0 on every row),
     * atomically, and says so in {@link #notes()}.
     *
     * @return the upgraded lines
     */
    private String[] upgrade(String name, String[] lines) {
        String[] upgraded = new String[lines.length];
        upgraded[0] = HEADER;
        for (int k = 1; k < lines.length; k++) {
            if (lines[k].isEmpty()) {
                upgraded[k] = lines[k];
                continue;
            }
            String[] f = lines[k].split(",", -1);
            if (f.length != COLUMNS - 3) {
                throw new InputFormatException(name, k + 1, 0, "has " + f.length + " fields, the header " + (COLUMNS - 3));
            }
            List<String> fields = new ArrayList<>(List.of(f));
            fields.add(NONLINEARITY_COLUMN, "0.0");
            fields.add(POWER_COLUMN, "");
            fields.add(POWER_COLUMN, "");
            upgraded[k] = String.join(",", fields);
        }
        String text = String.join("\n", upgraded);
        CsvMatrix.writeAtomically(file, (Writer out) -> out.write(text));
        notes.add("upgraded " + name + " to this version's columns: nonlinearity 0.0 (linear devices) and no power"
                + " (not measured then) on the rows already there");
        return upgraded;
    }

    private static Row parse(String name, int lineNumber, String line) {
        String[] f = line.split(",", -1);
        if (f.length != COLUMNS) {
            throw new InputFormatException(name, lineNumber, 0, "has " + f.length + " fields, the header " + COLUMNS);
        }
        double[] v = new double[4];
        for (int k = 0; k < 4; k++) {
            int column = MODEL_COLUMN + 1 + k;
            try {
                v[k] = Double.parseDouble(f[column]);
            } catch (NumberFormatException e) {
                throw new InputFormatException(name, lineNumber, column + 1, "\"" + f[column] + "\" is not a number");
            }
        }
        return new Row(f[0], f[MODEL_COLUMN], v[0], v[1], v[2], v[3], line);
    }

    /** @return the ids of the points the file holds, in the order first seen */
    public java.util.Set<String> pointIds() {
        return java.util.Collections.unmodifiableSet(rows.keySet());
    }

    /** @return messages about what opening the file repaired */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    /**
     * @param point  a point
     * @param models the models it must have
     * @return true when the file holds every one of them for the point
     */
    public boolean has(SweepPoint point, List<String> models) {
        Map<String, Row> byModel = rows.get(point.id());
        return byModel != null && byModel.keySet().containsAll(models);
    }

    /**
     * @param pointId a point id
     * @param model   a model
     * @return its row, or null
     */
    public Row row(String pointId, String model) {
        Map<String, Row> byModel = rows.get(pointId);
        return byModel == null ? null : byModel.get(model);
    }

    /**
     * Appends a finished point's lines and flushes them to the file (writing the header first
     * when the file is new).
     *
     * @param result the point
     */
    public void append(PointResult result) {
        StringBuilder sb = new StringBuilder();
        try {
            if (!Files.exists(file) || Files.size(file) == 0) {
                sb.append(HEADER).append('\n');
            }
            for (ModelResult m : result.models()) {
                String line = line(result, m);
                sb.append(line).append('\n');
                Row row = parse(file.toString(), 0, line);
                rows.computeIfAbsent(row.point(), p -> new LinkedHashMap<>()).put(row.model(), row);
            }
            OutputFiles.append(file, sb);
        } catch (IOException e) {
            throw new XbarException("cannot append to " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Rewrites the file with the given points first, in their order and each model once, then any
     * other points it holds (from earlier configurations) as they were. Nothing is dropped.
     *
     * @param order  the points of the current sweep
     * @param models each point's models, in order
     */
    public void rewrite(List<SweepPoint> order, java.util.function.Function<SweepPoint, List<String>> models) {
        Map<String, Map<String, Row>> rest = new LinkedHashMap<>(rows);
        CsvMatrix.writeAtomically(file, (Writer out) -> {
            out.write(HEADER);
            out.write('\n');
            for (SweepPoint p : order) {
                Map<String, Row> byModel = rest.remove(p.id());
                if (byModel == null) {
                    continue;
                }
                Map<String, Row> left = new HashMap<>(byModel);
                for (String m : models.apply(p)) {
                    Row r = left.remove(m);
                    if (r != null) {
                        out.write(r.line());
                        out.write('\n');
                    }
                }
                for (Row r : left.values()) {
                    out.write(r.line());
                    out.write('\n');
                }
            }
            for (Map<String, Row> byModel : rest.values()) {
                for (Row r : byModel.values()) {
                    out.write(r.line());
                    out.write('\n');
                }
            }
        });
    }

    /**
     * Writes a point's output vectors to {@code dir/<id>.csv}: columns {@code vector, output, exact}
     * and one per model, ampere; vectors and outputs are counted from 1, as everywhere in xbar.
     *
     * @param dir    the outputs directory
     * @param result a point that kept its outputs
     */
    public static void writeOutputs(Path dir, PointResult result) {
        if (result.exactOutputs() == null) {
            throw new IllegalArgumentException("point " + result.point().id() + " kept no outputs");
        }
        CsvMatrix.writeAtomically(dir.resolve(result.point().id() + ".csv"), out -> {
            out.write("vector,output,exact");
            for (ModelResult m : result.models()) {
                out.write("," + m.model());
            }
            out.write('\n');
            double[] exact = result.exactOutputs();
            for (int k = 0; k < exact.length; k++) {
                out.write((k / result.outputs() + 1) + "," + (k % result.outputs() + 1) + "," + exact[k]);
                for (ModelResult m : result.models()) {
                    out.write("," + m.outputs()[k]);
                }
                out.write('\n');
            }
        });
    }

    /**
     * @param dir     the outputs directory
     * @param pointId a point id
     * @return the columns of {@code dir/<id>.csv} after {@code vector, output}: {@code exact} and
     *         each model, or null when the file does not exist
     */
    public static Map<String, double[]> readOutputs(Path dir, String pointId) {
        Path f = dir.resolve(pointId + ".csv");
        if (!Files.exists(f)) {
            return null;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new XbarException("cannot read " + f + ": " + e.getMessage(), e);
        }
        if (lines.isEmpty()) {
            throw new InputFormatException(f.toString(), 0, 0, "empty outputs file");
        }
        String[] names = lines.get(0).split(",");
        double[][] columns = CsvMatrix.parse(f.toString(), lines.subList(1, lines.size()));
        Map<String, double[]> out = new LinkedHashMap<>();
        for (int c = 2; c < names.length; c++) {
            double[] values = new double[columns.length];
            for (int k = 0; k < columns.length; k++) {
                values[k] = columns[k][c];
            }
            out.put(names[c], values);
        }
        return out;
    }

    private static String line(PointResult r, ModelResult m) {
        SweepPoint p = r.point();
        var s = p.study();
        String weights = s.weightsCsv().map(csv -> clean(csv.getFileName().toString())).orElse("random");
        return String.join(",", p.id(), s.name(), clean(p.technology().name()), Integer.toString(p.size().rows()),
                Integer.toString(p.size().cols()), p.tileLabel(), s.mapping().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                Integer.toString(s.bits()), weights, s.inputs().label(), Double.toString(s.inputs().volts()),
                s.drive().name().toLowerCase(Locale.ROOT).replace('_', '-'), Long.toString(p.seed()),
                Double.toString(p.sourceOhms()), Double.toString(p.sourcePercent()), Double.toString(p.neuronOhms()),
                Double.toString(p.neuronPercent()), Double.toString(p.wireOhms()), Double.toString(p.chipDeviations()),
                Double.toString(s.chipSigma()), Double.toString(p.deviceSigma()), Double.toString(p.stuckOnRate()),
                Double.toString(p.stuckOffRate()), Double.toString(p.nonlinearity()), m.model(), Double.toString(m.metrics().nrmsdRange()),
                Double.toString(m.metrics().nrmsdMean()), Double.toString(m.metrics().worstRelative()),
                Double.toString(m.meanRatio()), r.exactSolver(), Integer.toString(r.maxIterations()),
                String.format(Locale.ROOT, "%.3e", r.maxResidual()), Double.toString(r.powerMeanWatts()),
                Double.toString(r.powerMaxWatts()),
                String.format(Locale.ROOT, "%.4g", r.exactSecondsPerVector() * 1e3),
                String.format(Locale.ROOT, "%.4g", m.secondsPerVector() * 1e3));
    }

    private static String clean(String text) {
        return text.replace(',', ';').replace('"', '\'').replace('\n', ' ');
    }
}
