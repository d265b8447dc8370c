package io.densekit.kernel.simd;

import static jdk.incubator.vector.VectorOperators.SQRT;

import io.densekit.kernel.AdamParams;
import io.densekit.kernel.SgdParams;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * float64 optimizer updates, in the order {@code torch.optim} applies them (see {@link SgdParams} and
 * {@link AdamParams}); scalars that depend only on the step are computed in double once.
 */
abstract class F64Updates extends F64Losses {

    final void sgd(double[] p, int po, double[] g, int go, double[] buf, int bo, int n, SgdParams sp, boolean first) {
        VectorSpecies<Double> s = sp();
        double wd = (double) sp.weightDecay();
        double mom = (double) sp.momentum();
        double damp = (double) (1 - sp.dampening());
        double negLr = (double) -sp.lr();
        boolean momentum = sp.hasMomentum();
        boolean nesterov = sp.nesterov();
        int i = 0;
        for (int whole = s.loopBound(n); i < whole; i += s.length()) {
            DoubleVector pv = DoubleVector.fromArray(s, p, po + i);
            DoubleVector d = DoubleVector.fromArray(s, g, go + i);
            if (wd != 0) {
                d = d.add(pv.mul(wd));
            }
            if (momentum) {
                DoubleVector b = first ? d : DoubleVector.fromArray(s, buf, bo + i).mul(mom).add(d.mul(damp));
                b.intoArray(buf, bo + i);
                d = nesterov ? d.add(b.mul(mom)) : b;
            }
            pv.add(d.mul(negLr)).intoArray(p, po + i);
        }
        // The tail one by one, the same operations (see F64Vec#add for why not a masked vector).
        for (; i < n; i++) {
            double d = g[go + i];
            if (wd != 0) {
                d = d + p[po + i] * wd;
            }
            if (momentum) {
                double b = first ? d : buf[bo + i] * mom + d * damp;
                buf[bo + i] = b;
                d = nesterov ? d + b * mom : b;
            }
            p[po + i] = p[po + i] + d * negLr;
        }
    }

    final void adam(double[] p, int po, double[] g, int go, double[] mArr, int mo, double[] vArr, int vo, int n,
                    AdamParams a, long step) {
        VectorSpecies<Double> s = sp();
        double weight = 1 - a.beta1();
        // torch.lerp picks its form by the weight, to stay exact at both ends.
        boolean lerpFromStart = weight < 0.5;
        double w = (double) weight;
        double oneMinusW = (double) (1 - weight);
        double b2 = (double) a.beta2();
        double oneMinusB2 = (double) (1 - a.beta2());
        double wd = (double) a.weightDecay();
        double eps = (double) a.eps();
        double negStep = (double) -(a.lr() / (1 - Math.pow(a.beta1(), step)));
        double bc2Sqrt = (double) Math.sqrt(1 - Math.pow(a.beta2(), step));
        for (int i = 0; i < n; i += s.length()) {
            VectorMask<Double> mask = s.indexInRange(i, n);
            DoubleVector pv = DoubleVector.fromArray(s, p, po + i, mask);
            DoubleVector d = DoubleVector.fromArray(s, g, go + i, mask);
            if (wd != 0) {
                d = d.add(pv.mul(wd));
            }
            DoubleVector m = DoubleVector.fromArray(s, mArr, mo + i, mask);
            m = lerpFromStart ? m.add(d.sub(m).mul(w)) : d.sub(d.sub(m).mul(oneMinusW));
            DoubleVector v = DoubleVector.fromArray(s, vArr, vo + i, mask).mul(b2).add(d.mul(oneMinusB2).mul(d));
            m.intoArray(mArr, mo + i, mask);
            v.intoArray(vArr, vo + i, mask);
            DoubleVector denom = v.lanewise(SQRT).div(bc2Sqrt).add(eps);
            pv.add(m.div(denom).mul(negStep)).intoArray(p, po + i, mask);
        }
    }
}
