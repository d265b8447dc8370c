package io.densekit.train;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** nn-api reports progress through TrainingListener only: no console library on its class path. */
class ConsoleFreeLibraryTest {

    @ParameterizedTest
    @ValueSource(strings = {"me.tongfei.progressbar.ProgressBar", "org.jline.terminal.Terminal"})
    void noTerminalLibraryComesWithNnApi(String className) {
        assertThatThrownBy(() -> Class.forName(className, false, getClass().getClassLoader()))
                .isInstanceOf(ClassNotFoundException.class);
    }
}
