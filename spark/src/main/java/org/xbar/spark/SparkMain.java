package org.xbar.spark;

import java.util.ArrayList;
import java.util.List;
import org.xbar.cli.Main;

/**
 * The main class of {@code xbar-spark.jar} for {@code spark-submit}: the xbar command line, with
 * {@code --engine spark} added after the command when the arguments do not choose an engine, so
 * that {@code spark-submit --class org.xbar.spark.SparkMain xbar-spark.jar sweep --config F.json}
 * runs the sweep's points on the cluster that spark-submit names.
 */
public final class SparkMain {
    private SparkMain() {
    }

    /**
     * @param args the xbar command line
     */
    public static void main(String[] args) {
        Main.main(withEngine(args));
    }

    /**
     * @param args the xbar command line
     * @return the same, with {@code --engine spark} after the command unless an engine is chosen
     */
    static String[] withEngine(String[] args) {
        if (args.length == 0) {
            return args;
        }
        for (String a : args) {
            if (a.equals("--engine") || a.startsWith("--engine=")) {
                return args;
            }
        }
        List<String> out = new ArrayList<>(List.of(args));
        out.add(1, "--engine");
        out.add(2, "spark");
        return out.toArray(new String[0]);
    }
}
