export { createTgi, type TgiBackend } from './create-tgi.js';
export { describeTgi, type TgiModelDescription } from './tgi-describe.js';
export { classifyTgiError } from './tgi-error.js';
export { probeTgi } from './tgi-probe.js';
export { prepareTgiBody } from './tgi-request-body.js';
export { type TgiGrammar, toTgiResponseFormat } from './tgi-response-format.js';
export { defaultTgiBaseUrl, type TgiSettings } from './tgi-settings.js';
