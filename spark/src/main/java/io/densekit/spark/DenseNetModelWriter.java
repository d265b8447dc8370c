package io.densekit.spark;

import io.densekit.kernel.reference.ReferenceKernel;
import io.densekit.nn.Sequential;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.apache.spark.ml.util.MLWriter;

/**
 * Saves a {@link DenseNetModel} as Spark ML's params metadata ({@code metadata/}, which
 * {@code PipelineModel.load} reads to find the class) and the weights in
 * {@code data/model.safetensors}, written as {@link Sequential#save} writes a model file, on any
 * file system Hadoop reaches.
 */
final class DenseNetModelWriter extends MLWriter {
    static final String WEIGHTS = "data/model.safetensors";
    private final DenseNetModel instance;

    DenseNetModelWriter(DenseNetModel instance) {
        this.instance = instance;
    }

    @Override
    public void saveImpl(String path) {
        DefaultParamsWriter$.MODULE$.saveMetadata(instance, path, sparkSession());
        try {
            java.nio.file.Path local = Files.createTempFile("densekit-model", ".safetensors");
            try (Sequential model = instance.weights().toSequential(new ReferenceKernel())) {
                model.save(local, Map.of("densekit_trained_on", instance.getOrDefault(instance.trainedOn())));
            }
            Path target = new Path(path, WEIGHTS);
            FileSystem fs = target.getFileSystem(sparkSession().sparkContext().hadoopConfiguration());
            fs.copyFromLocalFile(true, true, new Path(local.toUri()), target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the model's weights under " + path + ": " + e.getMessage(), e);
        }
    }
}
