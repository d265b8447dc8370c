package io.densekit.nn;

import io.densekit.tensor.HostTensor;
import io.densekit.tensor.Shapes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A model's weights under PyTorch's {@code nn.Sequential} state_dict names: {@code <index>.weight}
 * {@code [out, in]} and {@code <index>.bias} {@code [out]}, where the index counts activation modules
 * too. Loading takes the weight/bias pairs in ascending index order, one pair per Dense layer, so a
 * file saved from any Sequential of the same Linear shapes loads.
 */
public final class StateDict {
    private static final Pattern NAME = Pattern.compile("(?:.*\\.)?(\\d+)\\.(weight|bias)");
    private final Sequential model;

    StateDict(Sequential model) {
        this.model = model;
    }

    private List<Dense> denseLayers() {
        return model.layers().stream().filter(Dense.class::isInstance).map(Dense.class::cast).toList();
    }

    /** The names PyTorch would give, in its order, with copies of the current values. */
    public Map<String, HostTensor> export() {
        model.gate().enter("export");
        try {
            return exportAdmitted();
        } finally {
            model.gate().exit();
        }
    }

    private Map<String, HostTensor> exportAdmitted() {
        Map<String, HostTensor> out = new LinkedHashMap<>();
        int index = 0;
        for (Layer l : model.layers()) {
            if (l instanceof Dense d) {
                out.put(index + ".weight", model.kernel().download(d.weight().value()));
                out.put(index + ".bias", model.kernel().download(d.bias().value()));
            }
            index += l.torchModules();
        }
        return out;
    }

    /**
     * Loads weights; every Dense layer must get one weight and one bias of its exact shape. Refused
     * while other threads run inference or a fit (the model's parameters change).
     */
    public void load(Map<String, HostTensor> tensors) {
        model.gate().beginExclusive("load", "loading weights");
        try {
            loadAdmitted(tensors);
        } finally {
            model.gate().endExclusive();
        }
    }

    private void loadAdmitted(Map<String, HostTensor> tensors) {
        TreeMap<Integer, HostTensor[]> pairs = new TreeMap<>(Comparator.naturalOrder());
        for (Map.Entry<String, HostTensor> e : tensors.entrySet()) {
            Matcher m = NAME.matcher(e.getKey());
            if (!m.matches()) {
                throw new IllegalArgumentException("unexpected tensor '" + e.getKey()
                        + "' in the weights; expected names like 0.weight and 0.bias");
            }
            HostTensor[] pair = pairs.computeIfAbsent(Integer.parseInt(m.group(1)), k -> new HostTensor[2]);
            int slot = m.group(2).equals("weight") ? 0 : 1;
            if (pair[slot] != null) {
                throw new IllegalArgumentException("duplicate tensor for " + e.getKey());
            }
            pair[slot] = e.getValue();
        }
        List<Dense> dense = denseLayers();
        if (pairs.size() != dense.size()) {
            throw new IllegalArgumentException("the weights hold " + pairs.size() + " layers (" + pairs.keySet()
                    + ") but the model has " + dense.size() + " Dense layers");
        }
        List<Map.Entry<Integer, HostTensor[]>> ordered = new ArrayList<>(pairs.entrySet());
        // Check everything before touching the model, so a bad file leaves it unchanged.
        for (int i = 0; i < dense.size(); i++) {
            Dense d = dense.get(i);
            int idx = ordered.get(i).getKey();
            HostTensor[] p = ordered.get(i).getValue();
            if (p[0] == null || p[1] == null) {
                throw new IllegalArgumentException("layer " + idx + " has " + (p[0] == null ? "no weight" : "no bias")
                        + "; every Dense layer needs " + idx + ".weight and " + idx + ".bias");
            }
            checkShape(idx + ".weight", p[0], d, d.outputWidth(), d.inputWidth());
            if (p[1].size() != d.outputWidth() || p[1].rows() != 1) {
                throw new io.densekit.tensor.ShapeException(idx + ".bias has shape " + p[1].shapeString()
                        + ", expected [" + d.outputWidth() + "] for " + d.describe());
            }
        }
        for (int i = 0; i < dense.size(); i++) {
            Dense d = dense.get(i);
            HostTensor[] p = ordered.get(i).getValue();
            model.kernel().copyFromHost(p[0].to(model.dtype()), d.weight().value());
            model.kernel().copyFromHost(p[1].to(model.dtype()).reshape(d.outputWidth()), d.bias().value());
        }
    }

    private static void checkShape(String name, HostTensor t, Dense d, int rows, int cols) {
        if (t.shape().length != 2 || t.rows() != rows || t.cols() != cols) {
            throw new io.densekit.tensor.ShapeException(name + " has shape " + t.shapeString() + ", expected "
                    + Shapes.matrix(rows, cols) + " for " + d.describe());
        }
    }
}
