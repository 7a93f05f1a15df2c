package org.xbar.device;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import org.xbar.error.InvalidParameterException;
import org.xbar.spec.Checks;

/**
 * A memristive device technology by the resistance range it is programmed over: {@code G_max =
 * 1/R_min}, {@code G_min = 1/R_max}. The presets are the "considered" ranges of seed 004's
 * Table I (DESIGN section 3), and PHAX's device range (section 4).
 *
 * @param name    short name
 * @param minOhms lowest programmed resistance (on state), ohm
 * @param maxOhms highest programmed resistance (off state), ohm
 */
public record Technology(String name, double minOhms, double maxOhms) implements Serializable {
    /** TiO2, 40 kohm to 600 kohm. */
    public static final Technology TIO2 = new Technology("TiO2", 40e3, 600e3);
    /** Ag/Si, 100 kohm to 1.5 Mohm. */
    public static final Technology AG_SI = new Technology("Ag/Si", 100e3, 1.5e6);
    /** TaOx, 20 kohm to 300 kohm. */
    public static final Technology TAOX = new Technology("TaOx", 20e3, 300e3);
    /** Spintronic, 40 kohm to 400 kohm. */
    public static final Technology SPINTRONIC = new Technology("spintronic", 40e3, 400e3);
    /** PCM, 60 kohm to 900 kohm. */
    public static final Technology PCM = new Technology("PCM", 60e3, 900e3);
    /** The devices of PHAX's inverter-neuron networks (seed 001), 127 kohm to 8.33 Mohm. */
    public static final Technology PHAX = new Technology("PHAX", 127e3, 8.33e6);

    /** Validates the range. */
    public Technology {
        Checks.positive("minOhms", minOhms, "ohm");
        Checks.positive("maxOhms", maxOhms, "ohm");
        if (maxOhms < minOhms) {
            throw new InvalidParameterException("maxOhms", maxOhms, "must be >= minOhms = " + minOhms + " ohm");
        }
    }

    /** @return the Table I presets */
    public static List<Technology> presets() {
        return List.of(TIO2, AG_SI, TAOX, SPINTRONIC, PCM, PHAX);
    }

    /**
     * @param name a preset's name, case-insensitive ({@code tio2}, {@code ag/si} or {@code agsi},
     *             {@code taox}, {@code spintronic}, {@code pcm})
     * @return the preset
     */
    public static Technology byName(String name) {
        String key = name.toLowerCase(Locale.ROOT).replace("/", "");
        for (Technology t : presets()) {
            if (t.name().toLowerCase(Locale.ROOT).replace("/", "").equals(key)) {
                return t;
            }
        }
        throw new InvalidParameterException("technology", name, "must be one of tio2, agsi, taox, spintronic, pcm, phax");
    }

    /** @return {@code G_max = 1/R_min}, siemens */
    public double maxSiemens() {
        return 1.0 / minOhms;
    }

    /** @return {@code G_min = 1/R_max}, siemens */
    public double minSiemens() {
        return 1.0 / maxOhms;
    }
}
