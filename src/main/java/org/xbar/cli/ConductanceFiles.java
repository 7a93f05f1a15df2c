package org.xbar.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.xbar.error.InputFormatException;
import org.xbar.io.CsvMatrix;
import org.xbar.spec.NetworkLayer;

/**
 * An inverter-neuron network's device conductances, one file per layer, as {@code xbar phax-train}
 * writes them and {@code xbar network --conductances} reads them: a layer of {@code n} inputs and
 * {@code m} neurons is {@code 2n + 2} lines of {@code m} conductances in siemens, in the row order of
 * {@link org.xbar.circuit.NetworkCircuit} ({@code n} positive rows, {@code n} negative rows, the row
 * tied to {@code +VDD/2}, the row tied to {@code -VDD/2}). Every problem names the file and the line
 * or column.
 */
final class ConductanceFiles {
    private ConductanceFiles() {
    }

    /**
     * @param files one file per layer, first to last
     * @return the layers
     * @throws InputFormatException naming the file and line (or column) of the first problem: a value
     *         that is not a finite number {@code >= 0}, a line count that is not {@code 2n + 2}, a
     *         layer whose inputs are not the previous layer's neurons, a column without a device
     */
    static List<NetworkLayer> read(List<Path> files) {
        List<NetworkLayer> layers = new ArrayList<>();
        for (int l = 0; l < files.size(); l++) {
            Path file = files.get(l);
            double[][] g = CsvMatrix.read(file, v -> v >= 0, "conductances must be >= 0 S");
            int rows = g.length;
            if (rows < 4 || rows % 2 != 0) {
                throw new InputFormatException(file.toString(), 0, 0, "has " + rows + " lines; a layer of n inputs has"
                        + " 2n + 2 (n positive rows, n negative rows, the +VDD/2 bias row, the -VDD/2 bias row), n >= 1");
            }
            int inputs = (rows - 2) / 2;
            if (l > 0 && inputs != layers.get(l - 1).outputs()) {
                int previous = layers.get(l - 1).outputs();
                throw new InputFormatException(file.toString(), 0, 0, "has " + rows + " lines (" + inputs + " inputs), but "
                        + files.get(l - 1) + " has " + previous + " values per line (neurons of layer " + l + "): layer "
                        + (l + 1) + " needs 2 x " + previous + " + 2 = " + (2 * previous + 2) + " lines");
            }
            for (int j = 0; j < g[0].length; j++) {
                double sum = 0;
                for (double[] row : g) {
                    sum += row[j];
                }
                if (sum == 0) {
                    throw new InputFormatException(file.toString(), 0, j + 1, "every conductance is 0 S: neuron " + (j + 1)
                            + "'s column is connected to nothing and its voltage is undefined");
                }
            }
            layers.add(NetworkLayer.ofPhysicalRows(g));
        }
        return layers;
    }

    /**
     * Writes {@code L1.csv, L2.csv, ...} into a directory, each atomically.
     *
     * @param layers the layers
     * @param dir    the directory (created when missing)
     * @return the files written, first layer first
     */
    static List<Path> write(List<NetworkLayer> layers, Path dir) {
        List<Path> files = new ArrayList<>();
        for (int l = 0; l < layers.size(); l++) {
            Path file = dir.resolve("L" + (l + 1) + ".csv");
            CsvMatrix.write(file, layers.get(l).physicalRows());
            files.add(file);
        }
        return files;
    }
}
