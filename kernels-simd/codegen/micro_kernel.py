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
