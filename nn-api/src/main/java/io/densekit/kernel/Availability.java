package io.densekit.kernel;

/** Whether a kernel can run here, and if not, why (the library searched, the device missing, ...). */
public record Availability(boolean available, String reason) {

    public static Availability yes() {
        return new Availability(true, "");
    }

    public static Availability no(String reason) {
        return new Availability(false, reason);
    }
}
