package org.xbar.device;

import java.util.Optional;
import org.xbar.spec.Keyed;

/** What a device stuck off conducts ({@link Variation}). */
public enum StuckOff implements Keyed {
    /** The technology's lowest conductance, {@code G_min} (the default). */
    GMIN("gmin"),
    /** Nothing: the device is an open circuit. */
    OPEN("open");

    private final String key;

    StuckOff(String key) {
        this.key = key;
    }

    @Override
    public String key() {
        return key;
    }

    /**
     * @param name a name, in any case
     * @return the mode of that name, if any
     */
    public static Optional<StuckOff> byName(String name) {
        return Keyed.byKeyIgnoringCase(StuckOff.class, name);
    }
}
