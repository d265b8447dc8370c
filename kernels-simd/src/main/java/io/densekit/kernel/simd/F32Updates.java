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
        for (int bound = s.loopBound(n); i < bound; i += s.length()) {
            VectorMask<Float> m = s.maskAll(true);
            sgdStep(s, p, po + i, g, go + i, buf, bo + i, m, wd, mom, damp, negLr, momentum, nesterov, first);
        }
        if (i < n) {
            sgdStep(s, p, po + i, g, go + i, buf, bo + i, s.indexInRange(i, n), wd, mom, damp, negLr, momentum,
                    nesterov, first);
        }
    }

    private static void sgdStep(VectorSpecies<Float> s, float[] p, int pi, float[] g, int gi, float[] buf, int bi,
                                VectorMask<Float> m, float wd, float mom, float damp, float negLr, boolean momentum,
                                boolean nesterov, boolean first) {
        FloatVector pv = FloatVector.fromArray(s, p, pi, m);
        FloatVector d = FloatVector.fromArray(s, g, gi, m);
        if (wd != 0) {
            d = d.add(pv.mul(wd));
        }
        if (momentum) {
            FloatVector b = first ? d : FloatVector.fromArray(s, buf, bi, m).mul(mom).add(d.mul(damp));
            b.intoArray(buf, bi, m);
            d = nesterov ? d.add(b.mul(mom)) : b;
        }
        pv.add(d.mul(negLr)).intoArray(p, pi, m);
    }

    final void adam(float[] p, int po, float[] g, int go, float[] mArr, int mo, float[] vArr, int vo, int n,
                    AdamParams a, long step) {
        VectorSpecies<Float> s = sp();
        double weight = 1 - a.beta1();
        boolean lerpFromStart = weight < 0.5;
        float w = (float) weight;
        float oneMinusW = (float) (1 - weight);
        float b2 = (float) a.beta2();
        float oneMinusB2 = (float) (1 - a.beta2());
        float wd = (float) a.weightDecay();
        float eps = (float) a.eps();
        float negStep = (float) -(a.lr() / (1 - Math.pow(a.beta1(), step)));
        float bc2Sqrt = (float) Math.sqrt(1 - Math.pow(a.beta2(), step));
        int i = 0;
        for (int bound = s.loopBound(n); i < bound; i += s.length()) {
            adamStep(s, s.maskAll(true), p, po + i, g, go + i, mArr, mo + i, vArr, vo + i, lerpFromStart, w, oneMinusW,
                    b2, oneMinusB2, wd, eps, negStep, bc2Sqrt);
        }
        if (i < n) {
            adamStep(s, s.indexInRange(i, n), p, po + i, g, go + i, mArr, mo + i, vArr, vo + i, lerpFromStart, w,
                    oneMinusW, b2, oneMinusB2, wd, eps, negStep, bc2Sqrt);
        }
    }

    private static void adamStep(VectorSpecies<Float> s, VectorMask<Float> mask, float[] p, int pi, float[] g, int gi,
                                 float[] mArr, int mi, float[] vArr, int vi, boolean lerpFromStart, float w,
                                 float oneMinusW, float b2, float oneMinusB2, float wd, float eps, float negStep,
                                 float bc2Sqrt) {
        FloatVector pv = FloatVector.fromArray(s, p, pi, mask);
        FloatVector d = FloatVector.fromArray(s, g, gi, mask);
        if (wd != 0) {
            d = d.add(pv.mul(wd));
        }
        FloatVector m = FloatVector.fromArray(s, mArr, mi, mask);
        // torch.lerp picks its form by the weight, to stay exact at both ends.
        m = lerpFromStart ? m.add(d.sub(m).mul(w)) : d.sub(d.sub(m).mul(oneMinusW));
        FloatVector v = FloatVector.fromArray(s, vArr, vi, mask).mul(b2).add(d.mul(oneMinusB2).mul(d));
        m.intoArray(mArr, mi, mask);
        v.intoArray(vArr, vi, mask);
        FloatVector denom = v.lanewise(SQRT).div(bc2Sqrt).add(eps);
        pv.add(m.div(denom).mul(negStep)).intoArray(p, pi, mask);
    }
}
