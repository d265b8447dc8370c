package io.densekit.bench.rounds;

import java.util.Arrays;
import java.util.List;

/**
 * How one contender's speed compares with another's in one case, from the rounds they ran in turn:
 * round i of one against round i of the other (so a slow spell of the machine touches both), the
 * median of those ratios and a distribution-free confidence interval for it (order statistics of
 * the binomial, at least 95% where there are enough rounds; {@link #coverage()} says how much).
 *
 * @param <S>      what was measured (an inference case, a GEMM size in a dtype, ...)
 * @param subject  that case
 * @param peer     the contender measured, e.g. "simd"
 * @param against  the contender it is compared with, e.g. "onnxruntime"
 * @param median   median over rounds of peer rows/s / against rows/s
 * @param low      the interval's lower end
 * @param high     the interval's upper end
 * @param coverage the interval's confidence (0.95 or more with 6 rounds or more)
 */
public record RoundRatio<S>(S subject, String peer, String against, double median, double low,
                         double high, double coverage) {

    /** Ratios of {@code peer}'s round rates to {@code against}'s, paired by round. */
    public static <S> RoundRatio<S> of(S subject, String peer, List<Double> peerRates, String against,
                                       List<Double> againstRates) {
        int n = Math.min(peerRates.size(), againstRates.size());
        if (n == 0) {
            throw new IllegalArgumentException("no rounds to compare " + peer + " with " + against);
        }
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = peerRates.get(i) / againstRates.get(i);
        }
        Arrays.sort(r);
        double median = n % 2 == 1 ? r[n / 2] : (r[n / 2 - 1] + r[n / 2]) / 2;
        int k = lowerRank(n);
        return new RoundRatio<>(subject, peer, against, median, r[k - 1], r[n - k], 1 - 2 * binomialCdf(n, k - 1));
    }

    /**
     * The largest rank k (1-based) with P(Bin(n, 1/2) <= k - 1) <= 2.5%: [x(k), x(n+1-k)] then holds
     * the median with at least 95%. With fewer than 6 rounds no such k exists and the whole range
     * (k = 1) is the interval, with its lower coverage.
     */
    static int lowerRank(int n) {
        int k = 1;
        while (k + 1 <= (n + 1) / 2 && binomialCdf(n, k) <= 0.025) {
            k++;
        }
        return k;
    }

    /** P(Bin(n, 1/2) <= x). */
    static double binomialCdf(int n, int x) {
        double sum = 0;
        double term = Math.pow(0.5, n); // C(n, 0) / 2^n
        for (int i = 0; i <= x; i++) {
            sum += term;
            term = term * (n - i) / (i + 1);
        }
        return sum;
    }

    /** True when the interval holds 1.0: the two are not told apart by these rounds. */
    public boolean tie() {
        return low <= 1.0 && high >= 1.0;
    }

    /** "1.63x [0.86..2.08] tie", "2.10x [1.08..2.70]": the median, its interval, and "tie" where that holds 1.0. */
    public String describe() {
        return number(median) + "x [" + number(low) + ".." + number(high) + "]" + (tie() ? " tie" : "");
    }

    /** Two decimals from 0.1 to 10, one above, three significant digits below: 0.85, 12.3, 0.0123. */
    private static String number(double v) {
        return String.format(java.util.Locale.ROOT, v >= 10 ? "%.1f" : v >= 0.1 ? "%.2f" : "%.3g", v);
    }
}
