package io.densekit.cli;

/** Placeholder main; replaced by the picocli command tree. */
public final class DensekitCommand {
    public static void main(String[] args) {
        System.out.println("densekit");
    }
}
