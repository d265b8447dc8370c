package io.densekit.kernel.simd;

import static jdk.incubator.vector.VectorOperators.SQRT;

import io.densekit.kernel.AdamParams;
import io.densekit.kernel.SgdParams;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * float32 optimizer updates, in the order {@code torch.optim} applies them (see {@link SgdParams} and
 * {@link AdamParams}); scalars that depend only on the step are computed in double once.
 */
abstract class F32Updates extends F32Losses {

    final void sgd(float[] p, int po, float[] g, int go, float[] buf, int bo, int n, SgdParams sp, boolean first) {
        VectorSpecies<Float> s = sp();
        float wd = (float) sp.weightDecay();
        float mom = (float) sp.momentum();
        float damp = (float) (1 - sp.dampening());
        float negLr = (float) -sp.lr();
        boolean momentum = sp.hasMomentum();
        boolean nesterov = sp.nesterov();
        int i = 0;
        for (int whole = s.loopBound(n); i < whole; i += s.length()) {
            FloatVector pv = FloatVector.fromArray(s, p, po + i);
            FloatVector d = FloatVector.fromArray(s, g, go + i);
            if (wd != 0) {
                d = d.add(pv.mul(wd));
            }
            if (momentum) {
                FloatVector b = first ? d : FloatVector.fromArray(s, buf, bo + i).mul(mom).add(d.mul(damp));
                b.intoArray(buf, bo + i);
                d = nesterov ? d.add(b.mul(mom)) : b;
            }
            pv.add(d.mul(negLr)).intoArray(p, po + i);
        }
        // The tail one by one, the same operations (see F32Vec#add for why not a masked vector).
        for (; i < n; i++) {
            float d = g[go + i];
            if (wd != 0) {
                d = d + p[po + i] * wd;
            }
            if (momentum) {
                float b = first ? d : buf[bo + i] * mom + d * damp;
                buf[bo + i] = b;
                d = nesterov ? d + b * mom : b;
            }
            p[po + i] = p[po + i] + d * negLr;
        }
    }

    final void adam(float[] p, int po, float[] g, int go, float[] mArr, int mo, float[] vArr, int vo, int n,
                    AdamParams a, long step) {
        VectorSpecies<Float> s = sp();
        double weight = 1 - a.beta1();
        // torch.lerp picks its form by the weight, to stay exact at both ends.
        boolean lerpFromStart = weight < 0.5;
        float w = (float) weight;
        float oneMinusW = (float) (1 - weight);
        float b2 = (float) a.beta2();
        float oneMinusB2 = (float) (1 - a.beta2());
        float wd = (float) a.weightDecay();
        float eps = (float) a.eps();
        float negStep = (float) -(a.lr() / (1 - Math.pow(a.beta1(), step)));
        float bc2Sqrt = (float) Math.sqrt(1 - Math.pow(a.beta2(), step));
        for (int i = 0; i < n; i += s.length()) {
            VectorMask<Float> mask = s.indexInRange(i, n);
            FloatVector pv = FloatVector.fromArray(s, p, po + i, mask);
            FloatVector d = FloatVector.fromArray(s, g, go + i, mask);
            if (wd != 0) {
                d = d.add(pv.mul(wd));
            }
            FloatVector m = FloatVector.fromArray(s, mArr, mo + i, mask);
            m = lerpFromStart ? m.add(d.sub(m).mul(w)) : d.sub(d.sub(m).mul(oneMinusW));
            FloatVector v = FloatVector.fromArray(s, vArr, vo + i, mask).mul(b2).add(d.mul(oneMinusB2).mul(d));
            m.intoArray(mArr, mo + i, mask);
            v.intoArray(vArr, vo + i, mask);
            FloatVector denom = v.lanewise(SQRT).div(bc2Sqrt).add(eps);
            pv.add(m.div(denom).mul(negStep)).intoArray(p, po + i, mask);
        }
    }
}
