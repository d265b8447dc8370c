package io.densekit.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Feeds random bytes and random mutations of valid files (byte flips, truncations, insertions,
 * header edits) to every reader. The only allowed outcomes are a successful read or a
 * {@link MalformedFileException}: no other exception, and no allocation beyond a small multiple of
 * the file size (a huge declared length must be checked before anything is allocated for it).
 */
class ReaderFuzzTest {
    private static final int TRIES = 200;

    /** One file rewritten for every try; creating and deleting files would dominate the run time. */
    private static Path scratch;

    /** A reader under test. */
    private interface Reader {
        void read(Path file) throws IOException;
    }

    private static final Reader NPY = Npy::read;
    private static final Reader SAFETENSORS = SafeTensors::read;
    private static final Reader CSV = f -> Csv.read(f, DType.F64);
    private static final Reader IDX = Idx::read;
    private static final Reader ANY = f -> DataFile.read(f, DType.F64, CsvDelimiter.AUTO);
    private static final Reader LABELED = f -> Csv.readLabeled(f, DType.F32, CsvDelimiter.AUTO, "1");
    private static final Reader LABELED_KNOWN = f -> Csv.readLabeled(f, DType.F64, CsvDelimiter.AUTO, "b",
            List.of("cat", "dog"));

    /** Loads the readers' classes (Jackson, regex tables) so their one-time setup is not counted. */
    @BeforeContainer
    static void warmUp() throws IOException {
        scratch = Files.createTempFile("densekit-fuzz-", ".bin");
        Npy.read(Fixtures.path("f32_2x3.npy"));
        SafeTensors.read(Fixtures.path("torch_mlp_f32.safetensors"));
        Csv.read(Fixtures.path("savetxt.csv.gz"), DType.F64);
        Idx.read(Fixtures.path("images_u8_2x3x4.idx.gz"));
        for (String bad : new String[] {"f64_fortran_2x3.npy", "torch_i64.safetensors"}) {
            try {
                (bad.endsWith(".npy") ? NPY : SAFETENSORS).read(Fixtures.path(bad));
            } catch (MalformedFileException expected) {
                // the error path is warmed up too
            }
        }
    }

    @AfterContainer
    static void removeScratchFile() throws IOException {
        Files.deleteIfExists(scratch);
    }

    // ---- random bytes ----

    @Property(tries = TRIES)
    void randomBytes(@ForAll @Size(max = 300) byte[] bytes, @ForAll @IntRange(min = 0, max = 4) int prefix)
            throws IOException {
        // Mostly pure noise; sometimes behind a valid magic so the readers get past the first check.
        byte[] magic = switch (prefix) {
            case 1 -> new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
            case 2 -> new byte[] {0, 0, 8, (byte) 1};
            case 3 -> new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
            default -> new byte[0];
        };
        byte[] content = FileMutations.concat(magic, bytes);
        for (Reader reader : List.of(NPY, SAFETENSORS, CSV, IDX, ANY, LABELED)) {
            readOrRefuse(reader, content);
        }
    }

    // ---- mutations of valid files ----

