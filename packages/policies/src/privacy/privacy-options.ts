import { z } from 'zod';

/**
 * Options of the `privacy` policy. It has none: `switchyard.privacy: 'local-only'` on the request
 * is the whole input. The schema is strict so a misspelt option is reported, not ignored.
 */
export const privacyOptionsSchema = z.strictObject({});

/** Options accepted by {@link privacyPolicy} (none). */
export type PrivacyOptions = z.input<typeof privacyOptionsSchema>;
