package io.densekit.nativelib;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Orders names by their embedded numbers, newest first: cuda-13.0 before cuda-12.4, python3.12 before
 * python3.9 (plain string order gets the latter wrong).
 */
final class VersionOrder {
    private static final Pattern NUMBER = Pattern.compile("\\d+");

    private VersionOrder() {
    }

    static final Comparator<String> NEWEST_FIRST = VersionOrder::compareNewestFirst;

    private static int compareNewestFirst(String a, String b) {
        Matcher ma = NUMBER.matcher(a);
        Matcher mb = NUMBER.matcher(b);
        while (true) {
            boolean fa = ma.find();
            boolean fb = mb.find();
            if (!fa || !fb) {
                if (fa != fb) {
                    return fa ? -1 : 1;
                }
                return a.compareTo(b);
            }
            int c = Long.compare(parse(mb.group()), parse(ma.group()));
            if (c != 0) {
                return c;
            }
        }
    }

    private static long parse(String digits) {
        return digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
    }
}
