package io.densekit.data;

import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads the UCI "Optical Recognition of Handwritten Digits" 8x8 images (Alpaydin &amp; Kaynak, 1998;
 * CC BY 4.0): a gzip CSV without header, one image per line, 64 pixel counts 0-16 in row-major order
 * then the digit 0-9. Gives {@code x} as {@code [n, 64]} scaled to [0, 1] and {@code y} as
 * {@code [n]} class indices, both f64.
 */
public final class UciDigits {
    public static final int PIXELS = 64;
    public static final int CLASSES = 10;
    private static final int MAX_PIXEL = 16;

    private UciDigits() {
    }

    public static Dataset read(Path gzipCsv) throws IOException {
        try (InputStream in = Files.newInputStream(gzipCsv)) {
            return read(in, gzipCsv.toString());
        }
    }

    /** Reads gzip-compressed CSV from {@code in}; {@code source} names it in error messages. */
    public static Dataset read(InputStream in, String source) throws IOException {
        List<double[]> rows = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(in),
                StandardCharsets.US_ASCII))) {
            String line;
            int lineNo = 0;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (!line.isBlank()) {
                    rows.add(parse(line, lineNo, source));
                }
            }
        }
        if (rows.isEmpty()) {
            throw new IOException(source + ": no images");
        }
        HostTensor x = HostTensor.zeros(DType.F64, rows.size(), PIXELS);
        HostTensor y = HostTensor.zeros(DType.F64, rows.size());
        for (int r = 0; r < rows.size(); r++) {
            double[] v = rows.get(r);
            for (int c = 0; c < PIXELS; c++) {
                x.set(r, c, v[c] / MAX_PIXEL);
            }
            y.setFlat(r, v[PIXELS]);
        }
        return new Dataset(x, y);
    }

    private static double[] parse(String line, int lineNo, String source) throws IOException {
        String[] fields = line.split(",", -1);
        if (fields.length != PIXELS + 1) {
            throw new IOException(source + " line " + lineNo + ": " + fields.length + " values, expected "
                    + (PIXELS + 1) + " (64 pixels then the label)");
        }
        double[] v = new double[PIXELS + 1];
        for (int i = 0; i <= PIXELS; i++) {
            int max = i < PIXELS ? MAX_PIXEL : CLASSES - 1;
            int value;
            try {
                value = Integer.parseInt(fields[i].trim());
            } catch (NumberFormatException e) {
                value = -1;
            }
            if (value < 0 || value > max) {
                throw new IOException(source + " line " + lineNo + ", column " + (i + 1) + ": '" + fields[i]
                        + "' is not " + (i < PIXELS ? "a pixel count 0-16" : "a digit 0-9"));
            }
            v[i] = value;
        }
        return v;
    }
}
