/**
 * Numerical special functions and distribution tails for driftwatch's statistics (pure, browser-safe).
 * Ports of Cephes (as shipped in scipy) and scipy's KS distribution code; see each file for its source.
 * @module
 */

export { chi2Cdf, chi2Sf } from './chi2.ts';
export { beta, gamma, lbeta, lgamma, lgamma1p, lgammaSign, log1pmx } from './gamma.ts';
export { betaInc, betaIncLower, betaIncUpper } from './incomplete-beta.ts';
export { gammaP, gammaQ } from './incomplete-gamma.ts';
export { kolmogorovCdf, kolmogorovSf } from './kolmogorov.ts';
export { kstwoCdf, kstwoSf } from './kstwo.ts';
export { logAddExp } from './log-add-exp.ts';
export { erf, erfc, normalCdf, normalPpf, normalSf } from './normal.ts';
export { smirnovSf } from './smirnov.ts';
export { studentTCdf, studentTSf } from './student-t.ts';
