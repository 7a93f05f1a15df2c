package org.xbar.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A one-line description of the machine and the versions used, for reports. */
final class Machine {
    private Machine() {
    }

    /** @return e.g. "2 processors (Intel Xeon ...), 23 GB, Linux 6.1, OpenJDK 17.0.15, ngspice-39" */
    static String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(Runtime.getRuntime().availableProcessors()).append(" processors");
        String cpu = cpuModel();
        if (cpu != null) {
            sb.append(" (").append(cpu).append(')');
        }
        String memory = memory();
        if (memory != null) {
            sb.append(", ").append(memory).append(" memory");
        }
        sb.append(", ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version"))
                .append(", ").append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.version"));
        String ngspice = ngspiceVersion();
        if (ngspice != null) {
            sb.append(", ").append(ngspice);
        }
        return sb.toString();
    }

    /** @return the machine's memory from /proc/meminfo, e.g. "24 GB", or null */
    private static String memory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    long kilobytes = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return String.format(java.util.Locale.ROOT, "%.0f GB", kilobytes / 1048576.0);
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    private static String ngspiceVersion() {
        return org.xbar.spice.Ngspice.locate().map(p -> {
            try {
                Process proc = new ProcessBuilder(p.toString(), "--version").redirectErrorStream(true).start();
                List<String> lines = new String(proc.getInputStream().readAllBytes()).lines().toList();
                proc.waitFor();
                return lines.stream().filter(l -> l.contains("ngspice-")).findFirst()
                        .map(l -> l.replaceAll(".*(ngspice-[0-9.]+).*", "$1")).orElse(null);
            } catch (IOException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }).orElse(null);
    }
}
