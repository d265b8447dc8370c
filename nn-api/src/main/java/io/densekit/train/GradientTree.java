package io.densekit.train;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The fixed binary tree in which the gradient chunks of one batch are added: over chunk indices
 * {@code [0, count)}, a node {@code [from, to)} of two or more chunks is the sum of its left child
 * {@code [from, from + p)} and its right child {@code [from + p, to)}, where {@code p} is the
 * largest power of two below its size. The shape depends on the chunk count alone, so whoever
 * computes a node (one machine walking all chunks, or many workers each adding the nodes inside
 * their chunk range) performs the same additions in the same order and gets the same bits; no sum
 * ever depends on the order in which results arrive.
 */
public final class GradientTree {

    private GradientTree() {
    }

    /** A node of the tree: chunks {@code [from, to)}. */
    public record Node(int from, int to) implements Serializable {
        public Node {
            if (from < 0 || to <= from) {
                throw new IllegalArgumentException("tree node [" + from + ", " + to + ") is empty or negative");
            }
        }

        public int size() {
            return to - from;
        }

        /** The left child's end: from plus the largest power of two below the size. */
        int split() {
            return from + Integer.highestOneBit(size() - 1);
        }
    }

    /**
     * The sum of chunks {@code [0, count)}: {@code known} gives a node's sum where it has one (every
     * single chunk must be known, through it or through an ancestor), and null to have it added from
     * its children. Children are visited left to right, so single chunks are asked for in index order.
     */
    public static GradientSum sum(int count, Function<Node, GradientSum> known) {
        return sum(new Node(0, count), known);
    }

    /** As {@link #sum(int, Function)} for the subtree under {@code node} (its shape depends on its size alone). */
    public static GradientSum sum(Node node, Function<Node, GradientSum> known) {
        GradientSum s = known.apply(node);
        if (s != null) {
            return s;
        }
        if (node.size() == 1) {
            throw new IllegalStateException("no gradient for chunk " + node.from() + "; every chunk must be computed");
        }
        int split = node.split();
        GradientSum left = sum(new Node(node.from(), split), known);
        GradientSum right = sum(new Node(split, node.to()), known);
        return left.plus(right);
    }

    /**
     * The largest nodes of the tree over {@code [0, count)} that lie inside chunks {@code [from, to)},
     * left to right: a worker holding those chunks adds exactly these, and the tree's root is then
     * built from every worker's nodes ({@link #sum}) with the bits of one machine adding all chunks.
     */
    public static List<Node> nodesWithin(int count, int from, int to) {
        if (from < 0 || to > count || from > to) {
            throw new IllegalArgumentException("chunk range [" + from + ", " + to + ") is outside [0, " + count + ")");
        }
        List<Node> out = new ArrayList<>();
        if (from < to) {
            collect(new Node(0, count), from, to, out);
        }
        return out;
    }

    private static void collect(Node node, int from, int to, List<Node> out) {
        if (node.to() <= from || node.from() >= to) {
            return;
        }
        if (node.from() >= from && node.to() <= to) {
            out.add(node);
            return;
        }
        int split = node.split();
        collect(new Node(node.from(), split), from, to, out);
        collect(new Node(split, node.to()), from, to, out);
    }
}
