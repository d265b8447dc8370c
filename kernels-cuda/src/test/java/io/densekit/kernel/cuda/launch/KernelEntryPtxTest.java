package io.densekit.kernel.cuda.launch;

import static org.assertj.core.api.Assertions.assertThat;

import io.densekit.kernel.cuda.driver.CudaKernels;
import io.densekit.tensor.DType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every launch's argument list against the PTX module's parameter declarations: the number of
 * parameters and each one's width and kind (.u64 for pointers and long long, .u32 for int, .f64 for
 * double). A mismatch would make a kernel read garbage, so it is caught here, without a GPU.
 */
class KernelEntryPtxTest {
    private static final Pattern ENTRY = Pattern.compile("\\.visible \\.entry ([A-Za-z0-9_]+)\\(([^)]*)\\)");
    private static final Pattern PARAM = Pattern.compile("\\.param \\.(u64|u32|s32|f64|b64|b32|s64)\\s");

    private static Map<String, List<String>> ptxParameters() {
        Map<String, List<String>> out = new HashMap<>();
        Matcher m = ENTRY.matcher(CudaKernels.ptx());
        while (m.find()) {
            List<String> types = new ArrayList<>();
            Matcher p = PARAM.matcher(m.group(2));
            while (p.find()) {
                types.add(p.group(1));
            }
            out.put(m.group(1), types);
        }
        return out;
    }

    private static String ptxType(char c) {
        return switch (c) {
            case 'p', 'l' -> "u64";
            case 'i' -> "u32";
            case 'd' -> "f64";
            default -> throw new AssertionError("unknown signature letter " + c);
        };
    }

    @Test
    void everyEntrysSignatureMatchesThePtx() {
        Map<String, List<String>> ptx = ptxParameters();
        assertThat(ptx).isNotEmpty();
        for (KernelEntry e : KernelEntry.values()) {
            for (DType dt : e.typed() ? DType.values() : new DType[] {DType.F64}) {
                String symbol = e.symbol(dt);
                assertThat(ptx).as("PTX entry %s", symbol).containsKey(symbol);
                List<String> expected = e.signature().chars().mapToObj(c -> ptxType((char) c)).toList();
                assertThat(ptx.get(symbol)).as("parameters of %s", symbol).containsExactlyElementsOf(expected);
            }
        }
    }

    @Test
    void everyKernelOfTheModuleIsLaunchedBySomeEntry() {
        List<String> used = new ArrayList<>();
        for (KernelEntry e : KernelEntry.values()) {
            used.add(e.symbol(DType.F32));
            used.add(e.symbol(DType.F64));
        }
        assertThat(used).containsAll(CudaKernels.entryNames());
    }

    @Test
    void argumentsRecordTheirSignature() {
        LaunchArgs a = new LaunchArgs().ptr(0x1000).ptr(0).i64(5).f64(0.5).i32(1);
        assertThat(a.signature()).isEqualTo("ppldi");
        assertThat(a.kernelParams()).isNotNull();
    }
}
