package org.xbar.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xbar.error.InputFormatException;

/**
 * A JSON document read into plain values that remember where they stood in the file, so that a
 * configuration error can name the file, the line and the key ("sweep.json:12: studies[0].wireOhms[2]:
 * must be >= 0 ohm, got -1"). Parsing is Jackson's streaming parser; duplicate keys are errors.
 *
 * <p>Each {@link Node} holds a {@code Map<String, Node>} (object, keys in file order), a
 * {@code List<Node>} (array), a {@code String}, a {@code Double}, a {@code Boolean} or null.
 */
public final class JsonTree {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private JsonTree() {
    }

    /**
     * One value of the document and where it is.
     *
     * @param file  the file name, as the user gave it
     * @param path  the value's path from the root, e.g. {@code studies[0].wireOhms}
     * @param line  1-based line
     * @param value the value (see the class documentation)
     */
    public record Node(String file, String path, int line, Object value) {

        /**
         * @param message what is wrong with this value
         * @return an error naming the file, the line and the path
         */
        public InputFormatException error(String message) {
            return new InputFormatException(file, line, 0, (path.isEmpty() ? "" : path + ": ") + message);
        }

        /** @return true for JSON null */
        public boolean isNull() {
            return value == null;
        }

        /** @return the members of an object, in file order */
        @SuppressWarnings("unchecked")
        public Map<String, Node> object() {
            if (!(value instanceof Map)) {
                throw error("must be an object {...}, got " + describe());
            }
            return (Map<String, Node>) value;
        }

        /**
         * Fails on a member that is not among the known ones.
         *
         * @param known the keys this object may have
         * @return this node
         */
        public Node requireKeys(Set<String> known) {
            for (Map.Entry<String, Node> e : object().entrySet()) {
                if (!known.contains(e.getKey())) {
                    throw e.getValue().error("unknown key \"" + e.getKey() + "\"; known keys: "
                            + String.join(", ", known.stream().sorted().toList()));
                }
            }
            return this;
        }

        /**
         * @param key a member name
         * @return the member, or null when the object does not have it
         */
        public Node get(String key) {
            return object().get(key);
        }

        /** @return the elements of an array; a single value counts as an array of one */
        @SuppressWarnings("unchecked")
        public List<Node> list() {
            if (value instanceof List) {
                List<Node> elements = (List<Node>) value;
                if (elements.isEmpty()) {
                    throw error("must not be an empty list");
                }
                return elements;
            }
            return List.of(this);
        }

        /** @return the value as a string */
        public String text() {
            if (!(value instanceof String s)) {
                throw error("must be a string, got " + describe());
            }
            return s;
        }

        /** @return the value as a finite number */
        public double number() {
            if (!(value instanceof Double d)) {
                throw error("must be a number, got " + describe());
            }
            return d;
        }

        /**
         * @param min smallest allowed value
         * @param max largest allowed value
         * @param unit unit for the message
         * @return the value as a number in [min, max]
         */
        public double number(double min, double max, String unit) {
            double d = number();
            if (!(d >= min && d <= max)) {
                throw error("must be in [" + plain(min) + ", " + plain(max) + "] " + unit + ", got " + plain(d));
            }
            return d;
        }

        /**
         * @param min smallest allowed value
         * @param max largest allowed value
         * @return the value as an integer in [min, max]
         */
        public int integer(int min, int max) {
            double d = number();
            if (d != Math.rint(d) || d < min || d > max) {
                throw error("must be a whole number in [" + min + ", " + max + "], got " + plain(d));
            }
            return (int) d;
        }

        /** @return the value as a boolean */
        public boolean bool() {
            if (!(value instanceof Boolean b)) {
                throw error("must be true or false, got " + describe());
            }
            return b;
        }

        private String describe() {
            if (value == null) {
                return "null";
            }
            if (value instanceof String s) {
                return "\"" + s + "\"";
            }
            if (value instanceof Double d) {
                return plain(d);
            }
            if (value instanceof List) {
                return "a list";
            }
            if (value instanceof Map) {
                return "an object";
            }
            return value.toString();
        }
    }

    /**
     * @param d a number
     * @return it without a trailing ".0" when whole
     */
    public static String plain(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    /**
     * @param file the file name for messages
     * @param text the document
     * @return its root value
     * @throws InputFormatException on malformed JSON, naming the line and column
     */
    public static Node parse(String file, String text) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new InputFormatException(file, 0, 0, "empty file: expected a JSON object");
            }
            Node root = read(parser, file, "");
            if (parser.nextToken() != null) {
                throw new InputFormatException(file, line(parser.currentTokenLocation()), 0,
                        "unexpected text after the end of the JSON document");
            }
            return root;
        } catch (JsonParseException e) {
            JsonLocation at = e.getLocation();
            throw new InputFormatException(file, at == null ? 0 : line(at), 0, "malformed JSON: " + org.xbar.error.Excerpt.of(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new InputFormatException(file, 0, 0, "cannot read JSON: " + org.xbar.error.Excerpt.of(String.valueOf(e.getMessage())));
        }
    }

    private static int line(JsonLocation at) {
        return Math.max(0, at.getLineNr());
    }

    private static Node read(JsonParser parser, String file, String path) throws IOException {
        int line = line(parser.currentTokenLocation());
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                Map<String, Node> members = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    parser.nextToken();
                    members.put(key, read(parser, file, path.isEmpty() ? key : path + "." + key));
                }
                return new Node(file, path, line, Collections.unmodifiableMap(members));
            }
            case START_ARRAY -> {
                List<Node> elements = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    elements.add(read(parser, file, path + "[" + elements.size() + "]"));
                }
                return new Node(file, path, line, Collections.unmodifiableList(elements));
            }
            case VALUE_STRING -> {
                return new Node(file, path, line, parser.getText());
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                double d = parser.getDoubleValue();
                if (!Double.isFinite(d)) {
                    throw new InputFormatException(file, line, 0, path + ": number out of range: " + parser.getText());
                }
                return new Node(file, path, line, d);
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new Node(file, path, line, token == JsonToken.VALUE_TRUE);
            }
            case VALUE_NULL -> {
                return new Node(file, path, line, null);
            }
            default -> throw new InputFormatException(file, line, 0, "unexpected JSON token " + token);
        }
    }
}
