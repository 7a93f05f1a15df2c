package org.xbar.device;

import java.util.Arrays;
import java.util.Optional;

/** What a device stuck off conducts ({@link Variation}). */
public enum StuckOff {
    /** The technology's lowest conductance, {@code G_min} (the default). */
    GMIN("gmin"),
    /** Nothing: the device is an open circuit. */
    OPEN("open");

    private final String key;

    StuckOff(String key) {
        this.key = key;
    }

    /** @return the name users write */
    public String key() {
        return key;
    }

    /**
     * @param name a name, in any case
     * @return the mode of that name, if any
     */
    public static Optional<StuckOff> byName(String name) {
        return Arrays.stream(values()).filter(m -> m.key.equalsIgnoreCase(name)).findFirst();
    }
}
