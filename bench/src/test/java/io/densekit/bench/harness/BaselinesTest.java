package io.densekit.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.densekit.kernel.LossKind;
import io.densekit.nn.ModelSpec;
import io.densekit.tensor.DType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class BaselinesTest {
    private static final List<Workload> CASES = List.of(new GemmWorkload(8, 4, 2, true, false),
            new StepWorkload("tiny", ModelSpec.parse("3,4:tanh,2"), LossKind.CROSS_ENTROPY, 5));

    @Test
    void theRequestDescribesEveryCaseAndTheTiming() throws Exception {
        JsonNode r = new ObjectMapper().readTree(Baselines.request(CASES, List.of(DType.F64), TimingPlan.tiny()));
        assertThat(r.get("dtypes").toString()).isEqualTo("[\"f64\"]");
        assertThat(r.get("timing").get("samples").asInt()).isEqualTo(3);
        assertThat(r.get("cases").get(0).toString())
                .isEqualTo("{\"id\":0,\"op\":\"gemm\",\"m\":8,\"k\":4,\"n\":2,\"trans_a\":true,\"trans_b\":false}");
        assertThat(r.get("cases").get(1).toString())
                .isEqualTo("{\"id\":1,\"op\":\"step\",\"model\":\"3,4:tanh,2\",\"loss\":\"cross_entropy\",\"batch\":5}");
    }

    @Test
    void answersBecomeMeasurementsOfTheSameCasesAndMissingEnginesBecomeSkips() throws Exception {
        JsonNode answer = new ObjectMapper().readTree("""
                {"engines": {"numpy": {"available": true, "version": "numpy 9"},
                             "torch-cuda": {"available": false, "reason": "no GPU"}},
                 "results": [{"engine": "numpy", "case": 1, "dtype": "f32", "samples_ms": [2.0, 1.0, 3.0],
                              "runs_per_sample": 7}]}""");
        Baselines.Result r = Baselines.parse(answer, CASES);
        assertThat(r.measurements()).singleElement().satisfies(m -> {
            assertThat(m.engine()).isEqualTo("numpy");
            assertThat(m.external()).isTrue();
            assertThat(m.dtype()).isEqualTo(DType.F32);
            assertThat(m.workload()).isSameAs(CASES.get(1));
            assertThat(m.timing().medianMs()).isEqualTo(2.0);
            assertThat(m.timing().runsPerSample()).isEqualTo(7);
        });
        assertThat(r.skipped()).containsExactly(Skip.engine("torch-cuda", "no GPU"));
        assertThat(r.versions()).containsEntry("numpy", "numpy 9");
    }

    @Test
    void aMissingInterpreterOrScriptIsASkipWithTheReason(@org.junit.jupiter.api.io.TempDir Path dir) {
        Baselines.Result r = new Baselines(dir.resolve("python"), dir.resolve("b.py"), 10)
                .run(CASES, List.of(DType.F32), TimingPlan.tiny());
        assertThat(r.measurements()).isEmpty();
        assertThat(r.skipped()).singleElement().satisfies(s -> assertThat(s.reason()).contains("no Python interpreter"));
    }

    /**
     * The real script, where this machine has Python: its answer must parse into the cases asked for.
     * The time limit only guards against a hung interpreter: importing torch on a loaded machine
     * takes minutes, and a slow answer is no bug.
     */
    @Test
    void theScriptAnswersForTheCasesItCanRun() {
        assumeTrue(Files.isExecutable(Baselines.PYTHON), "no " + Baselines.PYTHON);
        Path script = Baselines.locateScript();
        assertThat(script).exists();
        Baselines.Result r = new Baselines(Baselines.PYTHON, script, 900)
                .run(CASES, List.of(DType.F32), TimingPlan.tiny());
        assertThat(r.skipped()).noneMatch(s -> s.reason().startsWith("baseline script failed"));
        assertThat(r.measurements()).allSatisfy(m -> {
            assertThat(CASES).contains(m.workload());
            assertThat(m.dtype()).isEqualTo(DType.F32);
            assertThat(m.timing().medianMs()).isPositive();
        });
        if (r.versions().containsKey("numpy")) {
            assertThat(r.measurements()).anyMatch(m -> m.engine().equals("numpy") && m.workload() == CASES.get(0));
        }
        if (r.versions().containsKey("torch-cpu")) {
            assertThat(r.measurements()).anyMatch(m -> m.engine().equals("torch-cpu") && m.workload() == CASES.get(1));
        }
    }
}
