import sys
MR=int(sys.argv[1]); T=sys.argv[2]  # Float / Double
t=T.lower()
L=[]
L.append(f"    /**")
L.append(f"     * The register block: an {MR} x 2-vector tile of C accumulated over kc steps of packed A (broadcast)")
L.append(f"     * and packed B (two vector loads), {2*MR} accumulators plus 2 B vectors and a broadcast, within")
L.append(f"     * 32 vector registers. Writes the tile row-major into {{@code tile}} at {{@code to}}.")
L.append(f"     */")
L.append(f"    final void microKernel({t}[] a, int ao, {t}[] b, int bo, int kc, {t}[] tile, int to) {{")
L.append(f"        VectorSpecies<{T}> s = sp();")
L.append(f"        int l = s.length();")
for i in range(MR):
    L.append(f"        {T}Vector c{i}0 = {T}Vector.zero(s);")
    L.append(f"        {T}Vector c{i}1 = {T}Vector.zero(s);")
L.append(f"        for (int p = 0; p < kc; p++) {{")
L.append(f"            int bi = bo + p * 2 * l;")
L.append(f"            int ai = ao + p * MR;")
L.append(f"            {T}Vector b0 = {T}Vector.fromArray(s, b, bi);")
L.append(f"            {T}Vector b1 = {T}Vector.fromArray(s, b, bi + l);")
for i in range(MR):
    L.append(f"            {T}Vector a{i} = {T}Vector.broadcast(s, a[ai + {i}]);")
    L.append(f"            c{i}0 = a{i}.fma(b0, c{i}0);")
    L.append(f"            c{i}1 = a{i}.fma(b1, c{i}1);")
L.append(f"        }}")
for i in range(MR):
    L.append(f"        c{i}0.intoArray(tile, to + {i} * 2 * l);")
    L.append(f"        c{i}1.intoArray(tile, to + {i} * 2 * l + l);")
L.append(f"    }}")
print("\n".join(L))

# The few-rows kernels of computeRows: R rows of A against S slivers of packed B, each accumulator
# the same FMA chain as in the register block. A is read in place: rows rs apart with adjacent
# columns, or, for a transposed A (suffix T), adjacent rows with columns cs apart. The 16-accumulator
# ones (2 x 4, 4 x 2) are for 32 vector registers only (see computeRows).
for trans in (False, True):
  for R, S in [(1, 1), (1, 2), (1, 4), (2, 1), (2, 2), (2, 4), (4, 1), (4, 2), (8, 1)]:
    L = []
    L.append("")
    L.append(f"    /**")
    layout = "A^T read in place, A's columns cs apart" if trans else "A read in place"
    L.append(f"     * {R} row{'s' if R > 1 else ''} of op(A) ({layout}) against {S} sliver{'s' if S > 1 else ''} of packed B over kc")
    L.append(f"     * steps ({2*R*S} accumulators); writes row r of sliver q to {{@code tile}} at {{@code to + r * tw + q * NR}}. See computeRows.")
    L.append(f"     */")
    if trans:
        rs = ", int cs"
    else:
        rs = ", int rs" if R > 1 else ""
    name = f"rows{R}x{S}{'T' if trans else ''}"
    L.append(f"    private void {name}({t}[] a, int ao{rs}, {t}[] b, int bo, int kc, {t}[] tile, int to, int tw) {{")
    L.append(f"        VectorSpecies<{T}> s = sp();")
    L.append(f"        int l = s.length();")
    L.append(f"        int nr = 2 * l;")
    if S > 1:
        L.append(f"        int sl = nr * kc;")
    for r in range(R):
        for q in range(S):
            for h in range(2):
                L.append(f"        {T}Vector c{r}{q}{h} = {T}Vector.zero(s);")
    L.append(f"        for (int p = 0; p < kc; p++) {{")
    L.append(f"            int bi = bo + p * nr;")
    for q in range(S):
        off = "" if q == 0 else (" + sl" if q == 1 else f" + {q} * sl")
        L.append(f"            {T}Vector b{q}0 = {T}Vector.fromArray(s, b, bi{off});")
        L.append(f"            {T}Vector b{q}1 = {T}Vector.fromArray(s, b, bi{off} + l);")
    L.append(f"            int ai = ao + p{' * cs' if trans else ''};")
    for r in range(R):
        if trans:
            aoff = "" if r == 0 else f" + {r}"
        else:
            aoff = "" if r == 0 else (" + rs" if r == 1 else f" + {r} * rs")
        L.append(f"            {T}Vector a{r} = {T}Vector.broadcast(s, a[ai{aoff}]);")
        for q in range(S):
            for h in range(2):
                L.append(f"            c{r}{q}{h} = a{r}.fma(b{q}{h}, c{r}{q}{h});")
    L.append(f"        }}")
    for q in range(S):
        for r in range(R):
            row = "" if r == 0 else (" + tw" if r == 1 else f" + {r} * tw")
            col = "" if q == 0 else (" + nr" if q == 1 else f" + {q} * nr")
            for h in range(2):
                L.append(f"        c{r}{q}{h}.intoArray(tile, to{row}{col}{' + l' if h else ''});")
    L.append(f"    }}")
    print("\n".join(L))

