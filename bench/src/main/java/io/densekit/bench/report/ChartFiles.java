package io.densekit.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Writes the report's charts as PNG or SVG, as the file name's extension says: the GEMM chart under
 * the given name and the step chart beside it with "-step" added, or under the name itself when it
 * is the only chart.
 */
public final class ChartFiles {
    private ChartFiles() {
    }

    /** Throws IllegalArgumentException naming the expected extensions unless the file ends in .png or .svg. */
    public static void requireSupported(Path file) {
        extension(file);
    }

    /** Writes the charts the results allow; returns the files written. */
    public static List<Path> write(BenchReport report, Path file) {
        String subtitle = report.machine().cpu() + ", " + report.machine().cores() + " cores";
        boolean gemm = GemmChart.applies(report.results());
        boolean step = StepChart.applies(report.results());
        List<Path> written = new ArrayList<>();
        if (gemm) {
            save(GemmChart.of(report.results(), subtitle), file);
            written.add(file);
        }
        if (step) {
            Path target = gemm ? sibling(file, "-step") : file;
            save(StepChart.of(report.results(), subtitle), target);
            written.add(target);
        }
        return written;
    }

    static Path sibling(Path file, String suffix) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return file.resolveSibling(name.substring(0, dot) + suffix + name.substring(dot));
    }

    private static void save(Chart<?, ?> chart, Path file) {
        try {
            if (extension(file).equals("png")) {
                BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
            } else {
                VectorGraphicsEncoder.saveVectorGraphic(chart, file.toString(),
                        VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String extension(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".png")) {
            return "png";
        }
        if (name.endsWith(".svg")) {
            return "svg";
        }
        throw new IllegalArgumentException("chart file '" + file + "' must end in .png or .svg");
    }
}
