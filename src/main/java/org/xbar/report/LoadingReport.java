package org.xbar.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.xbar.io.CsvMatrix;
import org.xbar.study.LoadingStudy;

/** Writes {@code inverter-loading.md}: what the next crossbar's load does to inverter neurons. */
public final class LoadingReport {
    private LoadingReport() {
    }

    /**
     * @param file    the markdown file to write
     * @param results the study's results
     * @param machine a description of the machine
     * @param command the command that regenerates the report
     */
    public static void write(Path file, List<LoadingStudy.Result> results, String machine, String command) {
        String text = markdown(results, machine, command);
        CsvMatrix.writeAtomically(file, out -> out.write(text));
    }

    static String markdown(List<LoadingStudy.Result> results, String machine, String command) {
        StringBuilder sb = new StringBuilder("# What loading costs: inverter neurons driving the next crossbar\n\n");
        sb.append("Regenerate with `").append(command).append("`.\n\n");
        sb.append("A behavioral model of an inverter-neuron network (PHAX) treats every neuron's outputs as ideal voltage"
                + " sources. At circuit level they are not: each inverter drives the rows of the next crossbar, whose"
                + " devices draw current from it, and its output sags. Here every network is solved twice for the same"
                + " inputs: **loaded**, the whole network as one circuit (Newton, level-1 transistors), and **ideal"
                + " drivers**, layer by layer, each layer driven by ideal sources at the previous layer's unloaded"
                + " outputs. The tables give the difference, loaded minus ideal, over every neuron of every input vector."
                + " The last layer drives nothing, so its outputs differ only through its inputs. Behavioral neurons are"
                + " ideal sources, so for them the two solves must agree (the last case checks that).\n\n");
        sb.append("Networks: seeded weights N(0, 1) and biases N(0, 0.3) mapped onto 6-bit PHAX devices (127 kohm to"
                + " 8.33 Mohm; positive weights on the rows driven by the inverted signal, as PHAX wires them), inputs"
                + " seeded +-0.25 V, rails +-0.25 V. Machine: ").append(machine).append("\n\n");
        for (LoadingStudy.Result r : results) {
            LoadingStudy.Case c = r.testCase();
            sb.append(String.format(Locale.ROOT, "## %s network, %s neurons, R_S %s ohm, wire %s ohm%n%n", c.shape(),
                    c.kind().toString().toLowerCase(Locale.ROOT), trim(c.sourceOhms()), trim(c.wireOhms())));
            sb.append(String.format(Locale.ROOT, "%d input vectors; whole-network solve %.1f ms per vector, layer by layer"
                    + " %.1f ms.%n%n", c.vectors(), r.loadedNanos() * 1e-6 / c.vectors(), r.idealNanos() * 1e-6 / c.vectors()));
            sb.append("| layer | net voltage RMS (mV) | net voltage max (mV) | output RMS (mV) | output max (mV) |"
                    + " inverted output max (mV) | output sign flips |\n");
            sb.append("|---:|---:|---:|---:|---:|---:|---:|\n");
            for (LoadingStudy.LayerDifference d : r.layers()) {
                sb.append(String.format(Locale.ROOT, "| %d | %.3g | %.3g | %.3g | %.3g | %.3g | %d of %d |%n", d.layer() + 1,
                        1e3 * d.netRms(), 1e3 * d.netMax(), 1e3 * d.outputRms(), 1e3 * d.outputMax(), 1e3 * d.invertedMax(),
                        d.signFlips(), d.outputs()));
            }
            sb.append('\n');
        }
        sb.append("Reading the tables: layer 1's gates see ideal inputs either way, so its net voltages agree; its outputs"
                + " differ by the sag the next crossbar causes. From layer 2 on, the net voltages move too, because they"
                + " are weighted means of sagging inputs. A sign flip is an output that lands on the other side of 0 V:"
                + " a neuron whose decision changes because of loading.\n");
        return sb.toString();
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
