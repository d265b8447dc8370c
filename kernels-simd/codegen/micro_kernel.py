import sys
MR=int(sys.argv[1]); T=sys.argv[2]  # Float / Double
t=T.lower()
L=[]
L.append(f"    /**")
L.append(f"     * The register block: an {MR} x 2-vector tile of C accumulated over kc steps of packed A (broadcast)")
L.append(f"     * and packed B (two vector loads), {2*MR} accumulators plus 2 B vectors and a broadcast, within")
L.append(f"     * 32 vector registers. Writes the tile row-major into {{@code tile}}.")
L.append(f"     */")
L.append(f"    final void microKernel({t}[] a, int ao, {t}[] b, int bo, int kc, {t}[] tile) {{")
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
    L.append(f"        c{i}0.intoArray(tile, {i} * 2 * l);")
    L.append(f"        c{i}1.intoArray(tile, {i} * 2 * l + l);")
L.append(f"    }}")
print("\n".join(L))