# A stage of the permute networks below: vectors x and x | 2^i (bit i of x clear) exchange the lanes
# whose bit m differs from bit i of their vector's index, so that bit i of the vector index and bit
# m of the lane swap. swap_lanes gives the stage's two index vectors (the low result's lanes, then
# the high one's), lanes of the first vector 0 .. LN-1, of the second LN .. 2LN-1.
def swap_lanes(LN, m):
    bit = 1 << m
    return ([l if l & bit == 0 else LN + (l ^ bit) for l in range(LN)]
            + [l | bit if l & bit == 0 else LN + l for l in range(LN)])

def emit_swap(L, table, stage, LN, i, vectors):
    L.append(f"        lo = {T}Vector.fromArray(s, {table}, {2 * stage * LN});")
    L.append(f"        hi = {T}Vector.fromArray(s, {table}, {(2 * stage + 1) * LN});")
    for x in range(vectors):
        if x & (1 << i) == 0:
            y = x | (1 << i)
            L.append(f"        t = lo.selectFrom(v{x}, v{y});")
            L.append(f"        v{y} = hi.selectFrom(v{x}, v{y});")
            L.append(f"        v{x} = t;")

# The transposing copies of packB: an L x L block of B (L rows, ldb apart, L adjacent values each)
# becomes L packed rows of op(B) = B^T, nr apart, by log2(L) stages: stage b swaps bit b of the
# vector's index with bit b of the lane's. TRANSPOSE_L holds each stage's two index vectors.
for LN in (4, 8, 16):
    stages = LN.bit_length() - 1
    idx = [v for b in range(stages) for v in swap_lanes(LN, b)]
    L = [""]
    L.append(f"    /** The permutes of {{@link #transpose{LN}}}: per stage, the low result's lanes, then the high one's. */")
    L.append(f"    private static final {t}[] TRANSPOSE_{LN} = {{{', '.join(str(v) for v in idx)}}};")
    L.append("")
    L.append(f"    /**")
    L.append(f"     * {LN} rows of B from {{@code src}} ({{@code ldb}} apart, {LN} values each) into {LN} rows of the packed op(B) = B^T")
    L.append(f"     * from {{@code dst}}, {{@code nr}} apart: a {LN} x {LN} transpose in {stages} stages of two-vector permutes. Only")
    L.append(f"     * where vectors have {LN} lanes. See packB.")
    L.append(f"     */")
    L.append(f"    private void transpose{LN}({t}[] b, int src, int ldb, {t}[] bp, int dst, int nr) {{")
    L.append(f"        VectorSpecies<{T}> s = sp();")
    for i in range(LN):
        off = "" if i == 0 else (" + ldb" if i == 1 else f" + {i} * ldb")
        L.append(f"        {T}Vector v{i} = {T}Vector.fromArray(s, b, src{off});")
    L.append(f"        {T}Vector lo;")
    L.append(f"        {T}Vector hi;")
    L.append(f"        {T}Vector t;")
    for b in range(stages):
        emit_swap(L, f"TRANSPOSE_{LN}", b, LN, b, LN)
    for i in range(LN):
        off = "" if i == 0 else (" + nr" if i == 1 else f" + {i} * nr")
        L.append(f"        v{i}.intoArray(bp, dst{off});")
    L.append(f"    }}")
    print("\n".join(L))

