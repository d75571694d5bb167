import { z } from 'zod';

/**
 * Options of the `modality` policy. It has none: the request's image parts are the whole input.
 * The schema is strict so a misspelt option is reported, not ignored.
 */
export const modalityOptionsSchema = z.strictObject({});

/** Options accepted by {@link modalityPolicy} (none). */
export type ModalityOptions = z.input<typeof modalityOptionsSchema>;
