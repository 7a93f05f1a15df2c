/**
 * Reports and files: reading and writing numeric CSV (with file, line and column in every error,
 * atomic writes), and plain-text tables for the terminal. Only this package and {@code cli} touch
 * files and terminals.
 */
package org.xbar.report;
