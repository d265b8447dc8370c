package io.densekit.kernel.simd;

import static jdk.incubator.vector.VectorOperators.SQRT;

import io.densekit.kernel.AdamParams;
import io.densekit.kernel.SgdParams;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * double64 optimizer updates, in the order {@code torch.optim} applies them (see {@link SgdParams} and
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
        for (int bound = s.loopBound(n); i < bound; i += s.length()) {
            VectorMask<Double> m = s.maskAll(true);
            sgdStep(s, p, po + i, g, go + i, buf, bo + i, m, wd, mom, damp, negLr, momentum, nesterov, first);
        }
        if (i < n) {
            sgdStep(s, p, po + i, g, go + i, buf, bo + i, s.indexInRange(i, n), wd, mom, damp, negLr, momentum,
                    nesterov, first);
        }
    }

    private static void sgdStep(VectorSpecies<Double> s, double[] p, int pi, double[] g, int gi, double[] buf, int bi,
                                VectorMask<Double> m, double wd, double mom, double damp, double negLr, boolean momentum,
                                boolean nesterov, boolean first) {
        DoubleVector pv = DoubleVector.fromArray(s, p, pi, m);
        DoubleVector d = DoubleVector.fromArray(s, g, gi, m);
        if (wd != 0) {
            d = d.add(pv.mul(wd));
        }
        if (momentum) {
            DoubleVector b = first ? d : DoubleVector.fromArray(s, buf, bi, m).mul(mom).add(d.mul(damp));
            b.intoArray(buf, bi, m);
            d = nesterov ? d.add(b.mul(mom)) : b;
        }
        pv.add(d.mul(negLr)).intoArray(p, pi, m);
    }

    final void adam(double[] p, int po, double[] g, int go, double[] mArr, int mo, double[] vArr, int vo, int n,
                    AdamParams a, long step) {
        VectorSpecies<Double> s = sp();
        double weight = 1 - a.beta1();
        boolean lerpFromStart = weight < 0.5;
        double w = (double) weight;
        double oneMinusW = (double) (1 - weight);
        double b2 = (double) a.beta2();
        double oneMinusB2 = (double) (1 - a.beta2());
        double wd = (double) a.weightDecay();
        double eps = (double) a.eps();
        double negStep = (double) -(a.lr() / (1 - Math.pow(a.beta1(), step)));
        double bc2Sqrt = (double) Math.sqrt(1 - Math.pow(a.beta2(), step));
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

    private static void adamStep(VectorSpecies<Double> s, VectorMask<Double> mask, double[] p, int pi, double[] g, int gi,
                                 double[] mArr, int mi, double[] vArr, int vi, boolean lerpFromStart, double w,
                                 double oneMinusW, double b2, double oneMinusB2, double wd, double eps, double negStep,
                                 double bc2Sqrt) {
        DoubleVector pv = DoubleVector.fromArray(s, p, pi, mask);
        DoubleVector d = DoubleVector.fromArray(s, g, gi, mask);
        if (wd != 0) {
            d = d.add(pv.mul(wd));
        }
        DoubleVector m = DoubleVector.fromArray(s, mArr, mi, mask);
        // torch.lerp picks its form by the weight, to stay exact at both ends.
        m = lerpFromStart ? m.add(d.sub(m).mul(w)) : d.sub(d.sub(m).mul(oneMinusW));
        DoubleVector v = DoubleVector.fromArray(s, vArr, vi, mask).mul(b2).add(d.mul(oneMinusB2).mul(d));
        m.intoArray(mArr, mi, mask);
        v.intoArray(vArr, vi, mask);
        DoubleVector denom = v.lanewise(SQRT).div(bc2Sqrt).add(eps);
        pv.add(m.div(denom).mul(negStep)).intoArray(p, pi, mask);
    }
}
