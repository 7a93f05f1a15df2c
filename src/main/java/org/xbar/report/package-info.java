/**
 * Reports and files: reading and writing numeric CSV (with file, line and column in every error),
 * {@link org.xbar.io.OutputFiles}, through which every file xbar writes goes (atomic, through
 * symbolic links, only over regular files we may write), and plain-text tables for the terminal.
 * Only this package and {@code cli} touch files and terminals.
 */
package org.xbar.report;
