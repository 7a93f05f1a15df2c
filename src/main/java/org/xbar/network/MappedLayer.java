package org.xbar.network;

import java.util.List;

/**
 * One layer on crossbars: its full scale, its signed levels and its tiles.
 *
 * @param inputs    inputs of the layer (its augmented matrix has one more row, the bias)
 * @param outputs   outputs of the layer
 * @param fullScale {@code W_max}, weight units
 * @param levels    signed level of every entry of {@code [W; b]}, row-major, {@code -L..L}
 * @param tiles     the crossbars, row groups first
 */
public record MappedLayer(int inputs, int outputs, double fullScale, int[] levels, List<Tile> tiles) {

    /** Copies the list. */
    public MappedLayer {
        tiles = List.copyOf(tiles);
    }

    /**
     * @param row    row of {@code [W; b]}
     * @param output output
     * @return the signed level there
     */
    public int level(int row, int output) {
        return levels[row * outputs + output];
    }

    @Override
    public int[] levels() {
        return levels.clone();
    }
}
