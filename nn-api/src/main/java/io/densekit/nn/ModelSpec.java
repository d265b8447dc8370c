package io.densekit.nn;

import io.densekit.kernel.Activation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The command line's model description: the input width, then each dense layer's width with an
 * optional {@code :activation} (linear when omitted), comma-separated, e.g.
 * {@code 6,32:tanh,32:softmax,32:sigmoid,32:relu,3}. {@link Sequential#builder} builds the same
 * specs from typed calls.
 */
public record ModelSpec(int inputWidth, List<LayerSpec> layers) {

    public record LayerSpec(int units, Activation activation) {
        public LayerSpec {
            if (units <= 0) {
                throw new IllegalArgumentException("a layer's width must be positive, got " + units);
            }
            Objects.requireNonNull(activation, "activation (Activation.IDENTITY for a linear layer)");
        }

        @Override
        public String toString() {
            return activation == Activation.IDENTITY ? Integer.toString(units) : units + ":" + activation.specName();
        }
    }

    public ModelSpec {
        if (inputWidth <= 0) {
            throw new IllegalArgumentException("the input width must be positive, got " + inputWidth);
        }
        layers = List.copyOf(layers);
    }

    public int outputWidth() {
        return layers.isEmpty() ? inputWidth : layers.getLast().units();
    }

    public static ModelSpec parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty model spec; expected e.g. 6,32:tanh,3");
        }
        String[] parts = text.split(",", -1);
        if (parts.length < 2) {
            throw new IllegalArgumentException("model spec '" + text
                    + "' has no layer; expected the input width then at least one layer, e.g. 6,32:tanh,3");
        }
        if (parts[0].contains(":")) {
            throw new IllegalArgumentException("model spec '" + text + "': the first entry is the input width and takes no activation");
        }
        int input = width(parts[0], text, 0);
        List<LayerSpec> layers = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            int colon = p.indexOf(':');
            int units = width(colon < 0 ? p : p.substring(0, colon), text, i);
            Activation act;
            try {
                act = colon < 0 ? Activation.IDENTITY : Activation.parse(p.substring(colon + 1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("model spec '" + text + "', layer " + i + ": " + e.getMessage(), e);
            }
            layers.add(new LayerSpec(units, act));
        }
        return new ModelSpec(input, layers);
    }

    private static int width(String s, String text, int index) {
        String t = s.trim();
        try {
            int w = Integer.parseInt(t);
            if (w > 0) {
                return w;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("model spec '" + text + "': entry " + index + " ('" + s
                + "') must be a positive width" + (index == 0 ? " (the input width)" : ""));
    }

    @Override
    public String toString() {
        return inputWidth + "," + layers.stream().map(LayerSpec::toString).collect(Collectors.joining(","));
    }
}
