// Loaded with `node --import` into a server process that must run with a wrong wall clock (cluster tests: a node
// whose clock is off must not matter, since leases are judged by PostgreSQL's clock). Shifts Date by
// INTERQ_TEST_CLOCK_SKEW_MS milliseconds; the monotonic clock (performance.now) is left alone, as a skewed
// system clock would leave it.
const skew = Number(process.env.INTERQ_TEST_CLOCK_SKEW_MS ?? 0);
if (skew !== 0) {
  const RealDate = Date;
  const realNow = RealDate.now.bind(RealDate);
  class SkewedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(realNow() + skew);
      else super(...args);
    }
    static now() {
      return realNow() + skew;
    }
  }
  globalThis.Date = SkewedDate;
}
