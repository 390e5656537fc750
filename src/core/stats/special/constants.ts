/**
 * IEEE-754 double constants shared by the special-function ports (Cephes const.c values).
 * @module
 */

/** 2^-53, the unit roundoff Cephes calls MACHEP. */
export const MACHEP = 1.1102230246251565e-16;
/** ln(DBL_MAX): exp() of anything larger overflows. */
export const MAXLOG = 709.782712893384;
/** ln(2^-1075): exp() of anything smaller underflows to 0 (Cephes MINLOG). */
export const MINLOG = -745.1332191019412;
/** Largest x for which Γ(x) is finite (Cephes MAXGAM). */
export const MAXGAM = 171.6243769563027;
/** √(2π). */
export const SQRT2PI = 2.5066282746310007;
/** ln(√(2π)). */
export const LOG_SQRT_2PI = 0.9189385332046728;
/** ln(π). */
export const LOG_PI = 1.1447298858494002;
/** Euler–Mascheroni constant γ. */
export const EULER = 0.5772156649015329;
