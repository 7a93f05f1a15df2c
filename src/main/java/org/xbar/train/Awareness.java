package org.xbar.train;

import java.util.Locale;
import org.xbar.error.InvalidParameterException;

/** What the forward pass of training knows of the crossbars. */
public enum Awareness {
    /** Quantized weights only: ideal training (the study's {@code ideal}). */
    NONE("none", "ideal"),
    /** Seed 004's model of each tile, {@code W~ = beta (alpha+ W+ - alpha- W-)} (the study's {@code seed-aware}). */
    SEED("seed", "seed-aware"),
    /** The seed model plus the wire-aware model's correction, refreshed periodically (the study's {@code wire-aware}). */
    WIRE("wire", "wire-aware");

    private final String label;
    private final String training;

    Awareness(String label, String training) {
        this.label = label;
        this.training = training;
    }

    /** @return the command line's name */
    public String label() {
        return label;
    }

    /** @return the name of the training in reports: {@code ideal}, {@code seed-aware}, {@code wire-aware} */
    public String training() {
        return training;
    }

    /**
     * @param text {@code none}, {@code seed} or {@code wire}, case-insensitive
     * @return the awareness
     */
    public static Awareness parse(String text) {
        for (Awareness a : values()) {
            if (a.label.equals(text.strip().toLowerCase(Locale.ROOT))) {
                return a;
            }
        }
        throw new InvalidParameterException("aware", text, "must be one of none, seed, wire");
    }
}