# The interleaving copies of packA: MR = 8 rows of A (lda apart, L adjacent values each) become L
# packed columns of 8 values, contiguous: out[p * 8 + r] = row r's value p. Seen as bits, an element's
# coordinates (r: 3 bits, p: log2 L bits) start as (vector index = r, lane = p) and must end as
# vector index = the high bits and lane = the low log2 L bits of p * 8 + r. Each stage swaps one
# vector-index bit with one lane bit by two-vector permutes (as in the transposes above); a last
# one-vector permute puts the lane bits in order, and the vectors are stored where their index
# bits say.
def interleave(LN):
    lb = LN.bit_length() - 1
    vec = [("r", 0), ("r", 1), ("r", 2)]          # vector-index bit i holds this coordinate bit
    lane = [("p", j) for j in range(lb)]          # lane bit j holds this coordinate bit
    flat = [("r", 0), ("r", 1), ("r", 2)] + [("p", j) for j in range(lb)]  # bits of p * 8 + r, low first
    want_lane, want_vec = flat[:lb], flat[lb:]
    stages = []                                   # (vector bit, lane bit)
    for i in range(3):
        if vec[i] in want_lane:
            m = next(j for j in range(lb) if lane[j] not in want_lane)
            stages.append((i, m))
            vec[i], lane[m] = lane[m], vec[i]
    idx = [v for (i, m) in stages for v in swap_lanes(LN, m)]
    # The last permute: result lane t (bits want_lane) takes the lane whose bits (lane) hold the same values.
    final = None
    if lane != want_lane:
        final = []
        for res in range(LN):
            val = {want_lane[j]: (res >> j) & 1 for j in range(lb)}
            final.append(sum(val[lane[j]] << j for j in range(lb)))
    # Vector x (bits vec) holds the result vector whose index bits (want_vec) take the same values.
    store = []
    for x in range(8):
        val = {vec[i]: (x >> i) & 1 for i in range(3)}
        store.append(sum(val[want_vec[i]] << i for i in range(3)))
    L = [""]
    consts = idx + (final or [])
    L.append(f"    /** The permutes of {{@link #interleave8x{LN}}}: per stage the low result's lanes, then the high one's; then the lane order. */")
    L.append(f"    private static final {t}[] INTERLEAVE_{LN} = {{{', '.join(str(v) for v in consts)}}};")
    L.append("")
    L.append(f"    /**")
    L.append(f"     * 8 rows of A from {{@code src}} ({{@code lda}} apart, {LN} values each) into {LN} packed columns of 8 values")
    L.append(f"     * from {{@code dst}}: {len(stages)} stage{'s' if len(stages) != 1 else ''} of two-vector permutes{', one lane permute' if final else ''}. Only where vectors have {LN} lanes. See packA.")
    L.append(f"     */")
    L.append(f"    private void interleave8x{LN}({t}[] a, int src, int lda, {t}[] ap, int dst) {{")
    L.append(f"        VectorSpecies<{T}> s = sp();")
    for r in range(8):
        off = "" if r == 0 else (" + lda" if r == 1 else f" + {r} * lda")
        L.append(f"        {T}Vector v{r} = {T}Vector.fromArray(s, a, src{off});")
    if stages:
        L.append(f"        {T}Vector lo;")
        L.append(f"        {T}Vector hi;")
        L.append(f"        {T}Vector t;")
    for n, (i, m) in enumerate(stages):
        emit_swap(L, f"INTERLEAVE_{LN}", n, LN, i, 8)
    if final:
        L.append(f"        {T}Vector order = {T}Vector.fromArray(s, INTERLEAVE_{LN}, {2 * len(stages) * LN});")
    for x in range(8):
        v = f"order.selectFrom(v{x})" if final else f"v{x}"
        q = store[x]
        off = "" if q == 0 else f" + {q * LN}"
        L.append(f"        {v}.intoArray(ap, dst{off});")
    L.append(f"    }}")
    print("\n".join(L))

for LN in (4, 8, 16):
    interleave(LN)
