// biome-ignore-all format: the README shows this file as is, so it stays compact.
import { createEmbedded } from '@switchyard/backend-embedded';
import { createRouter } from '@switchyard/core';
import { contextFitPolicy, costPolicy, privacyPolicy } from '@switchyard/policies';

const router = createRouter({
  targets: [{ id: 'tiny-local', backend: 'embedded', kind: 'embedded', model: 'tiny-chatml', quantization: 'F32',
    tier: 1, locality: 'local', capabilities: { contextWindow: 2048, tools: false, structuredOutput: 'native', vision: false } }],
  backends: { embedded: createEmbedded({ modelPath: new URL('../models/tiny-chatml.gguf', import.meta.url).pathname }) },
  policies: [privacyPolicy(), contextFitPolicy(), costPolicy()],
});
const schema = { type: 'object', properties: { ok: { type: 'boolean' } }, required: ['ok'], additionalProperties: false } as const;
const { object, target } = await router.generateObject(
  { model: 'auto', messages: [{ role: 'user', content: 'Is the sky blue?' }], switchyard: { privacy: 'local-only' } },
  { schema },
);
console.log(`ok=${object.ok} (a ${typeof object.ok}) from ${target.target}`); // object: { ok: boolean }
