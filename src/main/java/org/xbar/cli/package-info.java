/**
 * The {@code xbar} command line (picocli): one class per command, the flags that build crossbars,
 * hardware and networks from files, and the one place that prints to the terminal, maps the
 * library's exceptions to exit codes ({@link org.xbar.cli.Main}) and reads the JVM's clocks and
 * memory for benchmarks ({@link org.xbar.cli.JvmMeter}).
 */
package org.xbar.cli;
