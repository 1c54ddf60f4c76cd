/**
 * The zod every browser-side schema is built with: `zod/mini`, whose functional
 * API (`z.optional(x)`, `x.check(z.minLength(1))`) tree-shakes, so the guest's
 * first load carries only the checks the schemas use instead of classic zod's
 * whole method-chaining API.
 *
 * Classic zod registers its English messages by itself; mini does not, and
 * without a locale every issue reads just "Invalid input". English is
 * registered here, unless something registered a locale first, so hosts and
 * guests keep reading what was wrong ("Too small: expected string to have
 * >=10 characters"). Import `z` from this module, never from 'zod/mini'
 * directly, so that registration always comes along.
 *
 * Classic's `.finite()` has no counterpart here: it is a no-op in zod 4, where
 * `z.number()` itself rejects Infinity and NaN.
 */
import * as z from 'zod/mini';
import { en } from 'zod/locales';

if (!z.config().localeError) z.config(en());

export { z };
