package org.xbar.study.sweep;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * What a sweep's results depend on, as one SHA-256: every point's key (which holds each of its
 * parameters and the seed) and the models each point is compared with. Two configurations with the
 * same fingerprint compute the same rows, however their JSON is written and whatever their plots;
 * a folder of results records the fingerprint of the configuration that wrote it, so that a rerun
 * with another configuration cannot mix rows into it.
 *
 * @param sha256 the hash, 64 hex digits
 * @param name   the sweep's name
 * @param points its number of points
 */
public record SweepFingerprint(String sha256, String name, int points) {

    /**
     * @param name   the sweep's name
     * @param points its points
     * @return their fingerprint
     */
    public static SweepFingerprint of(String name, List<SweepPoint> points) {
        List<String> keys = new ArrayList<>();
        for (SweepPoint p : points) {
            keys.add(p.key() + "|models=" + String.join("+", p.study().modelKeys()));
        }
        keys.sort(null);
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String k : keys) {
                digest.update(k.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) '\n');
            }
            return new SweepFingerprint(HexFormat.of().formatHex(digest.digest()), name, points.size());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** @return the text of the record file: {@code sha256 <hex>}, {@code name <name>}, {@code points <n>} */
    public String text() {
        return String.format(Locale.ROOT, "sha256 %s%nname %s%npoints %d%n", sha256, name, points);
    }

    /**
     * @param text what {@link #text()} wrote
     * @return the fingerprint, or empty when the text is not one
     */
    public static java.util.Optional<SweepFingerprint> parse(String text) {
        String sha = null;
        String name = "";
        int points = -1;
        for (String line : text.split("\\R")) {
            String[] kv = line.strip().split(" ", 2);
            if (kv.length != 2) {
                continue;
            }
            switch (kv[0]) {
                case "sha256" -> sha = kv[1].strip();
                case "name" -> name = kv[1].strip();
                case "points" -> {
                    try {
                        points = Integer.parseInt(kv[1].strip());
                    } catch (NumberFormatException e) {
                        points = -1;
                    }
                }
                default -> {
                }
            }
        }
        return sha == null || !sha.matches("[0-9a-f]{64}") ? java.util.Optional.empty()
                : java.util.Optional.of(new SweepFingerprint(sha, name, points));
    }

    /** @return e.g. {@code default, 143 points, configuration 1a2b3c4d5e6f} */
    public String describe() {
        return name + ", " + points + " points, configuration " + sha256.substring(0, 12);
    }
}
