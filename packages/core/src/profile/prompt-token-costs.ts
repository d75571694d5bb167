/**
 * Fixed token costs the profiler adds to the text it counts. They follow OpenAI's published
 * accounting where one exists and are documented in docs/profiler.md.
 */

/** Role, separators and end-of-message marker around each message (ChatML-style templates). */
export const MESSAGE_OVERHEAD_TOKENS = 4;
/** `name` field of a message: the name's own tokens plus this. */
export const MESSAGE_NAME_OVERHEAD_TOKENS = 1;
/** Start of the assistant reply the template appends after the last message. */
export const REPLY_PRIMING_TOKENS = 3;
/** Wrapper of one tool call in an assistant message (id, type, name and arguments keys). */
export const TOOL_CALL_OVERHEAD_TOKENS = 8;
/** An image with `detail: 'low'` (OpenAI: a flat 85 tokens). */
export const LOW_DETAIL_IMAGE_TOKENS = 85;
/**
 * An image with `detail: 'high'`, `'auto'` or no detail. The size is not decoded, so this is the
 * OpenAI cost of a 1024×1024 image in high detail (85 + 4 tiles × 170); local vision models use
 * 256–1,000 tokens per image.
 */
export const IMAGE_TOKENS = 765;
/** An `input_audio` part (about 20 s of speech); the audio is not decoded. */
export const AUDIO_PART_TOKENS = 200;
/** A `file` part (about two pages of a PDF); the file is not decoded. */
export const FILE_PART_TOKENS = 1000;
