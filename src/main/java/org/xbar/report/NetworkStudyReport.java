package org.xbar.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.xbar.io.JsonTree;
import org.xbar.study.AccuracyRow;

/**
 * The network study's {@code report.md}: every part as a table of accuracies, pivoted so that a
 * row is one hardware configuration and a column one training and evaluator, with what the run
 * cost. Written from the rows alone, so it can be redrawn from {@code accuracy.csv}.
 */
public final class NetworkStudyReport {
    private NetworkStudyReport() {
    }

    /**
     * @param rows    the study's rows
     * @param header  lines to put first: how it was run, the machine, the total time
     * @return the Markdown text
     */
    public static String markdown(List<AccuracyRow> rows, List<String> header) {
        StringBuilder md = new StringBuilder("# Network accuracy study\n\n");
        for (String line : header) {
            md.append(line).append("\n");
        }
        md.append("\nAccuracy in percent of the test images; `exact` is nodal analysis of every tile (its transfer matrix),"
                + " `model` seed 004's analytical model, `wire-aware` xbar's wire-aware model. `accuracy.csv` holds every"
                + " number; `README.md` says what each part means for a designer.\n");
        section(md, rows, "Baseline: the ideally trained network on ideal crossbars", "baseline",
                r -> List.of(r.dataset(), r.network(), r.technology(), r.trainedFor().equals("-") ? "ideal" : r.trainedFor()),
                List.of("dataset", "network", "technology", "training"),
                r -> r.training() + " / " + r.evaluator());
        section(md, rows, "Seed 004 Fig. 5: source and neuron resistance (one crossbar per layer, no wires)", "fig5",
                r -> List.of(r.technology(), JsonTree.plain(r.sourceOhms()), JsonTree.plain(r.neuronOhms()),
                        percent(r.sourceOhms(), r.technology()), percent(r.neuronOhms(), r.technology())),
                List.of("technology", "R_S (ohm)", "R_N (ohm)", "r_S (%)", "r_N (%)"), NetworkStudyReport::column);
        section(md, rows, "Seed 004 Fig. 6: chip-to-chip variation at TiO2's worst corner (R_S 800 ohm, R_N 200 ohm)", "fig6",
                r -> List.of(JsonTree.plain(r.sigmaN()), JsonTree.plain(r.chipSigma())), List.of("n", "sigma"),
                r -> (r.training().equals("ideal") ? "ideal" : r.trainedFor().contains(" n=") ? "aware, its chip"
                        : "aware, nominal chip") + " / " + evaluator(r.evaluator()));
        section(md, rows, "Seed 004 Fig. 7: tile size at TiO2's worst corner", "fig7", r -> List.of(r.tile()), List.of("tile"),
                NetworkStudyReport::column);
        section(md, rows, "Beyond the seed: wire resistance, evaluated exactly, at TiO2's worst corner", "wires",
                r -> List.of(r.tile(), JsonTree.plain(r.wireOhms())), List.of("tile", "wire (ohm/segment)"),
                NetworkStudyReport::column);
        section(md, rows, "Beyond the seed: the full-scale rule W_max at TiO2's worst corner (one crossbar per layer, no wires)",
                "fullscale", r -> List.of(r.fullScale()), List.of("W_max"), NetworkStudyReport::column);
        section(md, rows, "Mean level of layer 1 under each full-scale rule (how full its crossbars are, of 15)", "fullscale",
                r -> List.of(r.fullScale()), List.of("W_max"), AccuracyRow::training, AccuracyRow::meanLevel);
        section(md, rows, "Fashion-MNIST at TiO2's worst corner", "fashion", r -> List.of(r.network(), r.tile()),
                List.of("network", "tile"), NetworkStudyReport::column);
        section(md, rows, "PHAX: an inverter-neuron network trained ex situ (seed 001)", "phax",
                r -> List.of(r.network(), r.trainedFor()), List.of("network", "training"),
                r -> r.evaluator() + " (" + r.testImages() + " images)");
        md.append("\n## What the exact evaluations cost\n\nSeconds to evaluate the whole test set exactly: building every"
                + " tile's transfer matrix (one solve per input, or one adjoint solve per output where there are fewer"
                + " outputs) and one product per image; each evaluation runs on one thread, beside the study's other jobs.\n\n"
                + "| part | network | tile | wire (ohm) | test images | seconds |\n|---|---|---|---|---|---|\n");
        Set<String> seen = new LinkedHashSet<>();
        for (AccuracyRow r : rows) {
            if (r.evaluator().equals("nodal") && seen.add(r.study() + r.tile() + r.wireOhms())) {
                md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %d | %.1f |%n", r.study(), r.network(), r.tile(),
                        JsonTree.plain(r.wireOhms()), r.testImages(), r.seconds()));
            }
        }
        return md.toString();
    }

    private static String evaluator(String e) {
        return e.equals("nodal") ? "exact" : e;
    }

    private static String column(AccuracyRow r) {
        return r.training() + " / " + evaluator(r.evaluator());
    }

    private static String percent(double ohms, String technology) {
        double max = switch (technology) {
            case "TiO2" -> 600e3;
            case "TaOx" -> 300e3;
            case "Ag/Si" -> 1.5e6;
            case "spintronic" -> 400e3;
            case "PCM" -> 900e3;
            default -> Double.NaN;
        };
        return Double.isNaN(max) ? "" : String.format(Locale.ROOT, "%.3f", 100 * ohms / max);
    }

    private static void section(StringBuilder md, List<AccuracyRow> rows, String title, String study,
            Function<AccuracyRow, List<String>> key, List<String> keyNames, Function<AccuracyRow, String> column) {
        section(md, rows, title, study, key, keyNames, column, AccuracyRow::accuracy);
    }

    private static void section(StringBuilder md, List<AccuracyRow> rows, String title, String study,
            Function<AccuracyRow, List<String>> key, List<String> keyNames, Function<AccuracyRow, String> column,
            java.util.function.ToDoubleFunction<AccuracyRow> value) {
        Predicate<AccuracyRow> in = r -> r.study().equals(study);
        if (rows.stream().noneMatch(in)) {
            return;
        }
        Map<List<String>, Map<String, Double>> table = new LinkedHashMap<>();
        Set<String> columns = new LinkedHashSet<>();
        for (AccuracyRow r : rows) {
            if (in.test(r)) {
                String c = column.apply(r);
                columns.add(c);
                table.computeIfAbsent(key.apply(r), k -> new LinkedHashMap<>()).put(c, value.applyAsDouble(r));
            }
        }
        md.append("\n## ").append(title).append("\n\n|");
        List<String> header = new ArrayList<>(keyNames);
        header.addAll(columns);
        for (String h : header) {
            md.append(' ').append(h).append(" |");
        }
        md.append("\n|").append("---|".repeat(header.size())).append("\n");
        for (Map.Entry<List<String>, Map<String, Double>> e : table.entrySet()) {
            md.append("|");
            for (String k : e.getKey()) {
                md.append(' ').append(k).append(" |");
            }
            for (String c : columns) {
                Double v = e.getValue().get(c);
                md.append(' ').append(v == null ? "" : String.format(Locale.ROOT, "%.2f", v)).append(" |");
            }
            md.append("\n");
        }
    }
}