    @Property(tries = TRIES)
    void mutatedNpy(@ForAll long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] valid = write(".npy", f -> Npy.write(f, randomTensor(r)));
        int headerEnd = 10 + (valid[8] & 0xff);
        readOrRefuse(NPY, FileMutations.mutate(valid, r, 10, headerEnd, "0123456789(),: '{}[]-L<>|=fiucbTrueFalse"));
    }

    @Property(tries = TRIES)
    void mutatedIntegerNpy(@ForAll long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        int n = r.nextInt(0, 6);
        byte[] valid = write(".npy", f -> Npy.writeLongs(f, r.longs(n).toArray(), n));
        readOrRefuse(NPY, FileMutations.mutate(valid, r, 10, 10 + (valid[8] & 0xff), "0123456789(),<i8u4f2 "));
    }

    @Property(tries = TRIES)
    void mutatedSafeTensors(@ForAll long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        Map<String, HostTensor> tensors = new LinkedHashMap<>();
        for (int i = r.nextInt(0, 4); i > 0; i--) {
            tensors.put(i + (r.nextBoolean() ? ".weight" : ".bias"), randomTensor(r));
        }
        byte[] valid = write(".safetensors", f -> SafeTensors.write(f, tensors, Map.of("format", "pt")));
        int headerEnd = 8 + (int) ByteBuffer.wrap(valid).order(ByteOrder.LITTLE_ENDIAN).getLong();
        byte[] mutated = FileMutations.mutate(valid, r, 8, headerEnd, "{}[]\":,0123456789-.eE FIU_");
        if (r.nextInt(4) == 0 && mutated.length >= 8) {
            // Header length edits: small offsets and wild values.
            long n = r.nextBoolean() ? headerEnd - 8 + r.nextInt(-9, 10) : r.nextLong();
            ByteBuffer.wrap(mutated).order(ByteOrder.LITTLE_ENDIAN).putLong(0, n);
        }
        readOrRefuse(SAFETENSORS, mutated);
    }

    @Property(tries = TRIES)
    void mutatedCsv(@ForAll long seed, @ForAll boolean gzip) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        HostTensor t = randomTensor(r);
        byte[] valid = write(".csv", f -> Csv.write(f, t));
        byte[] mutated = FileMutations.mutate(valid, r, 0, valid.length, ",.-+e0123456789 \n\r\"#abcnaifINF\t");
        readOrRefuse(CSV, gzip ? Fixtures.gzip(mutated) : mutated);
    }

    @Property(tries = TRIES)
    void mutatedLabeledCsv(@ForAll long seed, @ForAll boolean gzip) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder text = new StringBuilder(r.nextBoolean() ? "a,b,\"c, d\"\n" : "");
        String separator = ",;\t".substring(r.nextInt(3)).substring(0, 1);
        for (int row = r.nextInt(0, 6); row > 0; row--) {
            text.append(r.nextDouble(-10, 10)).append(separator).append(r.nextBoolean() ? "cat" : "\"dog\"")
                    .append(separator).append(r.nextInt(100)).append('\n');
        }
        byte[] valid = text.toString().replace(",", separator).getBytes(StandardCharsets.UTF_8);
        byte[] mutated = FileMutations.mutate(valid, r, 0, valid.length, ",;\t.-e0123456789 \n\"#catdog");
        byte[] content = gzip ? Fixtures.gzip(mutated) : mutated;
        readOrRefuse(LABELED, content);
        readOrRefuse(LABELED_KNOWN, content);
        readOrRefuse(ANY, content);
    }

    @Property(tries = TRIES)
    void mutatedGzippedNpy(@ForAll long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] plain = write(".npy", f -> Npy.write(f, randomTensor(r)));
        // Mutations of the compressed stream (its CRC catches most) and of the .npy inside it.
        byte[] mutated = r.nextBoolean() ? FileMutations.mutate(Fixtures.gzip(plain), r, 0, 0, "")
                : Fixtures.gzip(FileMutations.mutate(plain, r, 10, 10 + (plain[8] & 0xff),
                        "0123456789(),: '{}[]-L<>|=fiucb"));
        readOrRefuse(NPY, mutated);
        readOrRefuse(ANY, mutated);
    }

    @Property(tries = TRIES)
    void mutatedIdx(@ForAll long seed, @ForAll boolean gzip) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        ElementType[] types = {ElementType.UINT8, ElementType.INT8, ElementType.INT16, ElementType.INT32,
            ElementType.FLOAT32, ElementType.FLOAT64};
        ElementType type = types[r.nextInt(types.length)];
        int[] shape = new int[r.nextInt(1, 4)];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = r.nextInt(0, 5);
        }
        byte[] data = new byte[(int) NdArray.elementCount(shape) * type.byteSize()];
        r.nextBytes(data);
        NdArray a = new NdArray(type, shape, ByteBuffer.wrap(data));
        byte[] valid = write(gzip ? ".idx.gz" : ".idx", f -> Idx.write(f, a));
        // For gzip files the mutations hit the compressed stream (and its CRC), as corruption would.
        readOrRefuse(IDX, FileMutations.mutate(valid, r, 0, Math.min(valid.length, 4 + 4 * shape.length), "\0\1\2\3\10\11\13\14\15\16\377"));
    }

    // ---- the check ----

    private static void readOrRefuse(Reader reader, byte[] content) throws IOException {
        Files.write(scratch, content);
        long before = allocatedBytes();
        try {
            reader.read(scratch);
        } catch (MalformedFileException e) {
            assertThat(e.getMessage()).startsWith(scratch.getFileName() + ": ");
        } catch (Throwable e) {
            fail("reader threw " + e + " instead of MalformedFileException for "
                    + content.length + " bytes: " + preview(content), e);
        }
        long allocated = allocatedBytes() - before;
        // Buffers of 64 KiB and the parsed values; a huge declared length would show here.
        assertThat(allocated).as("bytes allocated reading a %d-byte file", content.length)
                .isLessThan(8L << 20);
    }

    private static long allocatedBytes() {
        return ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean
                ? bean.getCurrentThreadAllocatedBytes() : 0;
    }

    // ---- helpers ----

    private interface Writer {
        void write(Path file) throws IOException;
    }

    /** The bytes a writer produces; the suffix matters where the writer reads it (".gz"). */
    private static byte[] write(String suffix, Writer writer) throws IOException {
        Path f = scratch.resolveSibling(scratch.getFileName() + suffix);
        try {
            writer.write(f);
            return Files.readAllBytes(f);
        } finally {
            Files.delete(f);
        }
    }

    private static HostTensor randomTensor(SplittableRandom r) {
        DType dtype = r.nextBoolean() ? DType.F32 : DType.F64;
        int[] shape = r.nextBoolean() ? new int[] {r.nextInt(0, 6)} : new int[] {r.nextInt(0, 6), r.nextInt(1, 6)};
        HostTensor t = HostTensor.zeros(dtype, shape);
        for (int i = 0; i < t.size(); i++) {
            t.setFlat(i, r.nextInt(4) == 0 ? Double.NaN : r.nextDouble(-1e3, 1e3));
        }
        return t;
    }

    private static String preview(byte[] content) {
        String text = new String(content, 0, Math.min(content.length, 160), StandardCharsets.ISO_8859_1);
        return text.replaceAll("[^\\x20-\\x7e]", "\u00b7");
    }
}
