/**
 * Small statistical building blocks the metrics share: the normal and Student t critical values
 * of a 95% interval, the Wilson score interval, and the sample mean and variance. Pure numbers.
 */

/** Two-sided 95% standard normal critical value (z_0.975 = 1.959964, rounded as textbooks do). */
export const Z_95 = 1.96;

/**
 * Above this many degrees of freedom the t critical value comes from the normal quantile with the
 * first Cornish-Fisher correction (Abramowitz & Stegun 26.7.5): at 1000 df the two differ from the
 * exact value by less than 1e-5, and the exact series below costs O(df) per evaluation.
 */
export const EXACT_T_MAX_DEGREES = 1000;

/** Bisection steps used to invert the t distribution (bracket [0, 1000] shrinks below 1e-12). */
const BISECTION_STEPS = 60;

/**
 * P(|T| < t) for a Student t variable with an integer number of degrees of freedom, by the finite
 * series of Abramowitz & Stegun 26.7.3 (Hill 1970, CACM Algorithm 395): exact, no special
 * functions needed.
 */
export function studentTwoSidedProbability(t: number, degrees: number): number {
  if (!(t > 0)) return 0;
  if (!Number.isFinite(t)) return 1;
  const theta = Math.atan(t / Math.sqrt(degrees));
  const sine = Math.sin(theta);
  const cosineSquared = Math.cos(theta) ** 2;
  if (degrees % 2 === 1) {
    if (degrees === 1) return (2 / Math.PI) * theta;
    // 1 + (2/3)c^2 + (2*4)/(3*5)c^4 + ... up to c^(degrees-3)
    let term = 1;
    let sum = 1;
    for (let k = 2; k <= degrees - 3; k += 2) {
      term *= (k / (k + 1)) * cosineSquared;
      sum += term;
    }
    return (2 / Math.PI) * (theta + sine * Math.cos(theta) * sum);
  }
  // 1 + (1/2)c^2 + (1*3)/(2*4)c^4 + ... up to c^(degrees-2)
  let term = 1;
  let sum = 1;
  for (let k = 1; k <= degrees - 3; k += 2) {
    term *= (k / (k + 1)) * cosineSquared;
    sum += term;
  }
  return sine * sum;
}

/**
 * The two-sided 95% critical value of Student's t with `degrees` degrees of freedom
 * (12.706 at 1, 2.228 at 10, 1.96 in the limit). Degrees below 1 have no interval: Infinity.
 * @example tCritical95(10) // 2.2281
 */
export function tCritical95(degrees: number): number {
  if (!(degrees >= 1)) return Number.POSITIVE_INFINITY;
  const whole = Math.floor(degrees);
  if (whole > EXACT_T_MAX_DEGREES) {
    const z = 1.959963984540054;
    return z + (z ** 3 + z) / (4 * whole);
  }
  let low = 0;
  let high = 1000;
  for (let step = 0; step < BISECTION_STEPS; step += 1) {
    const middle = (low + high) / 2;
    if (studentTwoSidedProbability(middle, whole) < 0.95) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}

/**
 * The Wilson score interval for a proportion (Wilson 1927, JASA 22:209-212): unlike the Wald
 * interval it stays inside [0, 1] and does not collapse to a point at 0% or 100%, which matters
 * for the small groups CX analysts slice into.
 * @example wilsonInterval(8, 10) // { low: 0.4902, high: 0.9433 }
 */
export function wilsonInterval(successes: number, total: number, z: number = Z_95): { low: number; high: number } {
  if (total <= 0) return { low: 0, high: 1 };
  const proportion = successes / total;
  const zSquared = z * z;
  const denominator = 1 + zSquared / total;
  const centre = (proportion + zSquared / (2 * total)) / denominator;
  const halfWidth =
    (z / denominator) * Math.sqrt((proportion * (1 - proportion)) / total + zSquared / (4 * total * total));
  return { low: Math.max(0, centre - halfWidth), high: Math.min(1, centre + halfWidth) };
}

/** Arithmetic mean; NaN for an empty list (callers check length first). */
export function mean(values: readonly number[]): number {
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/** Unbiased sample variance (n - 1 denominator); 0 for fewer than two values. */
export function sampleVariance(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const centre = mean(values);
  let sum = 0;
  for (const value of values) sum += (value - centre) ** 2;
  return sum / (values.length - 1);
}

/** Clamps a number into [low, high]. */
export function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}
