package org.xbar.data;

import java.io.Serializable;
import java.util.Objects;
import org.xbar.error.InvalidParameterException;

/**
 * A data set split into the images a network learns from and the images it is judged on; the two
 * parts have the same features and classes.
 *
 * @param train the training images
 * @param test  the test images, never used for training
 */
public record DataSplit(Dataset train, Dataset test) implements Serializable {
    /**
     * @param train the training images
     * @param test  the test images
     * @throws InvalidParameterException when the parts differ in features or classes
     */
    public DataSplit {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        if (train.features() != test.features() || train.classes() != test.classes()) {
            throw InvalidParameterException.inconsistent("test", "the test set " + test + " does not match the training set "
                    + train + " in features and classes");
        }
    }

    /** @return the split with both parts downsampled to 14x14 ({@link Dataset#downsampled()}) */
    public DataSplit downsampled() {
        return new DataSplit(train.downsampled(), test.downsampled());
    }
}
