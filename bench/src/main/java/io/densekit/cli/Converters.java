package io.densekit.cli;

import io.densekit.io.CsvDelimiter;
import io.densekit.kernel.LossKind;
import io.densekit.nn.ModelSpec;
import io.densekit.tensor.DType;
import java.util.function.Function;
import picocli.CommandLine;

/** Option types parsed by the library's own parsers, so their messages reach the user unchanged. */
final class Converters {
    private Converters() {
    }

    static void register(CommandLine cmd) {
        cmd.registerConverter(ModelSpec.class, wrap(ModelSpec::parse));
        cmd.registerConverter(LossKind.class, wrap(LossKind::parse));
        cmd.registerConverter(DType.class, wrap(DType::parse));
        cmd.registerConverter(CsvDelimiter.class, wrap(CsvDelimiter::parse));
        cmd.registerConverter(OptimizerName.class, wrap(OptimizerName::parse));
    }

    private static <T> CommandLine.ITypeConverter<T> wrap(Function<String, T> parser) {
        return text -> {
            try {
                return parser.apply(text);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        };
    }
}
