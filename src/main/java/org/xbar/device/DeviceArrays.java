package org.xbar.device;

import org.xbar.spec.ConductanceMatrix;
import org.xbar.spec.CrossbarSpec;
import org.xbar.spec.WeightMapping;

/**
 * The programmed conductance arrays of one crossbar: one array, or a positive and a negative one.
 *
 * @param positive the (positive) array
 * @param negative the negative array, {@code null} for a single array
 * @param mapping  how the arrays represent signed weights
 */
public record DeviceArrays(ConductanceMatrix positive, ConductanceMatrix negative, WeightMapping mapping) {

    /** Checks that the mapping and the arrays agree. */
    public DeviceArrays {
        java.util.Objects.requireNonNull(positive, "positive");
        java.util.Objects.requireNonNull(mapping, "mapping");
        if ((mapping == WeightMapping.SINGLE) != (negative == null)) {
            throw org.xbar.error.InvalidParameterException.inconsistent("negative",
                    "mapping " + mapping + (negative == null ? " needs" : " takes no") + " negative array");
        }
    }

    /**
     * @param row0 first input, inclusive
     * @param row1 last input, exclusive
     * @param col0 first output, inclusive
     * @param col1 last output, exclusive
     * @return the arrays of the tile holding inputs {@code [row0, row1)} and outputs {@code [col0, col1)}
     */
    public DeviceArrays block(int row0, int row1, int col0, int col1) {
        return new DeviceArrays(positive.block(row0, row1, col0, col1),
                negative == null ? null : negative.block(row0, row1, col0, col1), mapping);
    }

    /** @return a spec builder over these arrays, ideal parasitics */
    public CrossbarSpec.Builder toSpec() {
        return mapping == WeightMapping.SINGLE ? CrossbarSpec.single(positive)
                : CrossbarSpec.pair(positive, negative, mapping);
    }
}
