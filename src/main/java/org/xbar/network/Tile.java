package org.xbar.network;

import org.xbar.device.DeviceArrays;
import org.xbar.spec.CrossbarSpec;

/**
 * One crossbar of a mapped layer: rows {@code [firstRow, endRow)} of the layer's augmented matrix
 * {@code [W; b]} (the bias row is row {@code inputs}) by outputs {@code [firstOutput, endOutput)}.
 *
 * @param layer       the layer's index, from 0
 * @param index       the tile's index within its layer (row groups first, then column groups)
 * @param firstRow    first row of {@code [W; b]}, inclusive
 * @param endRow      last row, exclusive
 * @param firstOutput first output, inclusive
 * @param endOutput   last output, exclusive
 * @param programmed  the conductances the mapping asks for (row-pair arrays)
 * @param crossbar    the crossbar the chip has: the programmed arrays after device variation, with
 *                    the hardware's source, neuron and wire resistances
 */
public record Tile(int layer, int index, int firstRow, int endRow, int firstOutput, int endOutput,
        DeviceArrays programmed, CrossbarSpec crossbar) {

    /** @return rows of {@code [W; b]} in this tile (its inputs) */
    public int rows() {
        return endRow - firstRow;
    }

    /** @return outputs of this tile */
    public int outputs() {
        return endOutput - firstOutput;
    }
}
