package io.densekit.spark;

import io.densekit.kernel.reference.ReferenceKernel;
import io.densekit.nn.Sequential;
import io.densekit.train.History;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.util.DefaultParamsReader$;
import org.apache.spark.ml.util.DefaultParamsReader.Metadata;
import org.apache.spark.ml.util.MLReader;
import scala.Option;

/** Loads what {@link DenseNetModelWriter} saved: the params from the metadata, the weights from safetensors. */
final class DenseNetModelReader extends MLReader<DenseNetModel> {

    @Override
    public DenseNetModel load(String path) {
        Metadata metadata = DefaultParamsReader$.MODULE$.loadMetadata(path, sparkSession(),
                DenseNetModel.class.getName());
        ModelWeights weights;
        try {
            java.nio.file.Path local = Files.createTempFile("densekit-model", ".safetensors");
            try {
                Path source = new Path(path, DenseNetModelWriter.WEIGHTS);
                FileSystem fs = source.getFileSystem(sparkSession().sparkContext().hadoopConfiguration());
                fs.copyToLocalFile(false, source, new Path(local.toUri()), true);
                try (Sequential model = Sequential.load(local, new ReferenceKernel())) {
                    weights = ModelWeights.of(model);
                }
            } finally {
                Files.deleteIfExists(local);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the model's weights under " + path + ": " + e.getMessage(), e);
        }
        DenseNetModel model = new DenseNetModel(metadata.uid(), weights, new History(List.of(), List.of()), null);
        metadata.getAndSetParams(model, Option.empty());
        return model;
    }
}
